// lang: parsing with tree-sitter under limits, and the syntax errors a change introduces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::lang {

// Bounds on one parse; past either the parse is skipped and the reason recorded.
struct ParseLimits {
    size_t max_bytes = 4u << 20;           // larger texts are not parsed
    uint64_t time_budget_micros = 1000000; // per parse; tree-sitter gives up past it
};

// An ERROR or MISSING node: where it starts (1-based line, 1-based byte column) and the
// source line it is on (without its line break).
struct SyntaxError {
    uint32_t line = 0;
    uint32_t column = 0;
    bool missing = false; // MISSING: tree-sitter inserted an expected token (e.g. ")")
    std::string expected; // for MISSING, the node tree-sitter expected; else ""
    std::string line_text;
};

struct SyntaxCheck {
    bool parsed = false; // false: not parsed, `reason` says why
    std::string reason;  // "no grammar", "larger than 4 MiB", "time budget of 1 s ran out"
    std::vector<SyntaxError> errors;
};

// Parses `text` with grammar `grammar` (a name from grammar_names()) and lists its ERROR and
// MISSING nodes, outermost only, in source order. Thread-safe (one parser per thread and
// grammar, reused). Never fails: an unknown grammar or a limit gives parsed = false.
SyntaxCheck syntax_errors(std::string_view grammar, std::string_view text,
                          const ParseLimits& limits = {});

// The syntax errors of `new_text` that `old_text` did not have: errors are matched by the
// trimmed text of their line and their kind, so an error that moved with its line is not new.
// With an empty old text (an added file) every error is new. When either side cannot be
// parsed, `parsed` is false and `reason` says why.
SyntaxCheck introduced_syntax_errors(std::string_view grammar, std::string_view old_text,
                                     std::string_view new_text, const ParseLimits& limits = {});

} // namespace vigil::lang
