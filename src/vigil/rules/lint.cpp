// Warnings about rules that load fine but probably do not do what their author meant.
#include <vigil/rules/rule_set.hpp>

namespace vigil::rules {
namespace {

// True for `^a|b` or `a|b$`: an alternation outside any group next to an anchor, which then
// binds to one branch only (gitleaks' own `(?i)^true|false|null$` has this bug).
bool anchor_binds_one_branch(std::string_view pattern) {
    int depth = 0;
    bool in_class = false;
    bool top_level_bar = false;
    for (size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (c == '\\') {
            ++i;
        } else if (in_class) {
            in_class = c != ']';
        } else if (c == '[') {
            in_class = true;
            if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
                ++i; // "[]...]": the first ] is literal
            }
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == '|' && depth == 0) {
            top_level_bar = true;
        }
    }
    if (!top_level_bar) {
        return false;
    }
    std::string_view p = pattern;
    // Skip a leading flag group such as (?i).
    if (p.starts_with("(?") && p.find(')') != p.npos && p.find(':') > p.find(')')) {
        p.remove_prefix(p.find(')') + 1);
    }
    return p.starts_with("^") || (p.ends_with("$") && !p.ends_with("\\$"));
}

void check_pattern(const std::string& pattern, const std::string& what, const Rule& rule,
                   std::vector<std::string>& out) {
    if (anchor_binds_one_branch(pattern)) {
        out.push_back(rule.source + ": " + what +
                      " has an alternation outside a group next to ^ or $, which then anchors "
                      "only one branch; write ^(?:a|b)$ [" +
                      rule.id + "]");
    }
}

} // namespace

std::vector<std::string> lint(const Rule& rule) {
    std::vector<std::string> out;
    if (!rule.regex.empty() && rule.keywords.empty()) {
        out.push_back(rule.source +
                      ": no keywords, so the regex runs over every fragment "
                      "scanned; add keywords every match contains [" +
                      rule.id + "]");
    }
    check_pattern(rule.regex, "regex", rule, out);
    for (const auto& a : rule.allowlists) {
        for (const auto& r : a.regexes) {
            check_pattern(r, "allowlist regex '" + r + "'", rule, out);
        }
    }
    return out;
}

} // namespace vigil::rules
