#include <algorithm>
#include <vigil/scan/scanner.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::scan {
namespace {

bool has_inline_ignore(std::string_view line) {
    return std::any_of(std::begin(k_inline_ignores), std::end(k_inline_ignores),
                       [&](std::string_view marker) { return line.find(marker) != line.npos; });
}

std::string_view trimmed(std::string_view text) {
    size_t b = text.find_first_not_of(" \t");
    if (b == text.npos) {
        return {};
    }
    size_t e = text.find_last_not_of(" \t");
    return text.substr(b, e - b + 1);
}

core::Finding make_finding(const rules::RuleSet& rules, const rules::Match& m,
                           const std::string& path, const core::Line& line,
                           const std::string& commit) {
    const rules::Rule& rule = rules.rule(m.rule);
    std::string_view text = line.text();
    core::Finding f;
    f.rule_id = rule.id;
    f.category = rule.category;
    f.severity = rule.severity;
    f.message = rule.message.empty() ? rule.description : rule.message;
    f.commit = commit;
    f.line_text.assign(text);
    f.match = {m.begin, m.end};
    if (rule.category == "secret") {
        f.secret = {m.secret_begin, m.secret_end};
    }
    f.entropy = m.entropy;
    f.location.path = path;
    f.location.line = line.new_lineno;
    f.location.column = m.begin + 1;
    f.location.end_column = m.end + 1;
    f.location.char_column = uint32_t(util::count_chars(text.substr(0, m.begin)) + 1);
    f.location.char_end_column =
        f.location.char_column + uint32_t(util::count_chars(text.substr(m.begin, m.end - m.begin)));
    std::string_view identity =
        f.has_secret() ? f.secret_text() : trimmed(text.substr(m.begin, m.end - m.begin));
    f.fingerprint = core::fingerprint_for(rule.id, path, identity);
    return f;
}

} // namespace

std::vector<core::Finding> scan_changes(const rules::RuleSet& rules, const core::ChangeSet& changes,
                                        ScanStats* stats) {
    std::vector<core::Finding> findings;
    std::vector<rules::Match> matches;
    std::string lowered;
    for (const auto& file : changes.files) {
        if (stats) {
            ++stats->files;
        }
        // One keyword pass over the file's added text decides which rules can match at all;
        // most files of most changes then need no per-line work.
        lowered.clear();
        size_t added = 0;
        for (const auto& hunk : file.hunks) {
            for (const auto& line : hunk.lines) {
                if (line.kind == core::LineKind::added) {
                    lowered += line.text();
                    lowered += '\n';
                    ++added;
                }
            }
        }
        if (stats) {
            stats->lines += added;
        }
        for (char& c : lowered) {
            if (c >= 'A' && c <= 'Z') {
                c = char(c - 'A' + 'a');
            }
        }
        std::vector<size_t> candidates = rules.candidate_rules(lowered);
        if (candidates.empty()) {
            continue;
        }
        for (const auto& hunk : file.hunks) {
            for (const auto& line : hunk.lines) {
                if (line.kind != core::LineKind::added) {
                    continue;
                }
                matches.clear();
                rules.match_line(file.path(), line.text(), matches, changes.commit, candidates);
                if (matches.empty() || has_inline_ignore(line.content)) {
                    continue;
                }
                size_t first = findings.size();
                std::vector<core::Span> secrets;
                for (const auto& m : matches) {
                    findings.push_back(make_finding(rules, m, file.path(), line, changes.commit));
                    if (findings.back().has_secret()) {
                        secrets.push_back(findings.back().secret);
                    }
                }
                // Each finding's snippet (a hygiene finding's too) must mask every secret on its
                // line.
                for (size_t i = first; i < findings.size() && !secrets.empty(); ++i) {
                    findings[i].line_secrets = secrets;
                }
            }
        }
    }
    std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
        return std::tie(a.location.path, a.location.line, a.location.column) <
               std::tie(b.location.path, b.location.line, b.location.column);
    });
    return findings;
}

} // namespace vigil::scan
