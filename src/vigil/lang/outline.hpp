// lang: the outline of one file from one parse — its definitions (functions, methods, classes,
// types) nested as in the source, its imports, and the names used on chosen lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <vigil/lang/syntax.hpp>

namespace vigil::lang {

struct Symbol {
    std::string kind; // in the language's words: "def", "class", "fn", "impl", "func", "method"
    std::string name; // "put", "Store::put", "Display for Store"; a JSON key for JSON
    uint32_t start_line = 0; // 1-based, inclusive
    uint32_t end_line = 0;
    uint32_t signature_end = 0; // last line of the signature (before the body)
    int parent = -1;            // index of the enclosing symbol, -1 at top level

    // "def put", "class Store"; a JSON key alone.
    std::string label() const { return kind.empty() ? name : kind + " " + name; }
};

struct Import {
    uint32_t line = 0; // 1-based line the import starts on
    std::string text;  // the statement as written
};

// A name used (called, read, typed) on one of the lines asked for. Names a definition itself
// introduces are not uses.
struct NameUse {
    uint32_t line = 0;
    std::string name;
};

struct Outline {
    bool parsed = false;
    std::string reason;          // why not parsed
    std::vector<Symbol> symbols; // in source order; parents before their children
    std::vector<Import> imports;
    std::vector<NameUse> uses; // in source order
};

// Inclusive 1-based line ranges, sorted, for which name uses are collected.
using LineRanges = std::vector<std::pair<uint32_t, uint32_t>>;

// Parses `text` with `grammar` and outlines it. Never fails: without a grammar or over a limit
// the outline is not parsed and says why.
Outline outline(std::string_view grammar, std::string_view text, const LineRanges& use_lines = {},
                const ParseLimits& limits = {});

// The symbols enclosing `line`, outermost first, as indices into `o.symbols`.
std::vector<size_t> enclosing_symbols(const Outline& o, uint32_t line);

// "class Store > def put" for those symbols.
std::string symbol_chain(const Outline& o, const std::vector<size_t>& chain);

} // namespace vigil::lang
