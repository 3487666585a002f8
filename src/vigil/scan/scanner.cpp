#include "fragment.hpp"

#include <algorithm>
#include <vigil/scan/scanner.hpp>

namespace vigil::scan {
namespace {

core::Finding file_finding(const rules::Rule& rule, const std::string& path,
                           const std::string& commit, std::string_view what) {
    core::Finding f;
    f.rule_id = rule.id;
    f.category = rule.category;
    f.severity = rule.severity;
    f.message = (rule.message.empty() ? rule.description : rule.message);
    if (f.message.empty()) {
        f.message = std::string(what);
    }
    f.commit = commit;
    f.location.path = path;
    f.fingerprint = core::fingerprint_for(rule.id, path, what);
    return f;
}

uint64_t added_bytes(const core::FileChange& file) {
    uint64_t bytes = 0;
    for (const auto& hunk : file.hunks) {
        for (const auto& line : hunk.lines) {
            if (line.kind == core::LineKind::added) {
                bytes += line.content.size() + 1;
            }
        }
    }
    return bytes;
}

// Rules without a regex: a path rule reports the file once ("file detected", as gitleaks);
// a size rule reports a new file whose added text is at least its size (a file skipped as too
// large may be an old one edited, so it is left to the skip note).
void scan_file_rules(const rules::RuleSet& rules, const std::string& path,
                     const std::string& commit, uint64_t new_bytes,
                     std::vector<core::Finding>& out) {
    for (size_t index : rules.file_rules()) {
        const rules::Rule& rule = rules.rule(index);
        if (rule.skip_report || !rules.applies_to(index, path, commit)) {
            continue;
        }
        if (rule.min_file_size > 0) {
            if (new_bytes >= rule.min_file_size) {
                out.push_back(file_finding(rule, path, commit, "large file"));
            }
        } else {
            out.push_back(file_finding(rule, path, commit, "file detected: " + path));
        }
    }
}

} // namespace

void ScanStats::add(const ScanStats& other) {
    files += other.files;
    lines += other.lines;
    rule_seconds.resize(std::max(rule_seconds.size(), other.rule_seconds.size()));
    rule_bytes.resize(std::max(rule_bytes.size(), other.rule_bytes.size()));
    for (size_t i = 0; i < other.rule_seconds.size(); ++i) {
        rule_seconds[i] += other.rule_seconds[i];
        rule_bytes[i] += other.rule_bytes[i];
    }
}

std::vector<core::Finding> scan_changes(const rules::RuleSet& rules, const core::ChangeSet& changes,
                                        ScanStats* stats, const core::TextSource& text_of) {
    std::vector<core::Finding> findings;
    if (stats && stats->profile) {
        stats->rule_seconds.resize(rules.size());
        stats->rule_bytes.resize(rules.size());
    }
    FragmentScanner fragments(rules, changes.commit, stats, text_of);
    for (const auto& file : changes.files) {
        if (file.status == core::FileStatus::deleted) {
            continue;
        }
        const std::string& path = file.path();
        if (stats) {
            ++stats->files;
        }
        if (rules.path_allowed(path, changes.commit)) {
            continue;
        }
        uint64_t new_bytes = file.status == core::FileStatus::added ? added_bytes(file) : 0;
        scan_file_rules(rules, path, changes.commit, new_bytes, findings);
        fragments.start_file(file);
        for (const auto& hunk : file.hunks) {
            // A fragment is a run of consecutive added lines (gitleaks: one per hunk of -U0).
            const auto& lines = hunk.lines;
            for (size_t i = 0; i < lines.size();) {
                if (lines[i].kind != core::LineKind::added) {
                    ++i;
                    continue;
                }
                size_t end = i;
                while (end < lines.size() && lines[end].kind == core::LineKind::added) {
                    ++end;
                }
                if (stats) {
                    stats->lines += end - i;
                }
                fragments.scan(std::span(lines).subspan(i, end - i), findings);
                i = end;
            }
        }
    }
    for (const auto& skipped : changes.skipped) {
        if (skipped.reason == "submodule" || rules.path_allowed(skipped.path, changes.commit)) {
            continue;
        }
        scan_file_rules(rules, skipped.path, changes.commit, 0, findings);
    }
    std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
        return std::tie(a.location.path, a.location.line, a.location.column) <
               std::tie(b.location.path, b.location.line, b.location.column);
    });
    return findings;
}

} // namespace vigil::scan
