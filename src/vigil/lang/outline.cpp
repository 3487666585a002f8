#include "parse_detail.hpp"

#include <algorithm>
#include <map>
#include <vigil/lang/outline.hpp>

namespace vigil::lang {
namespace {

// How a definition node names itself.
enum class Naming : uint8_t {
    name_field,   // its `name` field
    declarator,   // C/C++: down the `declarator` fields to the identifier
    rust_impl,    // `impl Trait for Type`: "Trait for Type", else "Type"
    js_function,  // `const f = () => ...`: a variable whose value is a function
    json_key,     // a pair's key, without quotes
    record,       // C/C++ struct/class/union/enum: only with a body, named by `name`
    optional_name // a namespace that may be anonymous
};

struct DefinitionType {
    std::string_view type;
    std::string_view kind;
    Naming naming = Naming::name_field;
};

struct LanguageTable {
    std::vector<DefinitionType> definitions;
    std::vector<std::string_view> imports;
    // A top-level statement that loads another file by calling a function (require, source).
    std::vector<std::string_view> import_calls;
};

const LanguageTable& table_for(std::string_view grammar) {
    static const std::vector<DefinitionType> js_defs = {
        {"function_declaration", "function"},
        {"generator_function_declaration", "function"},
        {"class_declaration", "class"},
        {"abstract_class_declaration", "class"},
        {"method_definition", "method"},
        {"variable_declarator", "function", Naming::js_function},
        {"interface_declaration", "interface"},
        {"type_alias_declaration", "type"},
        {"enum_declaration", "enum"},
        {"internal_module", "namespace"},
    };
    static const std::vector<DefinitionType> c_defs = {
        {"function_definition", "function", Naming::declarator},
        {"struct_specifier", "struct", Naming::record},
        {"union_specifier", "union", Naming::record},
        {"enum_specifier", "enum", Naming::record},
    };
    static std::vector<DefinitionType> cpp_defs = [] {
        auto defs = c_defs;
        defs.push_back({"class_specifier", "class", Naming::record});
        defs.push_back({"namespace_definition", "namespace", Naming::optional_name});
        return defs;
    }();
    static const std::map<std::string_view, LanguageTable, std::less<>> tables = {
        {"python",
         {{{"class_definition", "class"}, {"function_definition", "def"}},
          {"import_statement", "import_from_statement", "future_import_statement"},
          {}}},
        {"javascript", {js_defs, {"import_statement"}, {"require"}}},
        {"typescript", {js_defs, {"import_statement", "import_alias"}, {"require"}}},
        {"tsx", {js_defs, {"import_statement", "import_alias"}, {"require"}}},
        {"go",
         {{{"function_declaration", "func"}, {"method_declaration", "func"}, {"type_spec", "type"}},
          {"import_declaration", "package_clause"},
          {}}},
        {"rust",
         {{{"function_item", "fn"},
           {"function_signature_item", "fn"},
           {"struct_item", "struct"},
           {"enum_item", "enum"},
           {"union_item", "union"},
           {"trait_item", "trait"},
           {"impl_item", "impl", Naming::rust_impl},
           {"mod_item", "mod"},
           {"macro_definition", "macro_rules!"}},
          {"use_declaration", "extern_crate_declaration"},
          {}}},
        {"c", {c_defs, {"preproc_include"}, {}}},
        {"cpp", {cpp_defs, {"preproc_include", "using_declaration", "alias_declaration"}, {}}},
        {"java",
         {{{"class_declaration", "class"},
           {"interface_declaration", "interface"},
           {"enum_declaration", "enum"},
           {"record_declaration", "record"},
           {"annotation_type_declaration", "@interface"},
           {"method_declaration", "method"},
           {"constructor_declaration", "constructor"}},
          {"import_declaration", "package_declaration"},
          {}}},
        {"bash", {{{"function_definition", "function"}}, {}, {"source", "."}}},
        {"ruby",
         {{{"class", "class"},
           {"module", "module"},
           {"method", "def"},
           {"singleton_method", "def"}},
          {},
          {"require", "require_relative", "load", "autoload"}}},
        {"json", {{{"pair", "", Naming::json_key}}, {}, {}}},
    };
    static const LanguageTable none;
    auto it = tables.find(grammar);
    return it == tables.end() ? none : it->second;
}

// Leaf node types that are names across the grammars.
bool is_name_type(std::string_view type) {
    return type == "identifier" || type == "type_identifier" || type == "field_identifier" ||
           type == "property_identifier" || type == "shorthand_property_identifier" ||
           type == "constant" || type == "namespace_identifier" || type == "package_identifier" ||
           type == "simple_identifier";
}

TSNode field(TSNode node, std::string_view name) {
    return ts_node_child_by_field_name(node, name.data(), uint32_t(name.size()));
}

// A name on one line, at most 120 bytes: what labels and the symbol index use.
std::string clean_name(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
        if (out.size() >= 120) {
            break;
        }
    }
    return out;
}

// The definition's name, or "" when the node defines nothing (a struct reference without a
// body, a variable that holds no function). `name_node` receives the node that spells it.
std::string definition_name(TSNode node, Naming naming, std::string_view text, TSNode& name_node) {
    switch (naming) {
    case Naming::name_field:
    case Naming::optional_name: {
        name_node = field(node, "name");
        if (ts_node_is_null(name_node)) {
            return naming == Naming::optional_name ? "(anonymous)" : std::string();
        }
        return clean_name(detail::node_text(name_node, text));
    }
    case Naming::record:
        if (ts_node_is_null(field(node, "body"))) {
            return {};
        }
        name_node = field(node, "name");
        return ts_node_is_null(name_node) ? "(anonymous)"
                                          : clean_name(detail::node_text(name_node, text));
    case Naming::declarator: {
        TSNode d = field(node, "declarator");
        for (int depth = 0; depth < 16 && !ts_node_is_null(d); ++depth) {
            TSNode inner = field(d, "declarator");
            if (ts_node_is_null(inner)) {
                std::string_view type = ts_node_type(d);
                if (type == "reference_declarator" && ts_node_named_child_count(d) > 0) {
                    inner = ts_node_named_child(d, 0);
                } else {
                    break;
                }
            }
            d = inner;
        }
        if (ts_node_is_null(d)) {
            return {};
        }
        name_node = d;
        return clean_name(detail::node_text(d, text));
    }
    case Naming::rust_impl: {
        TSNode type = field(node, "type");
        TSNode trait = field(node, "trait");
        std::string name = clean_name(detail::node_text(type, text));
        return ts_node_is_null(trait) ? name
                                      : clean_name(detail::node_text(trait, text)) + " for " + name;
    }
    case Naming::js_function: {
        TSNode value = field(node, "value");
        if (ts_node_is_null(value)) {
            return {};
        }
        std::string_view type = ts_node_type(value);
        if (type != "arrow_function" && type != "function" && type != "function_expression" &&
            type != "generator_function") {
            return {};
        }
        name_node = field(node, "name");
        return clean_name(detail::node_text(name_node, text));
    }
    case Naming::json_key: {
        name_node = field(node, "key");
        std::string key = clean_name(detail::node_text(name_node, text));
        if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
            key = key.substr(1, key.size() - 2);
        }
        return key;
    }
    }
    return {};
}

// The last signature line: the line before a body that starts on a later line of its own
// (Python's block, an Allman brace), else the first line.
uint32_t signature_end(TSNode node, uint32_t start_line) {
    TSNode body = field(node, "body");
    if (ts_node_is_null(body)) {
        return start_line;
    }
    uint32_t body_line = ts_node_start_point(body).row + 1;
    return body_line > start_line ? body_line - 1 : start_line;
}

bool on_lines(const LineRanges& ranges, uint32_t line) {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), line,
                               [](uint32_t l, const auto& r) { return l < r.first; });
    return it != ranges.begin() && line <= std::prev(it)->second;
}

// The called name of a top-level call statement (`require "x"`, `source ./env.sh`), or "".
std::string_view called_name(TSNode node, std::string_view text) {
    std::string_view type = ts_node_type(node);
    if (type == "expression_statement" || type == "lexical_declaration" ||
        type == "variable_declaration") {
        // JavaScript: `const fs = require("fs")` — the call sits a few levels down.
        std::string_view statement = detail::node_text(node, text);
        return statement.find("require(") != statement.npos ? "require" : std::string_view();
    }
    if (type == "call") { // ruby
        return detail::node_text(field(node, "method"), text);
    }
    if (type == "command") { // bash
        return detail::node_text(field(node, "name"), text);
    }
    return {};
}

} // namespace

Outline outline(std::string_view grammar, std::string_view text, const LineRanges& use_lines,
                const ParseLimits& limits) {
    Outline out;
    detail::Parsed parsed = detail::parse(grammar, text, limits);
    if (!parsed.tree) {
        out.reason = std::move(parsed.reason);
        return out;
    }
    out.parsed = true;
    const LanguageTable& table = table_for(grammar);
    std::vector<uint32_t> name_starts;          // bytes where a definition's own name starts
    std::vector<std::pair<uint32_t, int>> open; // end byte and index of enclosing symbols
    detail::walk(parsed.tree.get(), [&](TSNode node, uint32_t depth) {
        std::string_view type = ts_node_type(node);
        uint32_t start = ts_node_start_byte(node);
        bool top_level = depth == 1;
        if (std::find(table.imports.begin(), table.imports.end(), type) != table.imports.end() ||
            (!table.import_calls.empty() && top_level &&
             std::find(table.import_calls.begin(), table.import_calls.end(),
                       called_name(node, text)) != table.import_calls.end())) {
            out.imports.push_back(
                {ts_node_start_point(node).row + 1, std::string(detail::node_text(node, text))});
            return false;
        }
        for (const auto& def : table.definitions) {
            if (def.type != type) {
                continue;
            }
            TSNode name_node{};
            std::string name = definition_name(node, def.naming, text, name_node);
            if (name.empty()) {
                break;
            }
            if (!ts_node_is_null(name_node)) {
                name_starts.push_back(ts_node_start_byte(name_node));
            }
            while (!open.empty() && open.back().first <= start) {
                open.pop_back();
            }
            Symbol s;
            s.kind = std::string(def.kind);
            s.name = std::move(name);
            s.start_line = ts_node_start_point(node).row + 1;
            s.end_line = ts_node_end_point(node).row + 1;
            s.signature_end = signature_end(node, s.start_line);
            s.parent = open.empty() ? -1 : open.back().second;
            open.emplace_back(ts_node_end_byte(node), int(out.symbols.size()));
            out.symbols.push_back(std::move(s));
            break;
        }
        if (use_lines.empty()) {
            return true;
        }
        uint32_t line = ts_node_start_point(node).row + 1;
        if (type == "command_name") { // bash: the command a line runs is a use
            if (on_lines(use_lines, line)) {
                out.uses.push_back({line, clean_name(detail::node_text(node, text))});
            }
            return false;
        }
        if (ts_node_child_count(node) == 0 && is_name_type(type) && on_lines(use_lines, line) &&
            std::find(name_starts.begin(), name_starts.end(), start) == name_starts.end()) {
            out.uses.push_back({line, std::string(detail::node_text(node, text))});
        }
        return true;
    });
    return out;
}

std::vector<size_t> enclosing_symbols(const Outline& o, uint32_t line) {
    // The innermost symbol on the line's range, then its parents.
    int innermost = -1;
    for (size_t i = 0; i < o.symbols.size(); ++i) {
        const Symbol& s = o.symbols[i];
        if (s.start_line > line) {
            break;
        }
        if (line <= s.end_line) {
            innermost = int(i);
        }
    }
    std::vector<size_t> chain;
    for (int i = innermost; i >= 0; i = o.symbols[size_t(i)].parent) {
        chain.push_back(size_t(i));
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
}

std::string symbol_chain(const Outline& o, const std::vector<size_t>& chain) {
    std::string out;
    for (size_t i : chain) {
        if (!out.empty()) {
            out += " > ";
        }
        out += o.symbols[i].label();
    }
    return out;
}

} // namespace vigil::lang
