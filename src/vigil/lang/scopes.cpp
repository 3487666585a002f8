#include "parse_detail.hpp"

#include <algorithm>
#include <vigil/lang/scopes.hpp>

namespace vigil::lang {
namespace {

// Literal node types across the linked grammars (python, javascript/typescript, go, rust, c,
// c++, java, bash, ruby, json). A regex literal counts as a string: text, not code.
constexpr std::string_view k_string_types[] = {
    "string",
    "string_literal",
    "raw_string_literal",
    "template_string",
    "interpreted_string_literal",
    "char_literal",
    "character_literal",
    "rune_literal",
    "text_block",
    "heredoc_body",
    "heredoc_content",
    "raw_string",
    "ansi_c_string",
    "translated_string",
    "regex",
    "system_lib_string",
    "string_array",
    "symbol_array",
};

// Parts of a literal that are code again.
constexpr std::string_view k_code_holes[] = {
    "interpolation",        "template_substitution", "command_substitution",
    "process_substitution", "arithmetic_expansion",
};

bool is_one_of(std::string_view type, const auto& list) {
    return std::find(std::begin(list), std::end(list), type) != std::end(list);
}

bool is_comment(std::string_view type) {
    return type.find("comment") != type.npos;
}

} // namespace

std::string_view to_string(Scope scope) {
    switch (scope) {
    case Scope::code:
        return "code";
    case Scope::comment:
        return "comment";
    case Scope::string:
        return "string";
    }
    return "code";
}

Scope ScopeMap::at(uint32_t offset) const {
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), offset,
                               [](uint32_t o, const Segment& s) { return o < s.begin; });
    if (it == m_segments.begin()) {
        return Scope::code;
    }
    --it;
    return offset < it->end ? it->scope : Scope::code;
}

Scope ScopeMap::at(uint32_t line, uint32_t column) const {
    if (line == 0 || line > m_line_starts.size()) {
        return Scope::code;
    }
    return at(m_line_starts[line - 1] + (column > 0 ? column - 1 : 0));
}

ScopeMap scope_map(std::string_view grammar, std::string_view text, const ParseLimits& limits) {
    ScopeMap map;
    detail::Parsed parsed = detail::parse(grammar, text, limits);
    if (!parsed.tree) {
        map.m_reason = std::move(parsed.reason);
        return map;
    }
    map.m_parsed = true;
    map.m_line_starts.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            map.m_line_starts.push_back(uint32_t(i + 1));
        }
    }
    // Literals, comments and holes in preorder (nested ones after their parent), then flattened
    // into disjoint segments with the innermost scope winning.
    struct Span {
        uint32_t begin;
        uint32_t end;
        Scope scope;
    };
    std::vector<Span> spans;
    detail::walk(parsed.tree.get(), [&](TSNode node, uint32_t) {
        std::string_view type = ts_node_type(node);
        uint32_t begin = ts_node_start_byte(node);
        uint32_t end = ts_node_end_byte(node);
        if (is_comment(type)) {
            spans.push_back({begin, end, Scope::comment});
            return false;
        }
        if (is_one_of(type, k_string_types)) {
            spans.push_back({begin, end, Scope::string});
        } else if (is_one_of(type, k_code_holes)) {
            spans.push_back({begin, end, Scope::code});
        }
        return true;
    });
    std::vector<Span> open;
    uint32_t at = 0;
    auto emit = [&](uint32_t to, Scope scope) {
        if (to > at && scope != Scope::code) {
            auto& segments = map.m_segments;
            if (!segments.empty() && segments.back().end == at && segments.back().scope == scope) {
                segments.back().end = to;
            } else {
                segments.push_back({at, to, scope});
            }
        }
        at = std::max(at, to);
    };
    auto close_before = [&](uint32_t position) {
        while (!open.empty() && open.back().end <= position) {
            emit(open.back().end, open.back().scope);
            open.pop_back();
        }
    };
    for (const Span& span : spans) {
        close_before(span.begin);
        if (!open.empty()) {
            emit(span.begin, open.back().scope);
        }
        at = std::max(at, span.begin);
        open.push_back(span);
    }
    close_before(UINT32_MAX);
    return map;
}

} // namespace vigil::lang
