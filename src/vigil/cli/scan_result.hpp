// cli (private): what a scan produced, shared by `vigil scan` and `vigil baseline create`.
#pragma once

#include "scan_command.hpp"
#include "terminal.hpp"

#include <map>
#include <string>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/core/rule_info.hpp>
#include <vigil/core/suggestion.hpp>
#include <vigil/core/summary.hpp>
#include <vigil/git/repository.hpp>
#include <vigil/report/report.hpp>
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
    bool covers_top = false;             // the scan saw every file a baseline of `root` can list
    std::vector<core::RuleInfo> catalog; // every loaded rule, for the report
    // The blob each finding's file had, by "commit\0path" (commit empty outside commit and
    // history scans); absent for work-tree and path scans, which read the file itself.
    std::map<std::string, std::string> blob_ids;
    std::map<std::string, uint32_t> file_modes;      // same keys: git modes of files with fixes
    std::string start_time;                          // UTC, when the scan began
    std::string mode = "scan";                       // the command, for the report
    std::vector<core::Suggestion> model_suggestions; // `vigil review`: fixes that passed the checks
};

// The rules over the target `r` names, as `vigil scan` reports them: the rule file's own
// findings and the baseline's left out. `changes`, when given, receives a diff target's
// ChangeSet (`vigil review` reviews it next).
util::Expected<ScanResult> run_rules(const ScanRequest& r, core::ChangeSet* changes);

// Writes every requested output and the summary lines on stderr; returns the exit code by
// --fail-on.
util::Expected<int> write_reports(const ScanRequest& r, ScanResult& result, ColorMode color);

// `vigil review`'s lines on stderr: what the models reviewed and what they cost, what was not
// reviewed and why.
void print_review_summary(const core::ReviewSummary& review);

// Now in UTC as "yyyy-mm-ddThh:mm:ss".
std::string utc_now();

// What the writers get: moves the findings, summary and suggestions out of `result`, with the
// rules they name and a way to read the files they are in.
report::ReportData report_data(const ScanRequest& r, ScanResult& result);

// Writes one format to stdout (coloured per `color` on a terminal) or to its file.
util::Expected<void> write_output(const OutputPlan& plan, const report::ReportData& data,
                                  ColorMode color);

// Adds `syntax-error` findings for the files of `changes` that parsed before and do not now
// (diff targets only: a path or history scan has no "before" worth the parse).
void add_syntax_findings(ScanResult& result, const git::Repository& repo,
                         const core::ChangeSet& changes, unsigned threads);

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
