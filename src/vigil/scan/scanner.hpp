// scan: runs a RuleSet over the added lines of a ChangeSet and turns matches into Findings.
#pragma once

#include <string_view>
#include <vector>
#include <vigil/core/change.hpp>
#include <vigil/core/finding.hpp>
#include <vigil/core/text_source.hpp>
#include <vigil/rules/rule_set.hpp>

namespace vigil::scan {

// Markers that, anywhere on a line, keep the rules from reporting that line.
inline constexpr std::string_view k_inline_ignores[] = {"vigil:allow", "gitleaks:allow",
                                                        "pragma: allowlist secret"};

struct ScanStats {
    size_t files = 0;
    size_t lines = 0;
    // With profile set: per rule index, the time its regex ran and the bytes it ran over.
    bool profile = false;
    std::vector<double> rule_seconds;
    std::vector<uint64_t> rule_bytes;

    void add(const ScanStats& other);
};

// Findings on the added lines of every file, in file/line/column order. Thread-safe for
// concurrent calls (the RuleSet is read-only). A rule with a `scope` (code, comment, string)
// reports only a match in that scope: when one matches, the file's new text is read through
// `text_of` (an added file's is in its hunk already) and parsed once. Where no text or no
// grammar is at hand, or the parse hits a limit, a scoped rule reports as `any` would.
std::vector<core::Finding> scan_changes(const rules::RuleSet& rules, const core::ChangeSet& changes,
                                        ScanStats* stats = nullptr,
                                        const core::TextSource& text_of = {});

} // namespace vigil::scan
