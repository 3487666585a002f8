// scan: runs rules' own examples ([[rules.examples]]) through the real scanner.
#pragma once

#include <string>
#include <vector>
#include <vigil/rules/rule_set.hpp>

namespace vigil::scan {

struct ExampleResult {
    const rules::Example* example = nullptr;
    std::string path;    // the path the text was scanned as
    size_t findings = 0; // findings of the rule itself
    bool passed() const { return example->should_match ? findings > 0 : findings == 0; }
};

// Scans each example of rule `index` as one added file, with only that rule (and the rules it
// requires) plus the set's global allowlists: gitleaks' way of validating a rule.
std::vector<ExampleResult> run_examples(const rules::RuleSet& rules, size_t index);

// The path an example is scanned as: its own, else a file of the rule's first language, else
// "example.txt".
std::string example_path(const rules::Rule& rule, const rules::Example& example);

} // namespace vigil::scan
