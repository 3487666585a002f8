// report (private): GitHub's primaryLocationLineHash and the UTF-16 view of text it rests on.
// GitHub code scanning matches alerts across runs by this hash; codeql-action's upload-sarif
// fills it in from the checkout when a result lacks it, but the REST upload does not. vigil
// computes it itself, exactly as github/codeql-action src/fingerprints.ts does, so both
// upload paths agree and an alert survives edits above it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::report {

// Calls emit(unit) for every UTF-16 code unit of `bytes` decoded as UTF-8 the way Node does
// (WHATWG decoder: each maximal ill-formed subpart becomes one U+FFFD; a BOM is kept).
// Node is what computes the hash on GitHub's side, so the two must decode alike.
template <typename Emit> void for_each_utf16_unit(std::string_view bytes, Emit&& emit) {
    uint32_t code_point = 0;
    int needed = 0;
    int seen = 0;
    uint8_t lower = 0x80;
    uint8_t upper = 0xBF;
    auto put = [&](uint32_t cp) {
        if (cp >= 0x10000) {
            cp -= 0x10000;
            emit(char16_t(0xD800 + (cp >> 10)));
            emit(char16_t(0xDC00 + (cp & 0x3FF)));
        } else {
            emit(char16_t(cp));
        }
    };
    for (size_t i = 0; i < bytes.size(); ++i) {
        auto b = uint8_t(bytes[i]);
        if (needed == 0) {
            if (b < 0x80) {
                put(b);
            } else if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
                code_point = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                lower = b == 0xE0 ? 0xA0 : 0x80; // no overlong forms
                upper = b == 0xED ? 0x9F : 0xBF; // no surrogates
                needed = 2;
                code_point = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                lower = b == 0xF0 ? 0x90 : 0x80;
                upper = b == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
                needed = 3;
                code_point = b & 0x07;
            } else {
                put(0xFFFD);
            }
            continue;
        }
        if (b < lower || b > upper) {
            // The sequence so far is one replacement; this byte starts afresh.
            needed = seen = 0;
            code_point = 0;
            lower = 0x80;
            upper = 0xBF;
            put(0xFFFD);
            --i;
            continue;
        }
        lower = 0x80;
        upper = 0xBF;
        code_point = (code_point << 6) | (b & 0x3F);
        if (++seen == needed) {
            put(code_point);
            needed = seen = 0;
            code_point = 0;
        }
    }
    if (needed != 0) {
        put(0xFFFD);
    }
}

// Number of UTF-16 code units in `bytes` (decoded as above): SARIF columns with
// columnKind utf16CodeUnits.
size_t utf16_length(std::string_view bytes);

// primaryLocationLineHash of every line of `text` (the file's bytes): element i is line i+1,
// as "<hex>:<n>" — the rolling hash (base 37, 64-bit wrap) of the next 100 characters from the
// line's start, skipping spaces and tabs, with CR, LF and CRLF read as LF; hex without leading
// zeros; n counts equal hashes up to this line. A file ending in a newline has one more
// (empty) line than it has newlines, as in codeql-action.
std::vector<std::string> line_hashes(std::string_view text);

} // namespace vigil::report
