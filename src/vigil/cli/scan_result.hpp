// cli (private): what a scan produced, shared by `vigil scan` and `vigil baseline create`.
#pragma once

#include "scan_command.hpp"

#include <map>
#include <string>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/core/summary.hpp>
#include <vigil/scan/scanner.hpp>
#include <vigil/util/error.hpp>

namespace vigil::cli {

struct ScanResult {
    std::vector<core::Finding> findings;
    core::RunSummary summary;
    std::string root;      // the work tree (with '/') or "." for path scans; "" for bare repos
    scan::ScanStats stats; // with stats.profile: per-rule timings (--profile-rules)
    std::vector<std::string> rule_ids; // with stats.profile: for naming them
    std::string rule_file;             // the rule file in use, as findings name paths
    // Path scans name files by their path from the repository's top while scanning (see
    // PathKeys); this maps those keys back to the paths as the user typed them.
    std::map<std::string, std::string> shown_paths;
    bool covers_top = false; // the scan saw every file a baseline of `root` can list
};

// Puts findings and skipped files back in path order (files are scanned on several threads).
void sort_by_path(ScanResult& result);

// `vigil baseline create`: writes the findings' fingerprints (to --output, or
// .vigil-baseline.json at the top) and returns the exit code.
util::Expected<int> write_baseline_file(const ScanRequest& r, ScanResult& result);

// Leaves out the findings the baseline (--baseline, or .vigil-baseline.json at the top) knows,
// and findings in the baseline file itself; notes entries nothing matched when the scan saw
// everything.
util::Expected<void> use_baseline(const ScanRequest& r, ScanResult& result);

} // namespace vigil::cli
