// core: what a report says about a rule — the catalog entry behind a finding's rule id, so
// writers (SARIF's tool.driver.rules, help text under a code frame) need no rule engine.
#pragma once

#include <string>
#include <vector>
#include <vigil/core/finding.hpp>

namespace vigil::core {

struct RuleInfo {
    std::string id;
    std::string description; // one line: what the rule finds
    std::string help;        // why it matters and how to fix it; may be empty
    std::string category;    // secret, safety, hygiene, syntax, review, ...
    Severity severity = Severity::warning;
    std::vector<std::string> tags;
};

// The entry for `id` in `rules`, or nullptr.
const RuleInfo* find_rule(const std::vector<RuleInfo>& rules, std::string_view id);

} // namespace vigil::core
