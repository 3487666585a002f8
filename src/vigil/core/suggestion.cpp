#include <algorithm>
#include <cstdio>
#include <vigil/core/suggestion.hpp>
#include <vigil/util/sha1.hpp>

namespace vigil::core {
namespace {

constexpr uint32_t k_context_lines = 3;

// The file's lines, each with its "\n" (the last may lack one).
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t begin = 0;
    while (begin < text.size()) {
        size_t nl = text.find('\n', begin);
        size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        lines.push_back(text.substr(begin, end - begin));
        begin = end;
    }
    return lines;
}

void append_line(std::string& out, char marker, std::string_view line) {
    out += marker;
    out += line;
    if (line.empty() || line.back() != '\n') {
        out += "\n\\ No newline at end of file\n";
    }
}

std::string range(uint32_t start, uint32_t count) {
    // git writes an empty side as "line before it,0" and a one-line side without ",1".
    if (count == 0) {
        return std::to_string(start == 0 ? 0 : start - 1) + ",0";
    }
    return count == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(count);
}

std::string mode_octal(uint32_t mode) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%06o", mode);
    return buf;
}

// One replacement of old lines [start, end] by `inserted`, checked against the file.
struct Edit {
    uint32_t start;
    uint32_t end;
    std::string_view inserted;
};

bool fits(const Suggestion& s, uint32_t total) {
    return s.start_line >= 1 && s.start_line <= total + 1 && s.end_line + 1 >= s.start_line &&
           s.end_line <= total;
}

// The file after the edits (sorted, not overlapping).
std::string apply_edits(const std::vector<std::string_view>& lines,
                        const std::vector<Edit>& edits) {
    std::string out;
    uint32_t next = 1;
    for (const auto& e : edits) {
        for (; next < e.start; ++next) {
            out += lines[next - 1];
        }
        out += e.inserted;
        next = e.end + 1;
    }
    for (; next <= lines.size(); ++next) {
        out += lines[next - 1];
    }
    return out;
}

// The hunks of a unified diff for the edits (sorted, not overlapping); edits whose context
// windows meet share a hunk, as git writes them.
std::string hunks(const std::vector<std::string_view>& lines, const std::vector<Edit>& edits) {
    uint32_t total = uint32_t(lines.size());
    std::string out;
    int32_t delta = 0; // new line number minus old, before the current hunk
    size_t i = 0;
    while (i < edits.size()) {
        size_t j = i; // edits i..j form one hunk
        while (j + 1 < edits.size() &&
               edits[j + 1].start <= edits[j].end + 2 * k_context_lines + 1) {
            ++j;
        }
        uint32_t first = edits[i].start > k_context_lines ? edits[i].start - k_context_lines : 1;
        uint32_t last = std::min(total, edits[j].end + k_context_lines);
        std::string body;
        uint32_t old_count = 0, new_count = 0;
        uint32_t at = first;
        for (size_t k = i; k <= j; ++k) {
            for (; at < edits[k].start; ++at, ++old_count, ++new_count) {
                append_line(body, ' ', lines[at - 1]);
            }
            for (; at <= edits[k].end; ++at, ++old_count) {
                append_line(body, '-', lines[at - 1]);
            }
            for (auto line : split_lines(edits[k].inserted)) {
                append_line(body, '+', line);
                ++new_count;
            }
        }
        for (; at <= last; ++at, ++old_count, ++new_count) {
            append_line(body, ' ', lines[at - 1]);
        }
        uint32_t new_first = uint32_t(int32_t(first) + delta);
        out += "@@ -" + range(first, old_count) + " +" + range(new_first, new_count) + " @@\n";
        out += body;
        delta += int32_t(new_count) - int32_t(old_count);
        i = j + 1;
    }
    return out;
}

std::string header(const Suggestion& s, std::string_view base_id, std::string_view new_id) {
    const std::string& path = s.patch_path.empty() ? s.path : s.patch_path;
    std::string a = patch_path("a/", path), b = patch_path("b/", path);
    return "diff --git " + a + " " + b + "\nindex " + std::string(base_id) + ".." +
           std::string(new_id) + " " + mode_octal(s.mode) + "\n--- " + a + "\n+++ " + b + "\n";
}

} // namespace

std::string patch_path(std::string_view prefix, std::string_view path) {
    std::string plain = std::string(prefix) + std::string(path);
    bool quote = false;
    for (unsigned char c : plain) {
        quote = quote || c == '"' || c == '\\' || c < 0x20 || c >= 0x7f;
    }
    if (!quote) {
        return plain;
    }
    std::string out = "\"";
    for (unsigned char c : plain) {
        static constexpr std::string_view k_c_escapes = "\a\b\t\n\v\f\r";
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (auto at = k_c_escapes.find(char(c)); c != 0 && at != std::string_view::npos) {
            out += '\\';
            out += "abtnvfr"[at];
        } else if (c < 0x20 || c >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out + "\"";
}

bool complete_suggestion(Suggestion& s, std::string_view base, std::string_view known_base_id) {
    auto lines = split_lines(base);
    uint32_t total = uint32_t(lines.size());
    if (!fits(s, total)) {
        return false;
    }
    std::string inserted = s.inserted;
    if (s.start_line == total + 1 && total > 0 && lines.back().back() != '\n' &&
        !inserted.empty()) {
        // Lines added after a last line without a newline must give it one: the change then
        // replaces that line (as git diff shows it).
        inserted = std::string(lines.back()) + "\n" + inserted;
        s.start_line = s.end_line = total;
    }
    if (!inserted.empty() && inserted.back() != '\n' && s.end_line < total) {
        inserted += '\n';
    }
    std::string removed;
    for (uint32_t i = s.start_line; i <= s.end_line; ++i) {
        removed += lines[i - 1];
    }
    if (removed == inserted) {
        return false;
    }
    std::vector<Edit> edits = {{s.start_line, s.end_line, inserted}};
    std::string result = apply_edits(lines, edits);
    std::string base_id =
        known_base_id.empty() ? util::git_blob_id(base) : std::string(known_base_id);
    std::string new_id = util::git_blob_id(result);
    s.diff = header(s, base_id, new_id) + hunks(lines, edits);
    s.base_id = std::move(base_id);
    s.new_id = std::move(new_id);
    s.removed = std::move(removed);
    s.inserted = std::move(inserted);
    return true;
}

std::string combined_diff(const std::vector<const Suggestion*>& suggestions, std::string_view base,
                          std::vector<size_t>* left_out) {
    auto lines = split_lines(base);
    uint32_t total = uint32_t(lines.size());
    std::vector<size_t> order(suggestions.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return suggestions[a]->start_line < suggestions[b]->start_line;
    });
    std::vector<Edit> edits;
    for (size_t i : order) {
        const auto& s = *suggestions[i];
        // An insertion (end = start - 1) meets an edit that ends just before it, too.
        bool overlaps =
            !edits.empty() && s.start_line <= edits.back().end + (s.end_line < s.start_line);
        if (!fits(s, total) || overlaps) {
            if (left_out) {
                left_out->push_back(i);
            }
            continue;
        }
        edits.push_back({s.start_line, s.end_line, s.inserted});
    }
    if (edits.empty()) {
        return {};
    }
    std::string result = apply_edits(lines, edits);
    const auto& first = *suggestions[order.front()];
    return header(first, util::git_blob_id(base), util::git_blob_id(result)) + hunks(lines, edits);
}

} // namespace vigil::core
