#include "grammar_table.hpp"
#include "parse_detail.hpp"

#include <map>

namespace vigil::lang::detail {
namespace {

using ParserPtr = std::unique_ptr<TSParser, decltype(&ts_parser_delete)>;

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

std::string size_words(size_t bytes) {
    return bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB"
                                   : std::to_string(bytes) + " bytes";
}

} // namespace

Parsed parse(std::string_view grammar, std::string_view text, const ParseLimits& limits) {
    Parsed out;
    const TSLanguage* language = detail::grammar(grammar);
    if (!language) {
        out.reason = "no grammar for this language";
        return out;
    }
    if (text.size() > limits.max_bytes) {
        out.reason = "larger than " + size_words(limits.max_bytes) + ", not parsed";
        return out;
    }
    TSParser* parser = parser_for(grammar, language);
    if (!parser) {
        out.reason = "grammar " + std::string(grammar) + " does not load in this runtime";
        return out;
    }
    ts_parser_set_timeout_micros(parser, limits.time_budget_micros);
    out.tree.reset(ts_parser_parse_string(parser, nullptr, text.data(), uint32_t(text.size())));
    if (!out.tree) {
        // The parser keeps its half-done state after a timeout; the next parse must start afresh.
        ts_parser_reset(parser);
        out.reason = "parse time budget of " + std::to_string(limits.time_budget_micros / 1000) +
                     " ms ran out";
    }
    return out;
}

} // namespace vigil::lang::detail
