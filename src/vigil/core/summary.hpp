// core: what a run looked at and what it left out, for the report's summary.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <vigil/core/change.hpp>

namespace vigil::core {

struct SkippedEntry {
    std::string path;
    std::string reason;
    std::string commit; // empty outside commit/history scans
};

// Tokens and time one model spent in one role.
struct ModelUsage {
    std::string role; // triage | review | verify | explain
    std::string model;
    uint64_t requests = 0; // sent to a server
    uint64_t failures = 0;
    uint64_t cache_hits = 0;
    uint64_t prompt_tokens = 0;
    uint64_t output_tokens = 0;
    double seconds = 0;
};

// What the model review of a run did (`vigil review`), for the report.
struct ReviewSummary {
    std::string skipped;    // why no model reviewed anything ("no model: ..."); "" when one did
    size_t hunks = 0;       // hunks in the change
    size_t pretriaged = 0;  // hunks no model needed (lock files, deletions, comments only)
    size_t triaged_out = 0; // hunks the triage model judged routine
    size_t groups = 0;      // review requests the rest needed (hunks sharing a function: one)
    size_t reviewed = 0;    // groups a model answered
    size_t findings = 0;    // model findings reported
    size_t anchored = 0;    // quotes found in the added lines
    size_t unanchored = 0;  // quotes not found: their findings were dropped
    size_t invalid = 0;     // answer entries that did not fit the schema, or past the cap
    size_t verify_dropped = 0;
    size_t suggestions = 0;                 // fixes that passed every check
    std::map<std::string, size_t> rejected; // fixes that failed, by reason
    std::vector<SkippedEntry> not_reviewed; // what no model saw, and why (listed by name)
    std::vector<std::string> failures;      // model failures, in words
    std::vector<ModelUsage> usage;
    double seconds = 0; // wall time of the model part of the run
};

struct RunSummary {
    std::string target; // "staged", "worktree", "commit <id>", "range A..B", "history", "paths"
    size_t commits = 0; // commits read (commit, range and history targets)
    size_t files = 0;   // files whose added lines were scanned
    size_t lines = 0;   // added lines scanned
    std::vector<SkippedEntry> skipped;
    size_t baseline_known = 0;           // findings left out because the baseline lists them
    std::optional<ReviewSummary> review; // set by `vigil review`
};

} // namespace vigil::core
