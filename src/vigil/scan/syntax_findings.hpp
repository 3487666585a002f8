// scan: `syntax-error` findings — a change that breaks parsing is caught before any model is
// asked. Built on lang's tree-sitter parse of the old and new text of a file.
#pragma once

#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/core/rule_info.hpp>

namespace vigil::scan {

inline constexpr std::string_view k_syntax_rule_id = "syntax-error";

// At most this many syntax findings per file: the first error is the one to fix, the rest
// usually follow from it.
inline constexpr size_t k_max_syntax_findings = 3;

// The catalog entry of the syntax-error rule (category syntax, severity error).
core::RuleInfo syntax_rule_info();

// Findings for the ERROR and MISSING nodes `new_text` has that `old_text` had not (old empty:
// an added file), for the file `path` in language `grammar`. When the file cannot be parsed
// (too large, out of time) there are no findings and `not_checked` (if given) gets the reason.
std::vector<core::Finding> syntax_findings(std::string_view grammar, std::string_view path,
                                           std::string_view old_text, std::string_view new_text,
                                           std::string* not_checked = nullptr);

} // namespace vigil::scan
