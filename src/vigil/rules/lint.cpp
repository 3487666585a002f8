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

// Inside a character class starting after '[': can it match a line break?
bool class_may_hold_newline(std::string_view body, bool negated) {
    if (negated) { // [^...] holds \n unless it excludes it
        return body.find("\\n") == std::string_view::npos &&
               body.find("\\s") == std::string_view::npos &&
               body.find("[:space:]") == std::string_view::npos;
    }
    for (const char* risky : {"\\s", "\\W", "\\D", "\\n", "\\x", "\\p", "\\P", "\\0", "\\1",
                              "[:space:]", "[:cntrl:]", "[:^", "\\C"}) {
        if (body.find(risky) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

bool stays_on_one_line(std::string_view p) {
    if (p.find('\n') != p.npos) {
        return false;
    }
    // Without (?m), ^ and $ mean the ends of the whole fragment, not of a line.
    bool multiline = p.find("(?m") != p.npos;
    for (size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (c == '\\') {
            if (i + 1 < p.size() &&
                std::string_view("sWDnxpPC01234567Az").find(p[i + 1]) != p.npos) {
                return false;
            }
            ++i;
        } else if ((c == '^' || c == '$') && !multiline) {
            return false;
        } else if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') {
            // Flags such as (?s) or (?is:...) let '.' match a line break.
            size_t end = p.find_first_of(":)", i + 2);
            std::string_view flags = p.substr(i + 2, end == p.npos ? p.npos : end - i - 2);
            size_t minus = flags.find('-');
            if (flags.substr(0, minus).find('s') != flags.npos) {
                return false;
            }
        } else if (c == '[') {
            bool negated = i + 1 < p.size() && p[i + 1] == '^';
            size_t j = i + 1 + (negated ? 1 : 0);
            if (j < p.size() && p[j] == ']') {
                ++j; // a literal ] first
            }
            while (j < p.size() && p[j] != ']') {
                if (p[j] == '\\') {
                    ++j;
                } else if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
                    size_t close = p.find(":]", j + 2);
                    j = close == p.npos ? p.size() : close + 1;
                }
                ++j;
            }
            if (class_may_hold_newline(p.substr(i + 1, j - i - 1), negated)) {
                return false;
            }
            i = j;
        }
    }
    return true;
}

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
