#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>
#include <vigil/lang/outline.hpp>
#include <vigil/lang/syntax.hpp>
#include <vigil/review/fix_check.hpp>
#include <vigil/scan/scanner.hpp>
#include <vigil/util/text.hpp>

namespace vigil::review {
namespace {

using Lines = std::vector<std::string>;

constexpr std::string_view k_space = " \t\r\n\f\v";

bool is_space(char c) {
    return c != 0 && k_space.find(c) != k_space.npos;
}

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string_view trim(std::string_view s) {
    size_t first = s.find_first_not_of(k_space);
    return first == s.npos ? std::string_view()
                           : s.substr(first, s.find_last_not_of(k_space) - first + 1);
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view n) { return text.find(n) != text.npos; });
}

bool has_word(std::string_view text, std::string_view word) {
    for (size_t at = text.find(word); at != text.npos; at = text.find(word, at + 1)) {
        size_t end = at + word.size();
        if ((at == 0 || !is_word_char(text[at - 1])) &&
            (end == text.size() || !is_word_char(text[end]))) {
            return true;
        }
    }
    return false;
}

// The file's lines, each with its "\n" (the last may lack one).
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (size_t begin = 0; begin < text.size();) {
        size_t nl = text.find('\n', begin);
        size_t end = nl == text.npos ? text.size() : nl + 1;
        lines.push_back(text.substr(begin, end - begin));
        begin = end;
    }
    return lines;
}

std::string_view without_break(std::string_view line) {
    line = line.substr(0, line.ends_with('\n') ? line.size() - 1 : line.size());
    return line.substr(0, line.ends_with('\r') ? line.size() - 1 : line.size());
}

// Models write "\n" or "\r\n" and often end with a line break: "a\n" is the line "a", "\n" one
// blank line, "" no lines at all.
Lines replacement_lines(std::string_view text) {
    Lines lines;
    if (text.empty()) {
        return lines;
    }
    if (text.ends_with('\n')) {
        text.remove_suffix(1);
    }
    for (size_t begin = 0;;) {
        size_t nl = text.find('\n', begin);
        lines.emplace_back(without_break(text.substr(begin, nl == text.npos ? nl : nl - begin)));
        if (nl == text.npos) {
            return lines;
        }
        begin = nl + 1;
    }
}

// Non-blank lines with runs of whitespace made one space, for "the same but for whitespace".
// Python's indentation is code, so there it stays.
Lines significant(const Lines& lines, bool keep_indent) {
    Lines out;
    for (const auto& line : lines) {
        size_t body = line.find_first_not_of(" \t\r\f\v");
        if (body == line.npos) {
            continue;
        }
        std::string norm = keep_indent ? line.substr(0, body) : "";
        for (char c : trim(line)) {
            if (!is_space(c)) {
                norm += c;
            } else if (!is_space(norm.back())) {
                norm += ' ';
            }
        }
        out.push_back(std::move(norm));
    }
    return out;
}

// A line split into its code (string literals emptied, so quotes stay but nothing inside can
// look like code) and the comment after the first marker outside a string.
struct LineParts {
    std::string code;
    std::string_view comment;
    bool has_comment = false;
};

LineParts split_comment(std::string_view line) {
    LineParts parts;
    std::string_view t = trim(line);
    if (t.starts_with("* ") || t == "*" || t.starts_with("*/")) { // inside a block comment
        return {"", t.substr(1), true};
    }
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        std::string_view rest = line.substr(i);
        if (quote) {
            if (c == '\\') {
                ++i;
            } else if (c == quote) {
                parts.code += c;
                quote = 0;
            }
        } else if (c == '"' || c == '\'' || c == '`') {
            parts.code += c;
            quote = c;
        } else if (rest.starts_with("//") || rest.starts_with("/*") || c == '#' ||
                   rest.starts_with("<!--") ||
                   (rest.starts_with("-- ") && (i == 0 || is_space(line[i - 1])))) {
            size_t marker = rest.starts_with("<!--") ? 4 : c == '#' ? 1 : 2;
            parts.comment = rest.substr(marker);
            parts.has_comment = true;
            break;
        } else {
            parts.code += c;
        }
    }
    return parts;
}

bool is_ellipsis_body(std::string_view code) {
    while (!code.empty() && (is_space(code.back()) || code.back() == ';' || code.back() == '}')) {
        code.remove_suffix(1);
    }
    for (std::string_view dots : {"...", "\u2026"}) {
        if (code.ends_with(dots)) {
            std::string_view before = trim(code.substr(0, code.size() - dots.size()));
            return before.empty() || before.ends_with(':') || before.ends_with('{');
        }
    }
    return false;
}

bool is_placeholder_comment(std::string_view comment) {
    std::string text = util::to_lower_ascii(trim(comment));
    if (text.starts_with("...") || text.starts_with("\u2026")) {
        return true; // "// ... rest as before", "/* ... */"
    }
    if (contains_any(text,
                     {"implement this", "your code here", "code goes here", "rest of the code",
                      "rest of code", "existing code", "omitted for brevity", "same as before"})) {
        return true;
    }
    // "# unchanged", "// other methods unchanged" — but not a comment that says what stays so.
    auto words = std::count(text.begin(), text.end(), ' ') + 1;
    return text.find("unchanged") != text.npos && words <= 4;
}

bool is_placeholder_line(std::string_view line, bool pass_allowed) {
    if (has_word(line, "TODO") || has_word(line, "FIXME") || has_word(line, "XXX") ||
        contains_any(line, {"NotImplementedError", "todo!(", "unimplemented!("})) {
        return true;
    }
    LineParts parts = split_comment(line);
    std::string_view code = trim(parts.code);
    return (parts.has_comment && is_placeholder_comment(parts.comment)) || is_ellipsis_body(code) ||
           (code == "pass" && !pass_allowed);
}

// Braces opening a body — after ")", "else", "=>", ... — and how many of them close at once.
std::pair<size_t, size_t> bodies_and_empty_ones(const Lines& lines) {
    std::string code;
    for (const auto& line : lines) {
        code += split_comment(line).code + "\n";
    }
    size_t bodies = 0, empty = 0;
    for (size_t at = code.find('{'); at != code.npos; at = code.find('{', at + 1)) {
        std::string_view before = trim(std::string_view(code).substr(0, at));
        bool body = before.ends_with(')') || before.ends_with("=>");
        for (std::string_view word :
             {"else", "try", "finally", "do", "const", "noexcept", "override"}) {
            body = body || (before.ends_with(word) &&
                            (before.size() == word.size() ||
                             !is_word_char(before[before.size() - word.size() - 1])));
        }
        size_t next = code.find_first_not_of(" \t\r\n", at + 1);
        bodies += body;
        empty += body && next != code.npos && code[next] == '}';
    }
    return {bodies, empty};
}

bool leaves_placeholder(const Lines& anchored, const Lines& replacement) {
    std::set<std::string_view> old_lines;
    bool had_pass = false;
    for (const auto& line : anchored) {
        old_lines.insert(trim(line));
        had_pass = had_pass || trim(split_comment(line).code) == "pass";
    }
    for (const auto& line : replacement) {
        if (!old_lines.contains(trim(line)) && is_placeholder_line(line, had_pass)) {
            return true;
        }
    }
    auto [old_bodies, old_empty] = bodies_and_empty_ones(anchored);
    auto [new_bodies, new_empty] = bodies_and_empty_ones(replacement);
    return new_empty > old_empty && old_bodies > old_empty;
}

// A secret or safety finding by what makes it the same one on other lines: category, rule
// and the secret (or the matched text).
using RuleHit = std::tuple<std::string, std::string, std::string>;

// What the rules report on `lines` as new lines start_line... of `file_text`. An inline ignore
// marker is defused first: a model must not be able to hide what it adds behind one.
std::set<RuleHit> rule_hits(const rules::RuleSet& rules, const FixProposal& p, const Lines& lines,
                            const std::string& file_text) {
    core::FileChange file;
    file.status = core::FileStatus::modified;
    file.old_path = file.new_path = p.path;
    core::Hunk hunk;
    hunk.old_start = hunk.new_start = p.start_line;
    hunk.new_lines = uint32_t(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
        core::Line line{core::LineKind::added, 0, p.start_line + uint32_t(i), false, lines[i]};
        for (std::string_view marker : scan::k_inline_ignores) {
            for (size_t at = line.content.find(marker); at != line.content.npos;
                 at = line.content.find(marker, at + 1)) {
                line.content[at + marker.find(':')] = '_';
            }
        }
        hunk.lines.push_back(std::move(line));
    }
    file.hunks.push_back(std::move(hunk));
    core::ChangeSet changes;
    changes.files.push_back(std::move(file));
    std::set<RuleHit> found;
    auto text_of = [&](const core::FileChange&) { return std::optional<std::string>(file_text); };
    for (const auto& f : scan::scan_changes(rules, changes, nullptr, text_of)) {
        if (f.category == "secret" || f.category == "safety") {
            std::string_view what = f.has_secret()
                                        ? f.secret_text()
                                        : std::string_view(f.line_text)
                                              .substr(f.match.begin, f.match.end - f.match.begin);
            found.emplace(f.category, f.rule_id, what);
        }
    }
    return found;
}

std::optional<FixRejection> adds_findings(const rules::RuleSet& rules, const FixProposal& p,
                                          const Lines& replacement, const std::string& patched) {
    auto before = rule_hits(rules, p, p.anchored_lines, p.base_text);
    std::optional<FixRejection> added;
    for (const auto& hit : rule_hits(rules, p, replacement, patched)) {
        if (!before.contains(hit)) {
            if (std::get<0>(hit) == "secret") {
                return FixRejection::adds_secret;
            }
            added = FixRejection::adds_unsafe;
        }
    }
    return added;
}

bool asks_for_removal(std::string_view finding_text) {
    return contains_any(util::to_lower_ascii(finding_text),
                        {"remove", "removal", "delete", "deletion", "drop", "unused", "dead code",
                         "redundant", "unnecessary"});
}

std::set<std::string> words_of(std::string_view text) {
    std::set<std::string> words;
    for (size_t i = 0; i < text.size();) {
        size_t end = i;
        while (end < text.size() && is_word_char(text[end])) {
            ++end;
        }
        if (end > i) {
            words.emplace(text.substr(i, end - i));
        }
        i = std::max(end, i + 1);
    }
    return words;
}

// An import is kept when one import of the result names all it named: `from os import path`
// may grow into `from os import path, sep` without dropping anything.
std::optional<FixRejection> drops_definitions(const lang::Outline& before,
                                              const lang::Outline& after) {
    std::map<std::string, int> symbols;
    for (const auto& s : before.symbols) {
        ++symbols[s.label()];
    }
    for (const auto& s : after.symbols) {
        --symbols[s.label()];
    }
    if (std::any_of(symbols.begin(), symbols.end(), [](const auto& s) { return s.second > 0; })) {
        return FixRejection::drops_symbol;
    }
    for (const auto& old_import : before.imports) {
        auto needed = words_of(old_import.text);
        auto kept = std::any_of(after.imports.begin(), after.imports.end(), [&](const auto& i) {
            auto has = words_of(i.text);
            return std::includes(has.begin(), has.end(), needed.begin(), needed.end());
        });
        if (!kept) {
            return FixRejection::drops_import;
        }
    }
    return std::nullopt;
}

} // namespace

std::string_view to_string(FixRejection rejection) {
    switch (rejection) {
    case FixRejection::does_not_apply:
        return "does not apply";
    case FixRejection::no_op:
        return "no-op";
    case FixRejection::syntax_error:
        return "syntax error";
    case FixRejection::adds_secret:
        return "adds a secret";
    case FixRejection::adds_unsafe:
        return "adds an unsafe pattern";
    case FixRejection::placeholder:
        return "placeholder";
    case FixRejection::drops_symbol:
        return "drops a symbol";
    case FixRejection::drops_import:
        return "drops an import";
    case FixRejection::undoes_change:
        return "undoes the change";
    }
    return "unknown";
}

std::expected<core::Suggestion, FixRejection> check_fix(const FixProposal& p,
                                                        const rules::RuleSet& rules) {
    auto base_lines = split_lines(p.base_text);
    uint32_t total = uint32_t(base_lines.size());
    if (p.start_line < 1 || p.end_line < p.start_line || p.end_line > total ||
        p.anchored_lines.size() != p.end_line - p.start_line + 1) {
        return std::unexpected(FixRejection::does_not_apply);
    }
    for (uint32_t i = p.start_line; i <= p.end_line; ++i) {
        std::string_view anchored = p.anchored_lines[i - p.start_line];
        if (without_break(base_lines[i - 1]) != without_break(anchored)) {
            return std::unexpected(FixRejection::does_not_apply);
        }
    }

    Lines replacement = replacement_lines(p.replacement);
    bool python = p.grammar == "python";
    if (significant(replacement, python) == significant(p.anchored_lines, python)) {
        return std::unexpected(FixRejection::no_op);
    }
    Lines removed = significant(p.removed_lines, false);
    if (!removed.empty() && significant(replacement, false) == removed) {
        return std::unexpected(FixRejection::undoes_change);
    }
    if (leaves_placeholder(p.anchored_lines, replacement)) {
        return std::unexpected(FixRejection::placeholder);
    }

    // The new lines take the file's line break; the file's last line keeps lacking one.
    size_t first_nl = p.base_text.find('\n');
    bool crlf = first_nl != std::string::npos && first_nl > 0 && p.base_text[first_nl - 1] == '\r';
    std::string eol = crlf ? "\r\n" : "\n";
    bool open_end = p.end_line == total && !p.base_text.ends_with('\n');
    core::Suggestion s;
    s.path = p.path;
    s.rule_id = p.rule_id;
    s.fingerprint = p.fingerprint;
    s.description = p.description;
    s.mode = p.mode;
    s.start_line = p.start_line;
    s.end_line = p.end_line;
    for (size_t i = 0; i < replacement.size(); ++i) {
        s.inserted += replacement[i] + (i + 1 == replacement.size() && open_end ? "" : eol);
    }
    s.safe = false;
    if (!core::complete_suggestion(s, p.base_text, p.base_id)) {
        return std::unexpected(FixRejection::no_op);
    }
    size_t offset = 0;
    for (uint32_t i = 1; i < s.start_line; ++i) {
        offset += base_lines[i - 1].size();
    }
    std::string patched =
        p.base_text.substr(0, offset) + s.inserted + p.base_text.substr(offset + s.removed.size());

    if (auto added = adds_findings(rules, p, replacement, patched)) {
        return std::unexpected(*added);
    }
    if (p.grammar.empty()) {
        return s;
    }
    auto syntax = lang::introduced_syntax_errors(p.grammar, p.base_text, patched);
    if (syntax.parsed && !syntax.errors.empty()) {
        return std::unexpected(FixRejection::syntax_error);
    }
    if (!asks_for_removal(p.finding_text)) {
        auto before = lang::outline(p.grammar, p.base_text);
        auto after = lang::outline(p.grammar, patched);
        if (before.parsed && after.parsed) {
            if (auto dropped = drops_definitions(before, after)) {
                return std::unexpected(*dropped);
            }
        }
    }
    return s;
}

} // namespace vigil::review
