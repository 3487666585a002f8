#include "grammar_table.hpp"
#include "parse_detail.hpp"

#include <map>
#include <memory>
#include <string>
#include <vigil/lang/syntax.hpp>

namespace vigil::lang {
namespace {

std::string_view line_at(std::string_view text, uint32_t byte) {
    size_t start = byte == 0 ? text.npos : text.rfind('\n', byte - 1);
    start = start == text.npos ? 0 : start + 1;
    size_t end = text.find('\n', byte);
    std::string_view line = text.substr(start, (end == text.npos ? text.size() : end) - start);
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

// Outermost ERROR and MISSING nodes, depth first (source order).
void collect(TSNode node, std::string_view text, std::vector<SyntaxError>& out) {
    if (!ts_node_has_error(node)) {
        return;
    }
    bool missing = ts_node_is_missing(node);
    if (missing || std::string_view(ts_node_type(node)) == "ERROR") {
        TSPoint at = ts_node_start_point(node);
        SyntaxError e;
        e.line = at.row + 1;
        e.column = at.column + 1;
        e.missing = missing;
        if (missing) {
            e.expected = ts_node_type(node);
        }
        e.line_text = std::string(line_at(text, ts_node_start_byte(node)));
        out.push_back(std::move(e));
        return;
    }
    uint32_t count = ts_node_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
        collect(ts_node_child(node, i), text, out);
    }
}

std::string trimmed(std::string_view s) {
    size_t start = s.find_first_not_of(" \t");
    size_t end = s.find_last_not_of(" \t");
    return start == s.npos ? std::string() : std::string(s.substr(start, end - start + 1));
}

} // namespace

SyntaxCheck syntax_errors(std::string_view grammar, std::string_view text,
                          const ParseLimits& limits) {
    SyntaxCheck check;
    detail::Parsed parsed = detail::parse(grammar, text, limits);
    if (!parsed.tree) {
        check.reason = std::move(parsed.reason);
        return check;
    }
    check.parsed = true;
    collect(ts_tree_root_node(parsed.tree.get()), text, check.errors);
    return check;
}

SyntaxCheck introduced_syntax_errors(std::string_view grammar, std::string_view old_text,
                                     std::string_view new_text, const ParseLimits& limits) {
    SyntaxCheck now = syntax_errors(grammar, new_text, limits);
    if (!now.parsed || now.errors.empty() || old_text.empty()) {
        return now;
    }
    SyntaxCheck before = syntax_errors(grammar, old_text, limits);
    if (!before.parsed) {
        now.parsed = false;
        now.reason = "old version: " + before.reason;
        now.errors.clear();
        return now;
    }
    std::map<std::pair<std::string, std::string>, int> known;
    for (const auto& e : before.errors) {
        ++known[{trimmed(e.line_text), e.expected}];
    }
    std::erase_if(now.errors, [&](const SyntaxError& e) {
        auto it = known.find({trimmed(e.line_text), e.expected});
        if (it == known.end() || it->second == 0) {
            return false;
        }
        --it->second;
        return true;
    });
    return now;
}

} // namespace vigil::lang
