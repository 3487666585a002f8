#include <cstdint>
#include <vigil/util/utf8.hpp>

namespace vigil::util {

size_t utf8_sequence_length(std::string_view text, size_t pos) {
    auto byte = [&](size_t i) { return uint8_t(text[i]); };
    uint8_t b0 = byte(pos);
    if (b0 < 0x80) {
        return 1;
    }
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0) {
            lo = 0xA0; // no overlong forms
        } else if (b0 == 0xED) {
            hi = 0x9F; // no surrogates
        }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0) {
            lo = 0x90;
        } else if (b0 == 0xF4) {
            hi = 0x8F; // nothing above U+10FFFF
        }
    } else {
        return 0;
    }
    if (pos + len > text.size()) {
        return 0;
    }
    if (byte(pos + 1) < lo || byte(pos + 1) > hi) {
        return 0;
    }
    for (size_t i = 2; i < len; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) {
            return 0;
        }
    }
    return len;
}

bool is_valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

size_t count_chars(std::string_view text) {
    size_t count = 0;
    for (size_t i = 0; i < text.size(); ++count) {
        size_t n = utf8_sequence_length(text, i);
        i += n ? n : 1;
    }
    return count;
}

std::string to_valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

} // namespace vigil::util
