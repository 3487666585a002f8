#include "compiled.hpp"
#include "loader.hpp"

#include <algorithm>
#include <vigil/util/text.hpp>

namespace vigil::rules {
using detail::Allowlist;
using detail::RegexTarget;

namespace {

bool any_regex_matches(const std::vector<std::unique_ptr<RE2>>& regexes, std::string_view text) {
    re2::StringPiece piece(text.data(), text.size());
    return std::any_of(regexes.begin(), regexes.end(),
                       [&](const auto& re) { return RE2::PartialMatch(piece, *re); });
}

bool any_allows(const std::vector<Allowlist>& lists, std::string_view path, std::string_view commit,
                std::string_view secret, std::string_view match, std::string_view line) {
    return std::any_of(lists.begin(), lists.end(), [&](const Allowlist& a) {
        return a.allows(path, commit, secret, match, line);
    });
}

} // namespace

bool Allowlist::allows(std::string_view path, std::string_view commit, std::string_view secret,
                       std::string_view match, std::string_view line) const {
    std::vector<bool> checks;
    if (!commits.empty()) {
        std::string c = util::to_lower_ascii(commit);
        checks.push_back(std::find(commits.begin(), commits.end(), c) != commits.end());
    }
    if (!paths.empty()) {
        checks.push_back(any_regex_matches(paths, path));
    }
    if (!regexes.empty()) {
        std::string_view text = target == RegexTarget::match  ? match
                                : target == RegexTarget::line ? line
                                                              : secret;
        checks.push_back(any_regex_matches(regexes, text));
    }
    if (!stopwords.empty()) {
        std::string lower = util::to_lower_ascii(secret);
        checks.push_back(std::any_of(stopwords.begin(), stopwords.end(), [&](const auto& w) {
            return lower.find(w) != std::string::npos;
        }));
    }
    if (checks.empty()) {
        return false;
    }
    return require_all ? std::all_of(checks.begin(), checks.end(), [](bool b) { return b; })
                       : std::any_of(checks.begin(), checks.end(), [](bool b) { return b; });
}

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

util::Expected<RuleSet> RuleSet::from_toml(std::string_view text, const std::string& source) {
    auto impl = std::make_unique<Impl>();
    VIGIL_TRY(detail::load_rules(*impl, text, source));
    impl->index_keywords();
    return RuleSet(std::move(impl));
}

util::Expected<RuleSet> RuleSet::defaults() {
    auto impl = std::make_unique<Impl>();
    for (size_t i = 0; i < detail::k_default_pack_count; ++i) {
        const auto& pack = detail::k_default_packs[i];
        VIGIL_TRY(detail::load_rules(*impl, pack.text, pack.source));
    }
    impl->index_keywords();
    return RuleSet(std::move(impl));
}

size_t RuleSet::size() const {
    return m_impl->rules.size();
}
const Rule& RuleSet::rule(size_t index) const {
    return m_impl->rules[index].rule;
}

void RuleSet::Impl::index_keywords() {
    keywords = {};
    rule_of_keyword.clear();
    for (size_t index = 0; index < rules.size(); ++index) {
        for (const auto& k : rules[index].rule.keywords) {
            if (!k.empty()) {
                keywords.add(k);
                rule_of_keyword.push_back(index);
            }
        }
    }
}

std::vector<size_t> RuleSet::candidate_rules(std::string_view lowered_text) const {
    std::vector<bool> found;
    m_impl->keywords.find(lowered_text, found);
    std::vector<bool> candidate(m_impl->rules.size(), false);
    for (size_t k = 0; k < found.size(); ++k) {
        if (found[k]) {
            candidate[m_impl->rule_of_keyword[k]] = true;
        }
    }
    std::vector<size_t> out;
    for (size_t index = 0; index < m_impl->rules.size(); ++index) {
        if (candidate[index] || m_impl->rules[index].rule.keywords.empty()) {
            out.push_back(index);
        }
    }
    return out;
}

void RuleSet::match_line(std::string_view path, std::string_view line, std::vector<Match>& out,
                         std::string_view commit) const {
    std::string lower = m_impl->any_keywords ? util::to_lower_ascii(line) : std::string();
    match_line(path, line, out, commit, candidate_rules(lower));
}

void RuleSet::match_line(std::string_view path, std::string_view line, std::vector<Match>& out,
                         std::string_view commit, const std::vector<size_t>& candidates) const {
    // Several candidate rules with keywords: check the keywords on this line before any regex.
    std::string lower;
    bool lowered = false;
    re2::StringPiece text(line.data(), line.size());
    std::vector<re2::StringPiece> groups;
    for (size_t index : candidates) {
        const auto& c = m_impl->rules[index];
        const Rule& r = c.rule;
        if (!r.keywords.empty()) {
            if (!lowered) {
                lower = util::to_lower_ascii(line);
                lowered = true;
            }
            if (std::none_of(r.keywords.begin(), r.keywords.end(),
                             [&](const auto& k) { return lower.find(k) != std::string::npos; })) {
                continue;
            }
        }
        if (c.path && !RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *c.path)) {
            continue;
        }
        int group_count = c.regex->NumberOfCapturingGroups();
        groups.assign(size_t(group_count) + 1, re2::StringPiece());
        size_t pos = 0;
        while (pos <= line.size() && c.regex->Match(text, pos, line.size(), RE2::UNANCHORED,
                                                    groups.data(), group_count + 1)) {
            re2::StringPiece whole = groups[0];
            re2::StringPiece secret = whole;
            if (r.secret_group > 0 && groups[size_t(r.secret_group)].data()) {
                secret = groups[size_t(r.secret_group)];
            } else if (r.secret_group == 0) {
                for (int g = 1; g <= group_count; ++g) {
                    if (!groups[size_t(g)].empty()) {
                        secret = groups[size_t(g)];
                        break;
                    }
                }
            }
            Match m;
            m.rule = index;
            m.begin = uint32_t(whole.data() - line.data());
            m.end = uint32_t(m.begin + whole.size());
            m.secret_begin = uint32_t(secret.data() - line.data());
            m.secret_end = uint32_t(m.secret_begin + secret.size());
            pos = m.end > pos ? m.end : pos + 1;
            if (whole.empty()) {
                continue; // a pattern that can match nothing (e.g. `x*`) finds nothing there
            }

            std::string_view secret_text = line.substr(m.secret_begin, secret.size());
            std::string_view match_text = line.substr(m.begin, whole.size());
            m.entropy = shannon_entropy(secret_text);
            if (r.entropy > 0 && m.entropy <= r.entropy) {
                continue;
            }
            if (any_allows(m_impl->global_allowlists, path, commit, secret_text, match_text,
                           line) ||
                any_allows(c.allowlists, path, commit, secret_text, match_text, line)) {
                continue;
            }
            out.push_back(m);
        }
    }
}

} // namespace vigil::rules
