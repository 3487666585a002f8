// Helpers for rules tests: load a rule file that must be valid, list what a line matches.
#pragma once

#include <cstdlib>
#include <gtest/gtest.h>
#include <string>
#include <vector>
#include <vigil/rules/rule_set.hpp>

namespace vigil::test {

inline rules::RuleSet load_rules(std::string_view toml) {
    auto loaded = rules::RuleSet::from_toml(toml, "test.toml");
    if (!loaded) {
        ADD_FAILURE() << "rule file did not load:\n" << loaded.error().describe();
        std::abort();
    }
    return std::move(*loaded);
}

// The error text of a rule file that must fail to load.
inline std::string load_error(std::string_view toml, util::ErrorKind* kind = nullptr) {
    auto loaded = rules::RuleSet::from_toml(toml, "test.toml");
    if (loaded) {
        ADD_FAILURE() << "rule file loaded but should not have:\n" << toml;
        return {};
    }
    if (kind) {
        *kind = loaded.error().kind;
    }
    return loaded.error().describe();
}

inline std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) {
            end = text.size();
        }
        out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

// Every match in `text` (one fragment) of the rules that apply to `path`, in rule order: the
// scanner's use of the RuleSet without findings around it.
inline void match_text(const rules::RuleSet& rules, std::string_view path, std::string_view text,
                       std::vector<rules::Match>& out, std::string_view commit = {}) {
    std::vector<size_t> candidates;
    rules.candidate_rules(text, candidates);
    for (size_t i : candidates) {
        if (rules.applies_to(i, path, commit)) {
            rules.match_rule(i, path, text, commit, out);
        }
    }
}

// "rule-id:secret" for every match of `line`, in the order match_text reports them.
inline std::vector<std::string> secrets_in(const rules::RuleSet& rules, std::string_view line,
                                           std::string_view path = "src/app.py") {
    std::vector<rules::Match> matches;
    match_text(rules, path, line, matches);
    std::vector<std::string> out;
    for (const auto& m : matches) {
        out.push_back(rules.rule(m.rule).id + ":" +
                      std::string(line.substr(m.secret_begin, m.secret_end - m.secret_begin)));
    }
    return out;
}

using Strings = std::vector<std::string>;

} // namespace vigil::test
