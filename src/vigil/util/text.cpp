#include <algorithm>
#include <charconv>
#include <vigil/util/text.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::util {

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = char(c - 'A' + 'a');
        }
    }
    return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    size_t best_distance = SIZE_MAX;
    for (const auto& candidate : candidates) {
        size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    // A typo changes a few characters; beyond that a suggestion is noise.
    size_t allowed = std::max<size_t>(2, word.size() / 3);
    if (best && best_distance <= allowed) {
        return best;
    }
    return std::nullopt;
}

Expected<uint64_t> parse_size(std::string_view text) {
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string_view suffix(end, size_t(text.data() + text.size() - end));
    if (ec != std::errc() || end == text.data()) {
        return usage_error("invalid size '" + std::string(text) + "'",
                           "use a number of bytes, optionally with K, M or G (e.g. 10M)");
    }
    uint64_t unit = 1;
    std::string lower = to_lower_ascii(suffix);
    if (lower == "k" || lower == "kb" || lower == "kib") {
        unit = 1024;
    } else if (lower == "m" || lower == "mb" || lower == "mib") {
        unit = 1024 * 1024;
    } else if (lower == "g" || lower == "gb" || lower == "gib") {
        unit = 1024ull * 1024 * 1024;
    } else if (!lower.empty() && lower != "b") {
        return usage_error("invalid size '" + std::string(text) + "'",
                           "use a number of bytes, optionally with K, M or G (e.g. 10M)");
    }
    if (value > UINT64_MAX / unit) {
        return usage_error("size '" + std::string(text) + "' is too large",
                           "use at most 16 exabytes (e.g. 10M)");
    }
    return value * unit;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += (c < 0x20 || c == 0x7f) ? '?' : char(c);
            ++i;
            continue;
        }
        size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            // A stray byte: in 0x80..0x9F an 8-bit terminal reads it as a C1 control (0x9B is CSI).
            out += c <= 0x9F ? '?' : char(c);
            ++i;
        } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            out += '?'; // U+0080..U+009F, the C1 controls, as UTF-8
            i += 2;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

} // namespace vigil::util
