// Test support: run a real program (git, the vigil binary) and capture what it did.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace vigil::test {

struct ProcessResult {
    int exit_code = -1; // the exit status, or 128 + signal when killed by a signal
    std::string out;
    std::string err;
};

struct ProcessOptions {
    std::string cwd;
    std::vector<std::pair<std::string, std::string>> env; // set (after the defaults are removed)
    std::vector<std::string> unset_env;                   // removed in addition to the defaults
    std::string stdin_data;
};

// Variables removed from every child's environment so tests do not depend on where they run
// (inside a git hook, in CI, with colour settings): GIT_DIR, GIT_INDEX_FILE, GIT_WORK_TREE,
// GIT_COMMON_DIR, GIT_PREFIX, CI, GITHUB_ACTIONS, GITLAB_CI, NO_COLOR, CLICOLOR_FORCE, CLICOLOR.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& opts = {});

// The vigil binary under test (build/vigil).
std::string vigil_binary();

} // namespace vigil::test
