// scan (module-private): runs the rules over one fragment — a run of consecutive added lines —
// and turns matches into findings: line/column from a line-offset table, inline ignores,
// required (composite) rules, and gitleaks' generic-rule filter.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>
#include <vigil/core/change.hpp>
#include <vigil/core/finding.hpp>
#include <vigil/core/text_source.hpp>
#include <vigil/lang/scopes.hpp>
#include <vigil/rules/rule_set.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::scan {

class FragmentScanner {
public:
    // `stats` (may be null) receives per-rule timings when its profile flag is set.
    // `text_of` (may be empty) gives a file's new text for rules with a scope.
    FragmentScanner(const rules::RuleSet& rules, const std::string& commit, ScanStats* stats,
                    const core::TextSource& text_of)
        : m_rules(rules), m_commit(commit), m_stats(stats && stats->profile ? stats : nullptr),
          m_text_of(text_of) {}

    // Which file the following fragments belong to (rules' path checks are cached per file).
    void start_file(const core::FileChange& file);

    // Appends the findings in `lines` (all added, consecutive) of the current file.
    void scan(std::span<const core::Line> lines, std::vector<core::Finding>& out);

private:
    struct Located {
        rules::Match match;
        size_t first_line = 0; // indices into the fragment's lines
        size_t last_line = 0;
        bool keep = true;
    };

    bool applies(size_t rule);
    // False when the rule has a scope and the match lies outside it.
    bool in_scope(const rules::Match& m, std::span<const core::Line> lines);
    const lang::ScopeMap& scopes();
    // A keyword_lines rule: its regex runs on each run of lines holding its keywords. Returns
    // the bytes it ran over.
    size_t run_on_keyword_lines(size_t rule, const rules::RuleSet::KeywordHit* first,
                                const rules::RuleSet::KeywordHit* last);
    // A rule with a line filter: its regex runs on each run of lines the filter admits.
    size_t run_on_admitted_lines(size_t rule, const rules::LineFilter& filter);
    // Runs the rule over lines [from, to) and keeps its matches; returns the bytes it ran over.
    size_t run_on_lines(size_t rule, size_t from, size_t to);
    std::string_view line_at(size_t index) const; // without its line break
    size_t line_index(uint32_t offset) const;
    bool required_present(size_t i, const std::vector<Located>& all) const;
    void drop_generic_duplicates(std::vector<Located>& all) const;
    core::Finding make_finding(const Located& at, std::span<const core::Line> lines) const;

    const rules::RuleSet& m_rules;
    const std::string& m_commit;
    ScanStats* m_stats;
    const core::TextSource& m_text_of;
    const core::FileChange* m_file = nullptr;
    const std::string* m_path = nullptr;
    std::optional<lang::ScopeMap> m_scopes; // the current file's, parsed on first need
    std::vector<int8_t> m_applies; // per rule for the current file: -1 unknown, 0 no, 1 yes
    std::string m_text;
    std::vector<uint32_t> m_starts; // offset of each line in m_text
    std::vector<size_t> m_candidates;
    std::vector<rules::RuleSet::KeywordHit> m_hits;
    std::vector<rules::Match> m_matches;
    std::vector<rules::Match> m_window_matches;
};

} // namespace vigil::scan
