#include "fragment.hpp"

#include <algorithm>
#include <chrono>
#include <vigil/lang/grammar.hpp>
#include <vigil/scan/scanner.hpp>
#include <vigil/util/text.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::scan {
namespace {

bool has_inline_ignore(std::string_view line) {
    return std::any_of(std::begin(k_inline_ignores), std::end(k_inline_ignores),
                       [&](std::string_view marker) { return line.find(marker) != line.npos; });
}

// Runs of spaces and tabs become one space, ends trimmed: re-indenting a line keeps the
// fingerprint of a finding on it.
std::string normalised(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

bool is_generic(std::string_view id) {
    return util::to_lower_ascii(id).find("generic") != std::string::npos;
}

uint32_t distance(uint32_t a, uint32_t b) {
    return a > b ? a - b : b - a;
}

// The text of an added file read whole into one hunk (a path scan, a rule example): the
// hunk's lines. nullopt for anything else.
std::optional<std::string> text_in_hunk(const core::FileChange& file) {
    if (file.status != core::FileStatus::added || file.hunks.size() != 1 ||
        file.hunks[0].new_start > 1) {
        return std::nullopt;
    }
    std::string text;
    for (const auto& line : file.hunks[0].lines) {
        if (line.kind != core::LineKind::added) {
            return std::nullopt;
        }
        text += line.content;
        if (!line.no_newline_at_eof) {
            text += '\n';
        }
    }
    return text;
}

// The first and last non-blank bytes of a match: where it is judged for its scope (a rule's
// leading `^[ \t]*` must not put an indented comment in code).
std::pair<uint32_t, uint32_t> scope_anchors(std::string_view text, const rules::Match& m) {
    std::string_view match = text.substr(m.begin, m.end - m.begin);
    size_t first = match.find_first_not_of(" \t\r\n");
    size_t last = match.find_last_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {m.begin, m.begin};
    }
    return {m.begin + uint32_t(first), m.begin + uint32_t(last)};
}

// A line filter pays when it leaves out most lines: a rule that must end a line on given
// bytes (trailing whitespace), or one that needs a line longer than most (long lines).
// Shorter minimums would cut the text into many small windows for little gain.
constexpr uint32_t k_min_bytes_worth_filtering = 64;

bool worth_filtering(const rules::LineFilter& filter) {
    return filter.line_bound &&
           (filter.ends_line || filter.min_bytes >= k_min_bytes_worth_filtering);
}

} // namespace

void FragmentScanner::start_file(const core::FileChange& file) {
    m_file = &file;
    m_path = &file.path();
    m_applies.assign(m_rules.size(), -1);
    m_scopes.reset();
}

const lang::ScopeMap& FragmentScanner::scopes() {
    if (!m_scopes) {
        std::optional<std::string> text = text_in_hunk(*m_file);
        if (!text && m_text_of) {
            text = m_text_of(*m_file);
        }
        std::string_view grammar = text ? lang::grammar_for(*m_path, *text) : std::string_view();
        m_scopes = lang::scope_map(grammar, text ? *text : std::string_view());
    }
    return *m_scopes;
}

bool FragmentScanner::in_scope(const rules::Match& m, std::span<const core::Line> lines) {
    const rules::Rule& rule = m_rules.rule(m.rule);
    if (rule.scope.empty() || rule.scope == "any") {
        return true;
    }
    const lang::ScopeMap& map = scopes();
    if (!map.parsed()) {
        return true;
    }
    auto scope_at = [&](uint32_t offset) {
        size_t index = line_index(offset);
        return lang::to_string(map.at(lines[index].new_lineno, offset - m_starts[index] + 1));
    };
    // In code when it begins or ends there (`"<b>#{name}</b>".html_safe` is a call on a
    // literal); in a comment or string when it begins there.
    auto [first, last] = scope_anchors(m_text, m);
    return scope_at(first) == rule.scope || (rule.scope == "code" && scope_at(last) == "code");
}

bool FragmentScanner::applies(size_t rule) {
    if (m_applies[rule] < 0) {
        m_applies[rule] = m_rules.applies_to(rule, *m_path, m_commit) ? 1 : 0;
    }
    return m_applies[rule] == 1;
}

size_t FragmentScanner::line_index(uint32_t offset) const {
    auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    return size_t(it - m_starts.begin()) - 1;
}

void FragmentScanner::scan(std::span<const core::Line> lines, std::vector<core::Finding>& out) {
    m_text.clear();
    m_starts.clear();
    for (const auto& line : lines) {
        m_starts.push_back(uint32_t(m_text.size()));
        m_text += line.text();
        if (!line.no_newline_at_eof) {
            m_text += '\n';
        }
    }
    m_candidates.clear();
    m_hits.clear();
    m_rules.candidate_rules(m_text, m_candidates, &m_hits);
    // gitleaks looks for a candidate's required rules whether or not their keywords occur.
    size_t prefiltered = m_candidates.size();
    for (size_t i = 0; i < prefiltered; ++i) {
        const auto& required = m_rules.required_rules(m_candidates[i]);
        m_candidates.insert(m_candidates.end(), required.begin(), required.end());
    }
    if (m_candidates.size() > prefiltered) {
        std::sort(m_candidates.begin(), m_candidates.end());
        m_candidates.erase(std::unique(m_candidates.begin(), m_candidates.end()),
                           m_candidates.end());
    }
    std::sort(m_hits.begin(), m_hits.end(), [](const auto& a, const auto& b) {
        return a.rule != b.rule ? a.rule < b.rule : a.end < b.end;
    });
    m_matches.clear();
    for (size_t rule : m_candidates) {
        if (!applies(rule)) {
            continue;
        }
        auto start =
            m_stats ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
        size_t scanned = m_text.size();
        auto range = std::equal_range(m_hits.begin(), m_hits.end(),
                                      rules::RuleSet::KeywordHit{uint32_t(rule), 0},
                                      [](const auto& a, const auto& b) { return a.rule < b.rule; });
        if (range.first != range.second) {
            scanned = run_on_keyword_lines(rule, &*range.first,
                                           &*range.first + (range.second - range.first));
        } else if (const rules::LineFilter& filter = m_rules.line_filter(rule);
                   worth_filtering(filter)) {
            scanned = run_on_admitted_lines(rule, filter);
        } else {
            m_rules.match_rule(rule, *m_path, m_text, m_commit, m_matches);
        }
        if (m_stats) {
            m_stats->rule_seconds[rule] +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            m_stats->rule_bytes[rule] += scanned;
        }
    }
    if (m_matches.empty()) {
        return;
    }

    std::vector<Located> all;
    for (const auto& m : m_matches) {
        Located at{m, line_index(m.begin), line_index(m.end - 1), true};
        for (size_t i = at.first_line; i <= at.last_line && at.keep; ++i) {
            at.keep = !has_inline_ignore(lines[i].content);
        }
        at.keep = at.keep && in_scope(m, lines);
        all.push_back(at);
    }
    std::vector<bool> required_ok(all.size());
    for (size_t i = 0; i < all.size(); ++i) {
        required_ok[i] = all[i].keep && required_present(i, all);
    }
    for (size_t i = 0; i < all.size(); ++i) {
        all[i].keep = required_ok[i] && !m_rules.rule(all[i].match.rule).skip_report;
    }
    drop_generic_duplicates(all);

    size_t first = out.size();
    std::vector<std::pair<uint32_t, uint32_t>> secrets; // fragment offsets
    for (const auto& at : all) {
        if (!at.keep) {
            continue;
        }
        out.push_back(make_finding(at, lines));
        if (out.back().has_secret()) {
            secrets.emplace_back(at.match.secret_begin, at.match.secret_end);
        }
    }
    // Each finding's snippet (a hygiene finding's too) must mask every secret on its lines.
    size_t index = first;
    for (const auto& at : all) {
        if (!at.keep) {
            continue;
        }
        core::Finding& f = out[index++];
        uint32_t base = m_starts[at.first_line];
        uint32_t limit = base + uint32_t(f.line_text.size());
        for (auto [b, e] : secrets) {
            if (b >= base && e <= limit) {
                f.line_secrets.push_back({b - base, e - base});
            }
        }
    }
}

size_t FragmentScanner::run_on_keyword_lines(size_t rule, const rules::RuleSet::KeywordHit* first,
                                             const rules::RuleSet::KeywordHit* last) {
    size_t scanned = 0;
    while (first != last) {
        // A window: the line of this hit and every following line that holds a hit too.
        size_t from = line_index(first->end - 1);
        size_t to = from;
        for (; first != last; ++first) {
            size_t line = line_index(first->end - 1);
            if (line > to + 1) {
                break;
            }
            to = std::max(to, line);
        }
        scanned += run_on_lines(rule, from, to + 1);
    }
    return scanned;
}

size_t FragmentScanner::run_on_admitted_lines(size_t rule, const rules::LineFilter& filter) {
    size_t scanned = 0;
    size_t count = m_starts.size();
    for (size_t from = 0; from < count;) {
        if (!filter.admits(line_at(from))) {
            ++from;
            continue;
        }
        size_t to = from + 1;
        while (to < count && filter.admits(line_at(to))) {
            ++to;
        }
        scanned += run_on_lines(rule, from, to);
        from = to;
    }
    return scanned;
}

size_t FragmentScanner::run_on_lines(size_t rule, size_t from, size_t to) {
    uint32_t begin = m_starts[from];
    uint32_t end = to < m_starts.size() ? m_starts[to] : uint32_t(m_text.size());
    std::string_view window = std::string_view(m_text).substr(begin, end - begin);
    m_window_matches.clear();
    m_rules.match_rule(rule, *m_path, window, m_commit, m_window_matches);
    for (auto m : m_window_matches) {
        m.begin += begin;
        m.end += begin;
        m.secret_begin += begin;
        m.secret_end += begin;
        m_matches.push_back(m);
    }
    return window.size();
}

std::string_view FragmentScanner::line_at(size_t index) const {
    uint32_t begin = m_starts[index];
    uint32_t end = index + 1 < m_starts.size() ? m_starts[index + 1] : uint32_t(m_text.size());
    if (end > begin && m_text[end - 1] == '\n') {
        --end;
    }
    return std::string_view(m_text).substr(begin, end - begin);
}

bool FragmentScanner::required_present(size_t i, const std::vector<Located>& all) const {
    const auto& primary = all[i];
    const rules::Rule& rule = m_rules.rule(primary.match.rule);
    for (const auto& q : rule.required) {
        bool found = false;
        for (size_t j = 0; j < all.size() && !found; ++j) {
            const auto& aux = all[j];
            if (j == i || !aux.keep || m_rules.rule(aux.match.rule).id != q.id) {
                continue;
            }
            uint32_t lines = distance(uint32_t(aux.first_line), uint32_t(primary.first_line));
            uint32_t columns = distance(aux.match.begin - m_starts[aux.first_line],
                                        primary.match.begin - m_starts[primary.first_line]);
            found = (q.within_lines < 0 || lines <= uint32_t(q.within_lines)) &&
                    (q.within_columns < 0 || columns <= uint32_t(q.within_columns));
        }
        if (!found) {
            return false;
        }
    }
    return true;
}

// gitleaks: a generic rule's finding is dropped when a specific rule found a secret holding
// it on the same line. vigil asks the specific rule to be a secret rule at least as severe, so
// a quieter rule (say, from a repository's own configuration in CI) cannot hide it.
void FragmentScanner::drop_generic_duplicates(std::vector<Located>& all) const {
    auto secret_of = [&](const Located& at) {
        return std::string_view(m_text).substr(at.match.secret_begin,
                                               at.match.secret_end - at.match.secret_begin);
    };
    for (auto& at : all) {
        const auto& id = m_rules.rule(at.match.rule).id;
        if (!at.keep || !is_generic(id)) {
            continue;
        }
        const rules::Rule& generic = m_rules.rule(at.match.rule);
        for (const auto& other : all) {
            const rules::Rule& specific = m_rules.rule(other.match.rule);
            if (other.keep && other.first_line == at.first_line && specific.id != id &&
                !is_generic(specific.id) && specific.category == "secret" &&
                specific.severity >= generic.severity &&
                secret_of(other).find(secret_of(at)) != std::string::npos) {
                at.keep = false;
                break;
            }
        }
    }
}

core::Finding FragmentScanner::make_finding(const Located& at,
                                            std::span<const core::Line> lines) const {
    const rules::Match& m = at.match;
    const rules::Rule& rule = m_rules.rule(m.rule);
    uint32_t base = m_starts[at.first_line];
    uint32_t last_base = m_starts[at.last_line];
    std::string_view last_line = lines[at.last_line].text();
    std::string_view text =
        std::string_view(m_text).substr(base, last_base + last_line.size() - base);

    core::Finding f;
    f.rule_id = rule.id;
    f.category = rule.category;
    f.severity = rule.severity;
    f.message = !rule.message.empty()       ? rule.message
                : !rule.description.empty() ? rule.description
                                            : rule.id;
    f.commit = m_commit;
    f.line_text.assign(text);
    f.match = {m.begin - base, m.end - base};
    if (rule.category == "secret") {
        f.secret = {m.secret_begin - base, m.secret_end - base};
    }
    f.entropy = m.entropy;
    if (m.fix) {
        f.fixed_text = std::string(text.substr(0, m.begin - base)) + *m.fix +
                       std::string(text.substr(m.end - base));
    }
    f.location.path = *m_path;
    f.location.line = lines[at.first_line].new_lineno;
    f.location.end_line = lines[at.last_line].new_lineno;
    f.location.column = m.begin - base + 1;
    f.location.end_column = m.end - last_base + 1;
    f.location.char_column = uint32_t(util::count_chars(text.substr(0, m.begin - base)) + 1);
    f.location.char_end_column = uint32_t(
        util::count_chars(std::string_view(m_text).substr(last_base, m.end - last_base)) + 1);
    std::string identity = f.has_secret() ? std::string(f.secret_text()) : normalised(text);
    f.fingerprint = core::fingerprint_for(rule.id, *m_path, identity);
    return f;
}

} // namespace vigil::scan
