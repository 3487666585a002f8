// config: which rules a run uses, and how far a repository's own rule file is trusted.
//
// Order: --config FILE (the user's, trusted); else .vigil.toml, else .gitleaks.toml at the top
// of the repository (or the current folder for path scans); else the built-in packs. A
// repository's file is untrusted in CI (it may come from the pull request being checked): it
// can add and tune rules but cannot disable, change or allowlist the default secret rules.
#pragma once

#include <string>
#include <vigil/rules/rule_set.hpp>
#include <vigil/util/error.hpp>

namespace vigil::config {

struct RuleConfigRequest {
    std::string config_file; // --config; empty: look in `root`
    std::string root;        // the repository's work tree or the folder scanned; may be empty
    bool in_ci = false;
};

struct LoadedRules {
    rules::RuleSet rules;
    std::string origin;       // "built-in rules" or the file's path
    std::string origin_file;  // the file's path, empty for the built-in rules
};

// Fails (config error, exit 2) with every problem of the chosen file, or when --config names
// a file that does not exist.
util::Expected<LoadedRules> load_rule_config(const RuleConfigRequest& request);

// The repository rule files looked for, in order.
inline constexpr const char* k_repository_rule_files[] = {".vigil.toml", ".gitleaks.toml"};

} // namespace vigil::config
