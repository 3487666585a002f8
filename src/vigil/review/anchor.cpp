#include <cctype>
#include <vigil/review/anchor.hpp>

namespace vigil::review {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim_end(std::string_view s) {
    while (!s.empty() && is_blank(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::string without_whitespace(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (!is_blank(c) && c != '\n') {
            out += c;
        }
    }
    return out;
}

// "  12 + code" or "+code" as the prompt shows added lines: the code only.
std::string_view strip_diff_marks(std::string_view line) {
    size_t i = 0;
    while (i < line.size() && line[i] == ' ') {
        ++i;
    }
    size_t digits = i;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) {
        ++digits;
    }
    if (digits > i &&
        (line.substr(digits).starts_with(" + ") || line.substr(digits).starts_with(" | "))) {
        return line.substr(digits + 3);
    }
    if (line.starts_with("+") && !line.starts_with("++")) {
        return line.substr(1);
    }
    return line;
}

bool lines_match(const std::vector<std::string>& quote, const std::vector<const core::Line*>& run,
                 bool exact) {
    for (size_t i = 0; i < quote.size(); ++i) {
        std::string_view have = run[i]->text();
        bool same = exact ? trim_end(have) == trim_end(quote[i])
                          : without_whitespace(have) == without_whitespace(quote[i]);
        if (!same) {
            return false;
        }
    }
    return true;
}

} // namespace

std::vector<std::string> quote_lines(std::string_view quote) {
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos <= quote.size()) {
        size_t nl = quote.find('\n', pos);
        std::string_view line =
            quote.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        lines.emplace_back(trim_end(line));
        if (nl == std::string_view::npos) {
            break;
        }
        pos = nl + 1;
    }
    while (!lines.empty() && without_whitespace(lines.back()).empty()) {
        lines.pop_back();
    }
    while (!lines.empty() && without_whitespace(lines.front()).empty()) {
        lines.erase(lines.begin());
    }
    return lines;
}

std::optional<Anchor> resolve_anchor(std::string_view quote, const core::FileChange& file,
                                     const std::vector<size_t>& hunks, size_t max_lines) {
    auto raw = quote_lines(quote);
    if (raw.empty() || raw.size() > max_lines) {
        return std::nullopt;
    }
    std::vector<std::string> stripped;
    for (const auto& l : raw) {
        stripped.emplace_back(strip_diff_marks(l));
    }
    // Exact before loose across every hunk: an exact match elsewhere beats a loose one here.
    for (bool exact : {true, false}) {
        for (const auto* quoted : {&raw, &stripped}) {
            for (size_t h : hunks) {
                if (h >= file.hunks.size()) {
                    continue;
                }
                const auto& lines = file.hunks[h].lines;
                for (size_t start = 0; start + quoted->size() <= lines.size(); ++start) {
                    std::vector<const core::Line*> run;
                    uint32_t expect = 0;
                    for (size_t k = start; k < lines.size() && run.size() < quoted->size(); ++k) {
                        const core::Line& l = lines[k];
                        if (l.kind == core::LineKind::removed) {
                            continue; // removed lines sit between added ones in git's order
                        }
                        if (l.kind != core::LineKind::added || (expect && l.new_lineno != expect)) {
                            break;
                        }
                        run.push_back(&l);
                        expect = l.new_lineno + 1;
                    }
                    if (run.size() != quoted->size() ||
                        lines[start].kind != core::LineKind::added ||
                        !lines_match(*quoted, run, exact)) {
                        continue;
                    }
                    Anchor a{h, run.front()->new_lineno, run.back()->new_lineno, {}, exact};
                    for (const auto* l : run) {
                        a.lines.emplace_back(l->text());
                    }
                    return a;
                }
            }
        }
    }
    return std::nullopt;
}

} // namespace vigil::review
