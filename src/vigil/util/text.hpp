// util: small text helpers shared by modules (case folding, suggestions, sizes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/util/error.hpp>

namespace vigil::util {

std::string to_lower_ascii(std::string_view text);

// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word when it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// "10M", "512k", "1G", "2048" -> bytes. Fails on anything else, naming the text.
Expected<uint64_t> parse_size(std::string_view text);

bool starts_with(std::string_view text, std::string_view prefix);

// text with every control character (C0, DEL, and C1 whether UTF-8 encoded or a stray byte)
// replaced by '?', so bytes from scanned files and file names cannot drive a terminal (escape
// sequences) or split a diagnostic line. Other bytes, ill-formed UTF-8 included, are kept.
std::string printable(std::string_view text);

} // namespace vigil::util
