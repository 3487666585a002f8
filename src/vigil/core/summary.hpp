// core: what a run looked at and what it left out, for the report's summary.
#pragma once

#include <string>
#include <vector>
#include <vigil/core/change.hpp>

namespace vigil::core {

struct SkippedEntry {
    std::string path;
    std::string reason;
    std::string commit; // empty outside commit/history scans
};

struct RunSummary {
    std::string target; // "staged", "worktree", "commit <id>", "range A..B", "history", "paths"
    size_t commits = 0; // commits read (commit, range and history targets)
    size_t files = 0;   // files whose added lines were scanned
    size_t lines = 0;   // added lines scanned
    std::vector<SkippedEntry> skipped;
    size_t baseline_known = 0; // findings left out because the baseline lists them
};

} // namespace vigil::core
