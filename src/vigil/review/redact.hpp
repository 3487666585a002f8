// review: secrets never reach a model. Every piece of code a prompt quotes is scanned with the
// run's rules, and each secret found there — or found anywhere by the run's scan — is replaced
// by "<redacted:RULE-ID>".
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/rules/rule_set.hpp>

namespace vigil::review {

class Redactor {
public:
    // `known`: the run's findings; the secrets among them are redacted wherever they appear.
    Redactor(const rules::RuleSet& rules, const std::vector<core::Finding>& known);

    // The secrets to hide in `code` (lines of the file at `path`): the known ones and those the
    // rules find in it, each with its rule id. Thread-safe.
    std::vector<std::pair<std::string, std::string>> secrets(std::string_view path,
                                                             std::string_view code) const;
    // `code` with every one of them replaced.
    std::string redact(std::string_view path, std::string_view code) const;

    size_t known_secrets() const { return m_known.size(); }

private:
    const rules::RuleSet& m_rules;
    std::vector<std::pair<std::string, std::string>> m_known; // secret -> rule id
};

// Replaces each secret (longest first) in `text` by "<redacted:RULE-ID>". A secret spanning
// lines (a private key) is replaced line by line, so the text can be redacted a line at a time.
std::string replace_secrets(std::string text,
                            std::vector<std::pair<std::string, std::string>> secrets);

} // namespace vigil::review
