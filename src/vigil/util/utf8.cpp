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

namespace {

uint32_t code_point(std::string_view seq) {
    auto byte = [&](size_t i) { return uint32_t(static_cast<unsigned char>(seq[i])); };
    switch (seq.size()) {
    case 1:
        return byte(0);
    case 2:
        return (byte(0) & 0x1f) << 6 | (byte(1) & 0x3f);
    case 3:
        return (byte(0) & 0x0f) << 12 | (byte(1) & 0x3f) << 6 | (byte(2) & 0x3f);
    case 4:
        return (byte(0) & 0x07) << 18 | (byte(1) & 0x3f) << 12 | (byte(2) & 0x3f) << 6 |
               (byte(3) & 0x3f);
    }
    return 0;
}

struct Range {
    uint32_t first;
    uint32_t last;
};

// The wide ranges of Unicode's East Asian Width (W and F), coarsened to blocks as most
// terminals render them.
constexpr Range k_wide[] = {
    {0x1100, 0x115f},   {0x231a, 0x231b},   {0x2329, 0x232a},   {0x23e9, 0x23ec},
    {0x25fd, 0x25fe},   {0x2614, 0x2615},   {0x2e80, 0x303e},   {0x3041, 0x33ff},
    {0x3400, 0x4dbf},   {0x4e00, 0x9fff},   {0xa000, 0xa4cf},   {0xa960, 0xa97f},
    {0xac00, 0xd7a3},   {0xf900, 0xfaff},   {0xfe10, 0xfe19},   {0xfe30, 0xfe6f},
    {0xff00, 0xff60},   {0xffe0, 0xffe6},   {0x1f300, 0x1f64f}, {0x1f900, 0x1f9ff},
    {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
};

constexpr Range k_combining[] = {
    {0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd}, {0x0610, 0x061a},
    {0x064b, 0x065f}, {0x1ab0, 0x1aff}, {0x1dc0, 0x1dff}, {0x200b, 0x200f},
    {0x20d0, 0x20ff}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f},
};

bool in(const auto& ranges, uint32_t cp) {
    for (const auto& r : ranges) {
        if (cp >= r.first && cp <= r.last) {
            return true;
        }
    }
    return false;
}

} // namespace

int display_width(std::string_view sequence) {
    uint32_t cp = code_point(sequence);
    if (in(k_combining, cp)) {
        return 0;
    }
    return in(k_wide, cp) ? 2 : 1;
}

} // namespace vigil::util
