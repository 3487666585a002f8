#include <algorithm>
#include <map>
#include <vigil/lang/context.hpp>
#include <vigil/lang/grammar.hpp>
#include <vigil/util/parallel.hpp>

namespace vigil::lang {
namespace {

// One file of the change, read and outlined.
struct FileWork {
    const core::FileChange* change = nullptr;
    std::optional<std::string> text;
    std::string grammar;
    Outline outline;
    std::vector<uint32_t> line_starts;

    uint32_t line_count() const { return uint32_t(line_starts.size()); }

    // Lines `from`..`to` (1-based, inclusive, clamped), each without its line break.
    Excerpt excerpt(uint32_t from, uint32_t to) const {
        Excerpt e;
        if (!text || line_starts.empty()) {
            return e;
        }
        from = std::max<uint32_t>(1, from);
        to = std::min(to, line_count());
        if (from > to) {
            return e;
        }
        uint32_t begin = line_starts[from - 1];
        uint32_t end = to < line_count() ? line_starts[to] : uint32_t(text->size());
        std::string_view body = std::string_view(*text).substr(begin, end - begin);
        while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) {
            body.remove_suffix(1);
        }
        e.start_line = from;
        e.end_line = to;
        e.text = std::string(body);
        return e;
    }
};

std::vector<uint32_t> line_starts_of(std::string_view text) {
    std::vector<uint32_t> starts;
    if (text.empty()) {
        return starts;
    }
    starts.push_back(0);
    for (size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] == '\n') {
            starts.push_back(uint32_t(i + 1));
        }
    }
    return starts;
}

LineRanges added_ranges(const core::FileChange& file) {
    LineRanges ranges;
    for (const auto& hunk : file.hunks) {
        for (const auto& line : hunk.lines) {
            if (line.kind != core::LineKind::added) {
                continue;
            }
            if (!ranges.empty() && ranges.back().second + 1 >= line.new_lineno) {
                ranges.back().second = std::max(ranges.back().second, line.new_lineno);
            } else {
                ranges.emplace_back(line.new_lineno, line.new_lineno);
            }
        }
    }
    return ranges;
}

// The new-side line of each changed line: an added line's own number; a removed line sits
// where it was, after the new-side line before it.
std::vector<uint32_t> changed_positions(const core::Hunk& hunk) {
    std::vector<uint32_t> out;
    uint32_t before = hunk.new_start;
    for (const auto& line : hunk.lines) {
        if (line.kind == core::LineKind::added) {
            out.push_back(line.new_lineno);
        } else if (line.kind == core::LineKind::removed) {
            out.push_back(std::max<uint32_t>(1, before));
        }
        if (line.new_lineno > 0) {
            before = line.new_lineno + (line.kind == core::LineKind::context ? 1 : 0);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<size_t> common_prefix(std::vector<size_t> a, const std::vector<size_t>& b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) {
        ++n;
    }
    a.resize(n);
    return a;
}

// A symbol's name index over every outlined file: name -> (file, symbol).
using SymbolIndex = std::map<std::string, std::vector<std::pair<size_t, size_t>>, std::less<>>;

SymbolIndex index_symbols(const std::vector<FileWork>& files) {
    SymbolIndex index;
    for (size_t f = 0; f < files.size(); ++f) {
        if (files[f].grammar == "json") {
            continue; // keys are not definitions code refers to
        }
        const auto& symbols = files[f].outline.symbols;
        for (size_t s = 0; s < symbols.size(); ++s) {
            // "Store::put" is found as "put" too.
            std::string_view name = symbols[s].name;
            if (name == "(anonymous)") {
                continue;
            }
            index[std::string(name)].emplace_back(f, s);
            if (size_t colons = name.rfind("::"); colons != name.npos) {
                index[std::string(name.substr(colons + 2))].emplace_back(f, s);
            }
        }
    }
    return index;
}

void add_source(const FileWork& file, const std::vector<size_t>& common, HunkContext& hunk,
                const ContextLimits& limits) {
    uint32_t w = limits.window_lines;
    if (common.empty()) {
        hunk.source_of = "lines";
        hunk.source.push_back(
            file.excerpt(hunk.first_line > w ? hunk.first_line - w : 1, hunk.last_line + w));
        if (file.outline.parsed) {
            hunk.source_note = "outside any definition";
        }
        return;
    }
    const Symbol& s = file.outline.symbols[common.back()];
    hunk.source_of = s.label();
    uint32_t length = s.end_line - s.start_line + 1;
    if (length <= limits.max_symbol_lines) {
        hunk.source.push_back(file.excerpt(s.start_line, s.end_line));
        return;
    }
    uint32_t from = std::max(s.signature_end + 1, hunk.first_line > w ? hunk.first_line - w : 1);
    hunk.source.push_back(file.excerpt(s.start_line, std::min(s.signature_end, from - 1)));
    hunk.source.push_back(file.excerpt(from, std::min(s.end_line, hunk.last_line + w)));
    hunk.source_note = s.label() + " is " + std::to_string(length) + " lines, more than " +
                       std::to_string(limits.max_symbol_lines) + ": its signature and " +
                       std::to_string(w) + " lines each side of the change";
}

void add_definitions(const std::vector<FileWork>& files, size_t self, const SymbolIndex& index,
                     HunkContext& hunk, const ContextLimits& limits) {
    const FileWork& file = files[self];
    std::vector<std::string_view> names;
    for (const auto& use : file.outline.uses) {
        if (use.line >= hunk.first_line && use.line <= hunk.last_line &&
            std::find(names.begin(), names.end(), use.name) == names.end()) {
            names.push_back(use.name);
        }
    }
    for (std::string_view name : names) {
        auto it = index.find(name);
        if (it == index.end()) {
            continue;
        }
        // This file's definitions first, then the other files' in change order.
        auto candidates = it->second;
        std::stable_partition(candidates.begin(), candidates.end(),
                              [&](const auto& c) { return c.first == self; });
        for (auto [f, s] : candidates) {
            const Symbol& symbol = files[f].outline.symbols[s];
            // A definition the hunk is inside (a recursive call, its own class) is its source.
            if (f == self && symbol.start_line <= hunk.first_line &&
                hunk.last_line <= symbol.end_line) {
                continue;
            }
            if (hunk.definitions.size() >= limits.max_definitions) {
                return;
            }
            Definition d;
            d.name = std::string(name);
            d.label = symbol.label();
            d.path = files[f].change->new_path;
            d.start_line = symbol.start_line;
            d.end_line = symbol.end_line;
            uint32_t last = symbol.end_line;
            if (last - symbol.start_line + 1 > limits.max_definition_lines) {
                last = symbol.start_line + limits.max_definition_lines - 1;
                d.cut = true;
            }
            d.source = files[f].excerpt(symbol.start_line, last).text;
            hunk.definitions.push_back(std::move(d));
        }
    }
}

HunkContext hunk_context(const std::vector<FileWork>& files, size_t self, const SymbolIndex& index,
                         const core::Hunk& h, const ContextLimits& limits) {
    const FileWork& file = files[self];
    HunkContext hunk;
    std::vector<uint32_t> positions = changed_positions(h);
    if (positions.empty()) {
        return hunk;
    }
    hunk.first_line = positions.front();
    hunk.last_line = positions.back();
    if (!file.text) {
        return hunk;
    }
    std::optional<std::vector<size_t>> common;
    for (uint32_t line : positions) {
        std::vector<size_t> chain = enclosing_symbols(file.outline, line);
        std::string words = symbol_chain(file.outline, chain);
        if (!hunk.chains.empty() && hunk.chains.back().chain == words &&
            hunk.chains.back().last_line + 1 >= line) {
            hunk.chains.back().last_line = line;
        } else {
            hunk.chains.push_back({line, line, std::move(words)});
        }
        common = common ? common_prefix(std::move(*common), chain) : chain;
    }
    add_source(file, *common, hunk, limits);
    add_definitions(files, self, index, hunk, limits);
    return hunk;
}

} // namespace

std::vector<FileContext> change_context(const core::ChangeSet& changes,
                                        const core::TextSource& text_of,
                                        const ContextLimits& limits, unsigned threads) {
    std::vector<FileWork> files;
    for (const auto& f : changes.files) {
        if (!f.new_path.empty() && !f.hunks.empty()) {
            files.push_back({&f, {}, {}, {}, {}});
        }
    }
    util::parallel_for(files.size(), threads, [&](unsigned, size_t i) {
        FileWork& file = files[i];
        file.text = text_of ? text_of(*file.change) : std::nullopt;
        if (!file.text) {
            return;
        }
        file.line_starts = line_starts_of(*file.text);
        file.grammar = std::string(grammar_for(file.change->new_path, *file.text));
        if (file.change->new_mode == core::FileMode::symlink) {
            file.grammar.clear();
        }
        if (!file.grammar.empty()) {
            file.outline =
                outline(file.grammar, *file.text, added_ranges(*file.change), limits.parse);
        }
    });
    SymbolIndex index = index_symbols(files);
    std::vector<FileContext> out;
    for (size_t i = 0; i < files.size(); ++i) {
        const FileWork& file = files[i];
        FileContext fc;
        fc.path = file.change->new_path;
        if (!file.text) {
            fc.note = "the new text could not be read: no context";
        } else if (file.grammar.empty()) {
            fc.note = "no grammar for this file: line windows";
        } else if (!file.outline.parsed) {
            fc.note = file.outline.reason + ": line windows";
        } else {
            fc.grammar = file.grammar;
            fc.imports = file.outline.imports;
        }
        for (const auto& h : file.change->hunks) {
            fc.hunks.push_back(hunk_context(files, i, index, h, limits));
        }
        out.push_back(std::move(fc));
    }
    return out;
}

} // namespace vigil::lang
