// cli: `vigil scan` — rules over staged changes, the work tree, commits, history or files.
#pragma once

#include "outputs.hpp"

#include <string>
#include <vector>

namespace vigil::cli {

// What the user asked for, as parsed from the command line (no CLI11 types).
struct ScanRequest {
    bool staged = false;
    bool worktree = false;
    bool history = false;
    bool branch = false;
    bool all_refs = false;
    std::string commit;
    std::string range;
    std::vector<std::string> paths;
    std::string repo_dir = ".";
    std::vector<OutputArg> output_args; // --format and --output, in command-line order
    std::string output;                 // `baseline create --output`
    std::string fail_on = "error";
    std::string max_file_size = "10M";
    std::string color = "auto";
    std::string config; // --config FILE
    // The built-in packs, whatever rule file the repository has: the git hooks' fallback when
    // that file does not load (a bad .vigil.toml must not stop every commit).
    bool builtin_rules = false;
    std::string baseline; // --baseline FILE; empty: .vigil-baseline.json at the top, if any
    bool no_baseline = false;
    bool profile_rules = false;   // --profile-rules: regex time per rule on stderr
    bool create_baseline = false; // `vigil baseline create`: write the findings as a baseline
    bool show_secrets = false;
    bool no_syntax = false; // no syntax-error findings (docs/syntax.md)
    unsigned threads = 0;
};

// Runs the scan (or creates a baseline) and returns the exit code; reports its own errors on
// stderr.
int run_scan(const ScanRequest& request);

} // namespace vigil::cli
