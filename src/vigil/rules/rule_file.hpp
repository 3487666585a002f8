// rules (module-private): one rule file as written, before [extend] merging and compiling.
#pragma once

#include <string>
#include <string_view>
#include <vector>
#include <vigil/rules/rule_set.hpp>

namespace vigil::rules::detail {

struct Extend {
    bool present = false;
    bool use_default = false;
    std::string path;
    std::vector<std::string> disabled_rules;
    std::string source; // "file:line" of [extend]
};

struct RuleFile {
    std::string source;
    std::vector<Rule> rules;
    std::vector<AllowlistSpec> allowlists; // global
    Extend extend;
};

// Parses one file. Appends every problem (as "source:line: problem [rule id]") to `problems`;
// with `validate_regexes` every regex is compiled to check it (RE2's message on failure) and
// secretGroup is checked against the regex's groups.
RuleFile parse_rule_file(std::string_view text, const std::string& source, bool validate_regexes,
                         std::vector<std::string>& problems);

// Adds `extension` on top of `base` with gitleaks' merge rules (§1.1 of the reference): an
// existing rule's fields are overridden by non-empty values, keywords/tags/allowlists appended.
// `disabled` rules of the base are dropped. Unknown disabled ids become warnings. Returns the
// ids of base rules that were changed (their regex and secretGroup may now come from two files).
std::vector<std::string> merge_into(RuleFile& base, RuleFile extension, bool protect_secrets,
                                    std::vector<std::string>& warnings);

// The built-in packs, checked and serialised at build time (pack_tool.cpp, pack_format.hpp).
extern const char k_default_pack_data[];
extern const size_t k_default_pack_size;

} // namespace vigil::rules::detail
