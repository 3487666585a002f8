#include <algorithm>
#include <cctype>
#include <vigil/report/line_hash.hpp>
#include <vigil/report/sarif_parts.hpp>
#include <vigil/util/text.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::report::sarif {
namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

bool is_security(std::string_view category) {
    return category == "secret" || category == "safety";
}

// The n-th '\n'-separated piece of text (0-based), or nullopt when there are fewer.
std::optional<std::string_view> nth_line(std::string_view text, size_t n) {
    size_t begin = 0;
    for (size_t i = 0; i < n; ++i) {
        size_t nl = text.find('\n', begin);
        if (nl == std::string_view::npos) {
            return std::nullopt;
        }
        begin = nl + 1;
    }
    size_t end = text.find('\n', begin);
    return text.substr(begin, end == std::string_view::npos ? text.size() - begin : end - begin);
}

std::string_view without_cr(std::string_view line) {
    return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
}

// 1-based UTF-16 column of 1-based byte column `column` on `line`, or 0 when out of range.
uint32_t utf16_column(std::string_view line, uint32_t column) {
    if (column == 0 || column - 1 > line.size()) {
        return 0;
    }
    return uint32_t(utf16_length(line.substr(0, column - 1)) + 1);
}

} // namespace

std::string artifact_uri(std::string_view path) {
    std::string p(path);
    std::replace(p.begin(), p.end(), '\\', '/');
    while (p.starts_with("./")) {
        p.erase(0, 2);
    }
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    // An absolute path (a path scan given one) becomes a file URI, with the colon of a drive
    // letter kept: a relative reference may not start with '/' (Multitool SARIF1004), and
    // GitHub relativises file URIs against the checkout.
    bool drive = p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' &&
                 p[2] == '/';
    if (drive || p.starts_with('/')) {
        out = drive ? "file:///" + p.substr(0, 2) : "file://";
        p.erase(0, drive ? 2 : 0);
        while (p.starts_with("//")) {
            p.erase(0, 1);
        }
    }
    for (unsigned char c : p) {
        if (is_unreserved(c) || c == '/') {
            out += char(c);
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
        }
    }
    return out;
}

std::string_view level(core::Severity severity) {
    return core::to_string(severity); // the names are SARIF's
}

std::string_view problem_severity(core::Severity severity) {
    return severity == core::Severity::note ? "recommendation" : core::to_string(severity);
}

std::optional<std::string> security_severity(std::string_view category, core::Severity severity) {
    // GitHub's bands: > 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. A committed
    // credential at error is critical (anyone with read access can use it); a risky call is
    // at most high, since it needs a reachable input to matter. Values sit inside the bands,
    // never on their edges.
    if (category == "secret") {
        switch (severity) {
        case core::Severity::error:
            return "9.1";
        case core::Severity::warning:
            return "7.5";
        case core::Severity::note:
            return "4.0";
        }
    }
    if (category == "safety") {
        switch (severity) {
        case core::Severity::error:
            return "8.0";
        case core::Severity::warning:
            return "5.5";
        case core::Severity::note:
            return "3.0";
        }
    }
    return std::nullopt;
}

std::string_view precision(std::string_view category) {
    if (category == "hygiene" || category == "syntax") {
        return "very-high"; // conflict markers, whitespace, parse errors: exact by construction
    }
    if (category == "secret") {
        return "high"; // keyword + pattern + entropy, with allowlists
    }
    if (category == "review") {
        return "low"; // model output, verified but not certain
    }
    return "medium"; // safety patterns and anything else: right shape, context unknown
}

std::vector<std::string> rule_tags(std::string_view category, const std::vector<std::string>& own) {
    std::vector<std::string> tags;
    auto add = [&](std::string_view tag) {
        if (!tag.empty() && tags.size() < k_max_tags &&
            std::find(tags.begin(), tags.end(), tag) == tags.end()) {
            tags.emplace_back(util::to_valid_utf8(tag));
        }
    };
    if (is_security(category)) {
        add("security"); // first: GitHub shows only 10 tags
    }
    if (category == "secret") {
        add("external/cwe/cwe-798"); // use of hard-coded credentials
    }
    add(category);
    for (const auto& tag : own) {
        // "cwe-78" in GitHub's spelling, which links the CWE in the alert.
        bool cwe = tag.size() > 4 && util::to_lower_ascii(tag.substr(0, 4)) == "cwe-" &&
                   tag.find_first_not_of("0123456789", 4) == std::string::npos;
        add(cwe ? "external/cwe/cwe-" + tag.substr(4) : tag);
    }
    return tags;
}

std::string rule_name(std::string_view id) {
    std::string name;
    bool upper = true;
    for (char c : id) {
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum) {
            upper = true;
            continue;
        }
        name += upper && c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
        upper = false;
    }
    if (name.empty()) {
        name = "Rule";
    }
    return name.substr(0, k_max_name);
}

std::string clipped(std::string_view text, size_t max) {
    static constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";
    if (text.size() <= max) {
        return std::string(text);
    }
    size_t end = max > k_ellipsis.size() ? max - k_ellipsis.size() : 0;
    // Step back off continuation bytes so a character is never cut in half.
    while (end > 0 && (uint8_t(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return std::string(text.substr(0, end)) + std::string(k_ellipsis);
}

std::string markdown_escaped(std::string_view text) {
    static constexpr std::string_view k_special = "\\*_<>[]#|~!";
    bool in_code = false;
    std::string out;
    for (char c : text) {
        if (c == '`') {
            in_code = !in_code;
        } else if (!in_code && k_special.find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

Region finding_region(const core::Finding& f, const std::optional<std::string>& source) {
    const core::Location& loc = f.location;
    Region r;
    if (loc.line == 0) {
        if (source) {
            auto first = nth_line(*source, 0).value_or("");
            r.end_column = uint32_t(utf16_length(without_cr(first)) + 1);
        }
        return r;
    }
    r.start_line = loc.line;
    r.end_line = std::max(loc.end_line, loc.line);
    std::string_view text = f.line_text;
    auto first = nth_line(text, 0);
    auto last = nth_line(text, r.end_line - r.start_line);
    if (loc.column == 0 && loc.char_column == 0) {
        // No columns (a finding about whole lines): cover them.
        r.start_column = 1;
        r.end_column = last ? uint32_t(utf16_length(without_cr(*last)) + 1) : 1;
    } else {
        uint32_t start = first ? utf16_column(*first, loc.column) : 0;
        uint32_t end = last ? utf16_column(*last, loc.end_column) : 0;
        // line_text does not place the byte columns (not given, or not the lines they count
        // on): the character columns are code points, which equal UTF-16 units outside the
        // astral planes — the best left.
        r.start_column = start ? start : std::max<uint32_t>(loc.char_column, 1);
        r.end_column = end ? end : std::max<uint32_t>(loc.char_end_column, 1);
    }
    if (r.end_line == r.start_line && r.end_column < r.start_column) {
        r.end_column = r.start_column; // SARIF1007: a region never ends before it starts
    }
    return r;
}

std::optional<core::Span> region_bytes(const core::Finding& f) {
    const core::Location& loc = f.location;
    if (loc.line == 0 || loc.column == 0 || loc.end_column == 0) {
        return std::nullopt;
    }
    std::string_view text = f.line_text;
    size_t last_begin = 0;
    for (uint32_t n = loc.line; n < std::max(loc.end_line, loc.line); ++n) {
        size_t nl = text.find('\n', last_begin);
        if (nl == std::string_view::npos) {
            return std::nullopt;
        }
        last_begin = nl + 1;
    }
    size_t last_end = std::min(text.find('\n', last_begin), text.size());
    size_t begin = loc.column - 1;
    size_t end = last_begin + loc.end_column - 1;
    size_t first_end = std::min(text.find('\n'), text.size());
    if (begin > first_end || end > last_end || end < begin) {
        return std::nullopt;
    }
    return core::Span{uint32_t(begin), uint32_t(end)};
}

std::string shown_text(const core::Finding& f, core::Span span, bool show_secrets) {
    // displayed_line() on a finding cut down to the span, its secrets moved along with it.
    core::Finding part;
    part.line_text = f.line_text.substr(span.begin, span.end - span.begin);
    std::vector<core::Span> secrets = f.line_secrets;
    secrets.push_back(f.secret);
    for (core::Span s : secrets) {
        uint32_t begin = std::max(s.begin, span.begin);
        uint32_t end = std::min(s.end, span.end);
        if (begin < end) {
            part.line_secrets.push_back({begin - span.begin, end - span.begin});
        }
    }
    return core::displayed_line(part, show_secrets);
}

Region deleted_region(const core::Suggestion& s) {
    Region r;
    r.start_line = std::max<uint32_t>(s.start_line, 1);
    if (s.end_line < s.start_line || s.removed.empty()) {
        r.end_line = r.start_line; // an insertion point before start_line
        return r;
    }
    if (s.removed.back() == '\n') {
        // Through the end of end_line's newline: the start of the next line.
        r.end_line = s.end_line + 1;
        return r;
    }
    // The last line of the file, without a final newline.
    r.end_line = s.end_line;
    std::string_view removed = s.removed;
    size_t nl = removed.rfind('\n');
    std::string_view tail = nl == std::string_view::npos ? removed : removed.substr(nl + 1);
    r.end_column = uint32_t(utf16_length(tail) + 1);
    return r;
}

std::vector<size_t> kept_results(const std::vector<core::Finding>& findings, size_t limit) {
    std::vector<size_t> order(findings.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    if (order.size() <= limit) {
        return order;
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return findings[a].severity > findings[b].severity;
    });
    order.resize(limit);
    std::sort(order.begin(), order.end());
    return order;
}

} // namespace vigil::report::sarif
