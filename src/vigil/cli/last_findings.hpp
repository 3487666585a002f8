// cli: the findings of the last `vigil review` in a repository, kept in <git dir>/vigil/ so
// `vigil explain ID` can find one again. Secrets are stored masked, never in full.
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <vigil/core/finding.hpp>

namespace vigil::cli {

struct StoredFinding {
    std::string fingerprint;
    std::string rule_id;
    std::string severity;
    std::string message;
    std::string path;
    uint32_t line = 0;
    uint32_t end_line = 0;
    std::string text; // the finding's lines, secrets masked
};

// Best effort: a store that cannot be written never fails a review.
void save_last_findings(const std::string& git_dir, const std::string& target,
                        const std::vector<core::Finding>& findings);

// The stored findings; none when there is no store or it cannot be read.
std::vector<StoredFinding> load_last_findings(const std::string& git_dir);

} // namespace vigil::cli
