// lang: whether a byte of a file is code, a comment or a string literal — what a rule's
// `scope` field asks — from one tree-sitter parse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/lang/syntax.hpp>

namespace vigil::lang {

enum class Scope : uint8_t { code, comment, string };

// "code", "comment", "string".
std::string_view to_string(Scope scope);

// The comments and string literals of one text. An interpolation inside a string (an f-string's
// `{x}`, a template literal's `${x}`, a shell `"$(cmd)"`) is code again.
class ScopeMap {
public:
    // False when the text was not parsed (no grammar, over a limit); then every byte is code
    // and reason() says why.
    bool parsed() const { return m_parsed; }
    const std::string& reason() const { return m_reason; }

    // The scope of byte `offset` (code past the end).
    Scope at(uint32_t offset) const;
    // The scope at a 1-based line and 1-based byte column.
    Scope at(uint32_t line, uint32_t column) const;

private:
    friend ScopeMap scope_map(std::string_view, std::string_view, const ParseLimits&);
    struct Segment {
        uint32_t begin;
        uint32_t end;
        Scope scope;
    };
    bool m_parsed = false;
    std::string m_reason;
    std::vector<Segment> m_segments;     // comment and string bytes, disjoint, in order
    std::vector<uint32_t> m_line_starts; // byte offset of each line
};

// Parses `text` with `grammar` and records where its comments and strings are. Never fails:
// without a grammar or over a limit the map is not parsed and says why.
ScopeMap scope_map(std::string_view grammar, std::string_view text, const ParseLimits& limits = {});

} // namespace vigil::lang
