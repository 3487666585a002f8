// lang: what a reviewer — rule or model — needs to know about each hunk of a change: the
// symbols its lines belong to, the source of the innermost one, the definitions its added
// lines use (from any file of the change), and the file's imports. Files without a grammar,
// or over a parse limit, get a window of lines instead, and say why.
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <vigil/core/change.hpp>
#include <vigil/core/text_source.hpp>
#include <vigil/lang/outline.hpp>

namespace vigil::lang {

struct ContextLimits {
    ParseLimits parse;
    uint32_t max_symbol_lines = 150;    // a longer innermost symbol: its signature and a window
    uint32_t window_lines = 20;         // lines each side of the change in a window
    uint32_t max_definition_lines = 40; // a longer definition is cut after this many lines
    size_t max_definitions = 12;        // per hunk
};

// Consecutive lines of the new file, as text (each line without its line break).
struct Excerpt {
    uint32_t start_line = 0;
    uint32_t end_line = 0;
    std::string text;
};

// The symbol chain shared by a run of changed lines.
struct ChainSpan {
    uint32_t first_line = 0;
    uint32_t last_line = 0;
    std::string chain; // "class Store > def put"; "" at top level
};

struct Definition {
    std::string name;  // the name the hunk uses
    std::string label; // "def helper"
    std::string path;
    uint32_t start_line = 0;
    uint32_t end_line = 0;
    bool cut = false; // longer than max_definition_lines; `source` holds the first ones
    std::string source;
};

struct HunkContext {
    uint32_t first_line = 0; // new-side lines the hunk changes (a deletion: where it was)
    uint32_t last_line = 0;
    std::vector<ChainSpan> chains;
    std::string source_of;       // "def put" (innermost symbol), or "lines" for a line window
    std::vector<Excerpt> source; // one excerpt, or a signature and a window around the change
    std::string source_note;     // why the source is bounded or a window; "" when whole
    std::vector<Definition> definitions;
};

struct FileContext {
    std::string path;
    std::string grammar; // "" when none parses the file
    std::string note;    // why there are only line windows ("no grammar", a limit), or ""
    std::vector<Import> imports;
    std::vector<HunkContext> hunks;
};

// Context for every hunk of every file of `changes` that still exists, the new texts read
// through `text_of`; files are outlined on `threads` threads. Never fails: what cannot be read or
// parsed degrades to line windows or to no context, with the reason in `note`.
std::vector<FileContext> change_context(const core::ChangeSet& changes,
                                        const core::TextSource& text_of,
                                        const ContextLimits& limits = {}, unsigned threads = 1);

} // namespace vigil::lang
