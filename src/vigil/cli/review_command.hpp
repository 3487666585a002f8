// cli: `vigil review` — the rules and then the models over a change (by default the current
// branch since it left its upstream or the default branch). The rules' findings always come
// out; the models add anchored findings and checked fixes when one can be reached.
#pragma once

#include "scan_command.hpp"
#include "scan_result.hpp"

#include <vigil/config/llm_config.hpp>

namespace vigil::cli {

struct ReviewRequest {
    ScanRequest scan; // the target, outputs, --fail-on, rules and baseline, as `vigil scan` has
    std::string range_arg; // the positional RANGE
    config::LlmConfigRequest llm;
    bool no_llm = false; // the rules only
    bool verify = false; // score each finding with the verify model
    bool no_triage = false;
    size_t max_findings = 3;
};

// Returns the exit code (docs/cli.md); reports its own errors on stderr.
int run_review(const ReviewRequest& request);

// What a review found, before any output: the scan request it came to (the target made
// explicit) and the rules' and models' findings and fixes, as write_reports (scan_result.hpp)
// takes them. For callers that review and report differently (hooks, CI). The last findings
// are saved for `vigil explain`.
struct ReviewedChange {
    ScanRequest scan;
    ScanResult result;
};
util::Expected<ReviewedChange> review_change(const ReviewRequest& request);

} // namespace vigil::cli
