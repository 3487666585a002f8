// cli: `vigil learn stats` — how each rule's findings fared in this repository: shown,
// applied, landed without `apply`, dismissed, and the rates people act on.
#pragma once

#include <string>

namespace vigil::cli {

struct LearnRequest {
    std::string format = "text"; // text | json
    std::string repo_dir = ".";
};

// 0 after printing (nothing recorded yet is not an error); 2 for a bad --format.
int run_learn_stats(const LearnRequest& request);

} // namespace vigil::cli
