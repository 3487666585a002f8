// cli: `vigil rules check|test|list` — validating, testing and showing rule files.
#pragma once

#include <string>
#include <vector>

namespace vigil::cli {

struct RulesRequest {
    std::string action; // check | test | list
    std::vector<std::string> files;
    std::string config;         // list: --config
    std::string repo_dir = "."; // list: -C
    std::string color = "auto";
};

// check: every problem of every file (exit 2 on any); test: every rule's examples (exit 1 on
// a failed example); list: the rules a scan here would use.
int run_rules(const RulesRequest& request);

} // namespace vigil::cli
