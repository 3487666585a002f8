// rules (module-private): the compiled form of rules and allowlists. Rule regexes compile on
// first use (std::call_once), so a hook run pays only for the rules its text needs.
#pragma once

#include "aho_corasick.hpp"

#include <memory>
#include <mutex>
#include <re2/re2.h>
#include <string>
#include <vector>
#include <vigil/rules/rule_set.hpp>

namespace vigil::rules::detail {

// Compiles with vigil's RE2 options; null (and `error` set) when the pattern is bad.
std::unique_ptr<RE2> compile_regex(const std::string& pattern, std::string* error = nullptr);

struct Allowlist {
    const AllowlistSpec* spec = nullptr;
    std::vector<std::unique_ptr<RE2>> regexes;
    std::vector<std::unique_ptr<RE2>> paths;

    explicit Allowlist(const AllowlistSpec& s);

    // The whole finding: every check (OR: any defined one, AND: all defined ones).
    bool allows(std::string_view path, std::string_view commit, std::string_view secret,
                std::string_view match, std::string_view line) const;
    // Whole files, before any matching: only allowlists decided by commits and paths alone.
    bool allows_path(std::string_view path, std::string_view commit) const;
};

struct CompiledRule {
    Rule rule;
    mutable std::once_flag once;
    mutable std::unique_ptr<RE2> regex;        // null for path-only rules
    mutable std::unique_ptr<RE2> path;         // null: every path
    mutable std::vector<Allowlist> allowlists; // the rule's own
    std::vector<const Allowlist*> shared;      // global ones aimed at it (targetRules, categories)
    mutable int groups = 0;
    mutable LineFilter line_filter; // of the regex

    explicit CompiledRule(Rule r) : rule(std::move(r)) {}
    // Compiles on first call; a bad regex (possible only for unvalidated packs) matches nothing.
    const CompiledRule& ready() const;
};

} // namespace vigil::rules::detail

namespace vigil::rules {
struct RuleSet::Impl {
    std::vector<std::unique_ptr<detail::CompiledRule>> rules;
    std::vector<AllowlistSpec> global_specs;
    std::vector<detail::Allowlist> global_allowlists; // those without targetRules or categories
    std::vector<std::unique_ptr<detail::Allowlist>> aimed_allowlists; // compiled once, shared
    std::vector<std::string> warnings;
    detail::AhoCorasick keywords;               // values: rule indices
    std::vector<size_t> rules_without_keywords; // with a regex
    std::vector<size_t> file_rules;             // without a regex
    std::vector<std::vector<size_t>> required;  // per rule: the rules it requires

    // Attaches targeted global allowlists, indexes keywords. Fails on unknown targetRules.
    util::Expected<void> finish();
};
} // namespace vigil::rules
