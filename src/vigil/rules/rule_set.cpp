// Matching: the keyword prefilter, lazily compiled rules, secret groups, entropy, allowlists.
#include "compiled.hpp"

#include <algorithm>
#include <vigil/lang/language.hpp>
#include <vigil/util/text.hpp>

namespace vigil::rules {
namespace detail {
namespace {

bool any_regex_matches(const std::vector<std::unique_ptr<RE2>>& regexes, std::string_view text) {
    re2::StringPiece piece(text.data(), text.size());
    return std::any_of(regexes.begin(), regexes.end(),
                       [&](const auto& re) { return re && RE2::PartialMatch(piece, *re); });
}

bool has_commit(const std::vector<std::string>& commits, std::string_view commit) {
    if (commit.empty()) {
        return false;
    }
    std::string c = util::to_lower_ascii(commit);
    return std::find(commits.begin(), commits.end(), c) != commits.end();
}

} // namespace

std::unique_ptr<RE2> compile_regex(const std::string& pattern, std::string* error) {
    RE2::Options options;
    options.set_log_errors(false);
    // Large rules (generic assignments) need more than RE2's default 8 MiB or their DFA keeps
    // running out of cache and falling back to the NFA, 50-100x slower. Memory is only used as
    // the DFA meets new states.
    options.set_max_mem(int64_t(64) << 20);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok()) {
        if (error) {
            *error = re->error();
        }
        return nullptr;
    }
    return re;
}

Allowlist::Allowlist(const AllowlistSpec& s) : spec(&s) {
    for (const auto& r : s.regexes) {
        regexes.push_back(compile_regex(r));
    }
    for (const auto& r : s.paths) {
        paths.push_back(compile_regex(r));
    }
}

bool Allowlist::allows(std::string_view path, std::string_view commit, std::string_view secret,
                       std::string_view match, std::string_view line) const {
    bool any = false;
    bool all = true;
    auto check = [&](bool holds) {
        any = any || holds;
        all = all && holds;
    };
    if (!spec->commits.empty()) {
        check(has_commit(spec->commits, commit));
    }
    if (!paths.empty()) {
        check(any_regex_matches(paths, path));
    }
    if (!regexes.empty()) {
        std::string_view text = spec->target == RegexTarget::match  ? match
                                : spec->target == RegexTarget::line ? line
                                                                    : secret;
        check(any_regex_matches(regexes, text));
    }
    if (!spec->stopwords.empty()) {
        std::string lower = util::to_lower_ascii(secret);
        check(std::any_of(spec->stopwords.begin(), spec->stopwords.end(),
                          [&](const auto& w) { return lower.find(w) != std::string::npos; }));
    }
    return spec->require_all ? all : any;
}

bool Allowlist::allows_path(std::string_view path, std::string_view commit) const {
    bool has_commits = !spec->commits.empty();
    bool has_paths = !paths.empty();
    if (!spec->require_all) {
        return (has_commits && has_commit(spec->commits, commit)) ||
               (has_paths && any_regex_matches(paths, path));
    }
    // AND with regexes or stopwords is decided per finding.
    if (!regexes.empty() || !spec->stopwords.empty() || (!has_commits && !has_paths)) {
        return false;
    }
    return (!has_commits || has_commit(spec->commits, commit)) &&
           (!has_paths || any_regex_matches(paths, path));
}

const CompiledRule& CompiledRule::ready() const {
    std::call_once(once, [this] {
        if (!rule.regex.empty()) {
            regex = compile_regex(rule.regex);
            groups = regex ? regex->NumberOfCapturingGroups() : 0;
            line_filter = line_filter_for(rule.regex);
        }
        if (!rule.path.empty()) {
            path = compile_regex(rule.path);
        }
        for (const auto& spec : rule.allowlists) {
            allowlists.emplace_back(spec);
        }
    });
    return *this;
}

} // namespace detail

namespace {

// The whole lines a match [begin, end) touches, as gitleaks' `Line` (for regexTarget "line").
std::string_view lines_around(std::string_view text, size_t begin, size_t end) {
    size_t before = begin == 0 ? text.npos : text.rfind('\n', begin - 1);
    size_t first = before == text.npos ? 0 : before + 1;
    size_t last = std::min(text.find('\n', end), text.size());
    return text.substr(first, last - first);
}

} // namespace

bool RuleSet::path_allowed(std::string_view path, std::string_view commit) const {
    const auto& lists = m_impl->global_allowlists;
    return std::any_of(lists.begin(), lists.end(),
                       [&](const detail::Allowlist& a) { return a.allows_path(path, commit); });
}

bool RuleSet::applies_to(size_t index, std::string_view path, std::string_view commit) const {
    const auto& c = m_impl->rules[index]->ready();
    if (!c.rule.regex.empty() && !c.regex) {
        return false; // a bad pattern in an unvalidated pack
    }
    if (!c.rule.languages.empty()) {
        std::string_view language = lang::language_of(path);
        if (std::find(c.rule.languages.begin(), c.rule.languages.end(), language) ==
            c.rule.languages.end()) {
            return false;
        }
    }
    if (!c.rule.path.empty() &&
        (!c.path || !RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *c.path))) {
        return false;
    }
    return std::none_of(c.allowlists.begin(), c.allowlists.end(),
                        [&](const detail::Allowlist& a) { return a.allows_path(path, commit); }) &&
           std::none_of(c.shared.begin(), c.shared.end(),
                        [&](const detail::Allowlist* a) { return a->allows_path(path, commit); });
}

const LineFilter& RuleSet::line_filter(size_t index) const {
    return m_impl->rules[index]->ready().line_filter;
}

void RuleSet::candidate_rules(std::string_view text, std::vector<size_t>& out,
                              std::vector<KeywordHit>* hits) const {
    const auto& impl = *m_impl;
    std::vector<bool> hit(impl.rules.size(), false);
    impl.keywords.scan(text, [&](uint32_t rule, uint32_t end) {
        hit[rule] = true;
        if (hits && impl.rules[rule]->rule.keyword_lines) {
            hits->push_back({rule, end});
        }
    });
    for (size_t i : impl.rules_without_keywords) {
        hit[i] = true;
    }
    for (size_t i = 0; i < hit.size(); ++i) {
        if (hit[i]) {
            out.push_back(i);
        }
    }
}

void RuleSet::match_rule(size_t index, std::string_view path, std::string_view fragment,
                         std::string_view commit, std::vector<Match>& out) const {
    const auto& c = m_impl->rules[index]->ready();
    const Rule& r = c.rule;
    if (!c.regex) {
        return;
    }
    re2::StringPiece text(fragment.data(), fragment.size());
    std::vector<re2::StringPiece> groups(size_t(c.groups) + 1);
    size_t pos = 0;
    while (pos <= fragment.size() && c.regex->Match(text, pos, fragment.size(), RE2::UNANCHORED,
                                                    groups.data(), c.groups + 1)) {
        re2::StringPiece whole = groups[0];
        size_t begin = size_t(whole.data() - fragment.data());
        size_t end = begin + whole.size();
        pos = end > pos ? end : pos + 1;
        // gitleaks trims line breaks off the ends of a match.
        while (end > begin && (fragment[end - 1] == '\n' || fragment[end - 1] == '\r')) {
            --end;
        }
        while (begin < end && fragment[begin] == '\n') {
            ++begin;
        }
        if (begin == end) {
            continue; // a pattern that can match nothing (e.g. `x*`) finds nothing there
        }
        re2::StringPiece secret = whole;
        if (r.secret_group > 0 && r.secret_group <= c.groups &&
            groups[size_t(r.secret_group)].data()) {
            secret = groups[size_t(r.secret_group)];
        } else if (r.secret_group == 0) {
            for (int g = 1; g <= c.groups; ++g) {
                if (!groups[size_t(g)].empty()) {
                    secret = groups[size_t(g)];
                    break;
                }
            }
        }
        Match m;
        m.rule = index;
        m.begin = uint32_t(begin);
        m.end = uint32_t(end);
        m.secret_begin = uint32_t(secret.data() - fragment.data());
        m.secret_end = uint32_t(m.secret_begin + secret.size());
        if (secret.data() == whole.data() && secret.size() == whole.size()) {
            m.secret_begin = m.begin; // the trimmed match
            m.secret_end = m.end;
        }
        std::string_view secret_text =
            fragment.substr(m.secret_begin, m.secret_end - m.secret_begin);
        std::string_view match_text = fragment.substr(begin, end - begin);
        m.entropy = shannon_entropy(secret_text);
        if (r.entropy > 0 && m.entropy <= r.entropy) {
            continue;
        }
        std::string_view line = lines_around(fragment, begin, end);
        auto allows = [&](const detail::Allowlist& a) {
            return a.allows(path, commit, secret_text, match_text, line);
        };
        if (std::any_of(m_impl->global_allowlists.begin(), m_impl->global_allowlists.end(),
                        allows) ||
            std::any_of(c.shared.begin(), c.shared.end(),
                        [&](const detail::Allowlist* a) { return allows(*a); }) ||
            std::any_of(c.allowlists.begin(), c.allowlists.end(), allows)) {
            continue;
        }
        // The fix rewrites the whole match; one whose ends were trimmed would eat line breaks.
        if (r.has_fix && begin == size_t(whole.data() - fragment.data()) &&
            end == begin + whole.size()) {
            std::string fixed;
            if (c.regex->Rewrite(&fixed, r.fix, groups.data(), c.groups + 1)) {
                m.fix = std::move(fixed);
            }
        }
        out.push_back(std::move(m));
    }
}

} // namespace vigil::rules
