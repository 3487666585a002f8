#include <vigil/lang/syntax.hpp>
#include <vigil/scan/scanner.hpp>
#include <vigil/scan/syntax_findings.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::scan {

core::RuleInfo syntax_rule_info() {
    return {std::string(k_syntax_rule_id), "The change leaves the file unparsable",
            "The file parsed before this change and does not after it (tree-sitter). Look for an "
            "unclosed bracket, string or block, or a missing separator at or just before the "
            "marked place.",
            "syntax", core::Severity::error, {"syntax"}};
}

std::vector<core::Finding> syntax_findings(std::string_view grammar, std::string_view path,
                                           std::string_view old_text, std::string_view new_text,
                                           std::string* not_checked) {
    std::vector<core::Finding> out;
    // tree-sitter reads UTF-8: in a Latin-1 file every accented letter is an ERROR node, which
    // says nothing about the change's syntax.
    if (!util::is_valid_utf8(new_text)) {
        if (not_checked) {
            *not_checked = "not UTF-8, not parsed";
        }
        return out;
    }
    auto check = lang::introduced_syntax_errors(grammar, old_text, new_text);
    if (!check.parsed) {
        if (not_checked) {
            *not_checked = check.reason;
        }
        return out;
    }
    for (const auto& e : check.errors) {
        if (out.size() == k_max_syntax_findings) {
            break;
        }
        bool ignored = false;
        for (auto marker : k_inline_ignores) {
            ignored = ignored || e.line_text.find(marker) != std::string::npos;
        }
        if (ignored) {
            continue;
        }
        core::Finding f;
        f.rule_id = std::string(k_syntax_rule_id);
        f.category = "syntax";
        f.severity = core::Severity::error;
        std::string where = old_text.empty() ? " in this added file" : " since this change";
        f.message = e.missing ? "syntax error: missing " + e.expected + " (" + std::string(grammar) +
                                    where + ")"
                              : "syntax error: " + std::string(grammar) +
                                    " cannot parse this" + where;
        f.location.path = std::string(path);
        f.location.line = f.location.end_line = e.line;
        uint32_t column = std::min<uint32_t>(e.column, uint32_t(e.line_text.size()) + 1);
        f.location.column = column;
        f.location.end_column = column < e.line_text.size() ? column + 1 : column;
        f.location.char_column =
            uint32_t(util::count_chars(std::string_view(e.line_text).substr(0, column - 1))) + 1;
        f.location.char_end_column = f.location.char_column + (f.location.end_column - column);
        f.line_text = e.line_text;
        f.match = {column - 1, f.location.end_column - 1};
        f.fingerprint = core::fingerprint_for(f.rule_id, path, e.line_text + '\0' + e.expected);
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace vigil::scan
