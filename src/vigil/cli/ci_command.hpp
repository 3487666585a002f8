// cli: `vigil ci` — the review of a pull request, merge request or push as GitHub Actions or
// GitLab CI runs it: the range from the CI's environment, the reports the forge reads, line
// comments on the change (forge module), the exit code by --fail-on.
#pragma once

#include "review_command.hpp"

namespace vigil::cli {

struct CiRequest {
    ReviewRequest review;     // models, rules, outputs and --fail-on, as `vigil review` has them
    bool no_comments = false; // reports only
    size_t max_comments = 25; // new line comments per run
};

// Returns the exit code (docs/cli.md); reports its own errors on stderr. A forge that cannot
// be reached or refuses the token is a warning: the reports and the exit code stand.
int run_ci(const CiRequest& request);

} // namespace vigil::cli
