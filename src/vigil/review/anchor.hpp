// review: anchors — a model never gives line numbers; it quotes 1-3 added lines, and vigil
// finds them in the hunks it sent (exactly, then ignoring whitespace). A quote that matches no
// run of added lines drops its finding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/change.hpp>

namespace vigil::review {

struct Anchor {
    size_t hunk = 0;         // index into FileChange::hunks
    uint32_t first_line = 0; // new-side line numbers of the quoted lines
    uint32_t last_line = 0;
    std::vector<std::string> lines; // the file's lines, as in the blob (without "\r")
    bool exact = true;              // false: matched only once whitespace was ignored
};

// The quoted lines with what models copy from the prompt's numbered form removed: a leading
// "NN + " or "+", and blank lines at either end.
std::vector<std::string> quote_lines(std::string_view quote);

// The first run of consecutive added lines, in the hunks `hunks` of `file`, that the quote
// matches — exactly (trailing blanks aside), else with all whitespace ignored. A quote of more
// than `max_lines` lines never matches.
std::optional<Anchor> resolve_anchor(std::string_view quote, const core::FileChange& file,
                                     const std::vector<size_t>& hunks, size_t max_lines = 3);

} // namespace vigil::review
