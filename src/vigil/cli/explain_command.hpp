// cli: `vigil explain ID|PATH:LINE` — the explain model's account of a finding (by the start
// of its fingerprint, from the last `vigil review`) or of any lines of a file, streamed to the
// terminal as it arrives.
#pragma once

#include <string>
#include <vigil/config/llm_config.hpp>

namespace vigil::cli {

struct ExplainRequest {
    std::string what; // a fingerprint prefix (6+ hex digits) or PATH:LINE[-END]
    std::string repo_dir = ".";
    std::string config; // --config: the rule file (for redaction)
    std::string color = "auto";
    config::LlmConfigRequest llm;
};

// 0 when an explanation was printed; 2 for an unknown id or a bad PATH:LINE; 3 when no model
// could answer (the reason in one line).
int run_explain(const ExplainRequest& request);

} // namespace vigil::cli
