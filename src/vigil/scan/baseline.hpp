// scan: baselines — the findings a team has accepted, stored as content fingerprints only.
//
// A baseline file (.vigil-baseline.json by default) lists each known finding's fingerprint
// (sha256 of rule id, path and secret — see core::fingerprint_for), rule id and path. It never
// holds a secret, a line number or a line of code: a finding stays known when lines move, and
// a different secret on the same line is a new finding.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/util/error.hpp>

namespace vigil::scan {

inline constexpr const char* k_baseline_file = ".vigil-baseline.json";

struct BaselineEntry {
    std::string fingerprint;
    std::string rule_id;
    std::string path;
};

struct Baseline {
    std::vector<BaselineEntry> entries; // sorted by fingerprint, unique
};

// Fails (config error) naming the file and what is wrong when it is not a vigil baseline.
util::Expected<Baseline> read_baseline(const std::filesystem::path& file);

// The baseline of `findings`: one entry per distinct fingerprint, sorted.
Baseline make_baseline(const std::vector<core::Finding>& findings);
void write_baseline(std::ostream& out, const Baseline& baseline);

struct BaselineOutcome {
    size_t known = 0;                  // findings removed because the baseline has them
    std::vector<BaselineEntry> unused; // entries no finding of this run matched
};

// Removes from `findings` those the baseline knows (same fingerprint, rule and path).
BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<core::Finding>& findings);

} // namespace vigil::scan
