// util: UTF-8 helpers. vigil keeps file bytes exactly; these decide how to count and show them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil::util {

// Length in bytes of the well-formed UTF-8 sequence starting at text[pos], or 0 when the
// bytes there are not well-formed (overlong, surrogate, truncated, > U+10FFFF).
size_t utf8_sequence_length(std::string_view text, size_t pos);

bool is_valid_utf8(std::string_view text);

// Number of characters in text: each well-formed sequence counts one, each other byte one.
size_t count_chars(std::string_view text);

// How many terminal columns the well-formed sequence `sequence` takes: 2 for East Asian wide
// and fullwidth characters and most emoji, 0 for combining marks, 1 otherwise (as wcwidth).
int display_width(std::string_view sequence);

// text with every ill-formed byte replaced by U+FFFD, for outputs that must be UTF-8 (JSON).
std::string to_valid_utf8(std::string_view text);

} // namespace vigil::util
