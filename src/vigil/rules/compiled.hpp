// rules (module-private): the compiled form of rules and allowlists.
#pragma once

#include "keyword_index.hpp"

#include <memory>
#include <re2/re2.h>
#include <string>
#include <vector>
#include <vigil/rules/rule_set.hpp>

namespace vigil::rules::detail {

enum class RegexTarget { secret, match, line };

// gitleaks allowlist semantics: OR (default) allows when any defined check holds, AND when
// every defined check holds.
struct Allowlist {
    bool require_all = false;
    RegexTarget target = RegexTarget::secret;
    std::vector<std::unique_ptr<RE2>> regexes;
    std::vector<std::unique_ptr<RE2>> paths;
    std::vector<std::string> stopwords; // lower-cased
    std::vector<std::string> commits;   // lower-cased

    bool allows(std::string_view path, std::string_view commit, std::string_view secret,
                std::string_view match, std::string_view line) const;
};

struct CompiledRule {
    Rule rule;
    std::unique_ptr<RE2> regex;
    std::unique_ptr<RE2> path; // null: every path
    std::vector<Allowlist> allowlists;
};

struct DefaultPack {
    const char* source;
    const char* text;
};
extern const DefaultPack k_default_packs[];
extern const size_t k_default_pack_count;

} // namespace vigil::rules::detail

namespace vigil::rules {
struct RuleSet::Impl {
    std::vector<detail::CompiledRule> rules;
    std::vector<detail::Allowlist> global_allowlists;
    bool any_keywords = false;
    // Every rule's keywords, and for each entry of the index the rule it belongs to.
    detail::KeywordIndex keywords;
    std::vector<size_t> rule_of_keyword;

    // Builds `keywords` from the rules; called once loading is done.
    void index_keywords();
};
} // namespace vigil::rules
