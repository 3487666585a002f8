#include "grammar_table.hpp"

#include <map>
#include <memory>
#include <string>
#include <vigil/lang/syntax.hpp>

namespace vigil::lang {
namespace {

using ParserPtr = std::unique_ptr<TSParser, decltype(&ts_parser_delete)>;
using TreePtr = std::unique_ptr<TSTree, decltype(&ts_tree_delete)>;

// One parser per thread and grammar: creating one and setting its language costs more than
// parsing a small file.
TSParser* parser_for(std::string_view name, const TSLanguage* language) {
    thread_local std::map<std::string, ParserPtr, std::less<>> parsers;
    auto it = parsers.find(name);
    if (it == parsers.end()) {
        ParserPtr parser(ts_parser_new(), ts_parser_delete);
        if (!ts_parser_set_language(parser.get(), language)) {
            return nullptr;
        }
        it = parsers.emplace(std::string(name), std::move(parser)).first;
    }
    return it->second.get();
}

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

std::string size_words(size_t bytes) {
    return bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB"
                                   : std::to_string(bytes) + " bytes";
}

} // namespace

SyntaxCheck syntax_errors(std::string_view grammar, std::string_view text,
                          const ParseLimits& limits) {
    SyntaxCheck check;
    const TSLanguage* language = detail::grammar(grammar);
    if (!language) {
        check.reason = "no grammar for this language";
        return check;
    }
    if (text.size() > limits.max_bytes) {
        check.reason = "larger than " + size_words(limits.max_bytes) + ", not parsed";
        return check;
    }
    TSParser* parser = parser_for(grammar, language);
    if (!parser) {
        check.reason = "grammar " + std::string(grammar) + " does not load in this runtime";
        return check;
    }
    ts_parser_set_timeout_micros(parser, limits.time_budget_micros);
    TreePtr tree(ts_parser_parse_string(parser, nullptr, text.data(), uint32_t(text.size())),
                 ts_tree_delete);
    if (!tree) {
        // The parser keeps its half-done state after a timeout; the next parse must start afresh.
        ts_parser_reset(parser);
        check.reason = "parse time budget of " + std::to_string(limits.time_budget_micros / 1000) +
                       " ms ran out";
        return check;
    }
    check.parsed = true;
    collect(ts_tree_root_node(tree.get()), text, check.errors);
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
