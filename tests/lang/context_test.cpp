// Context for the hunks of a change built by hand: symbol chains, the innermost symbol's source
// (whole or bounded), definitions from the same file and other files, imports, and the
// fallbacks for unknown languages and unreadable files.
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vigil/lang/context.hpp>

namespace vigil::lang {
namespace {

// A modified file whose new text is `text`, with lines `added` (1-based) marked as added.
core::FileChange modified(const std::string& path, const std::string& text,
                          const std::vector<uint32_t>& added) {
    core::FileChange f;
    f.status = core::FileStatus::modified;
    f.old_path = f.new_path = path;
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    for (uint32_t n : added) {
        core::Hunk h;
        h.new_start = n;
        h.new_lines = 1;
        h.old_start = n;
        core::Line line;
        line.kind = core::LineKind::added;
        line.new_lineno = n;
        line.content = lines[n - 1];
        h.lines.push_back(line);
        f.hunks.push_back(h);
    }
    return f;
}

struct Texts {
    std::map<std::string, std::string> by_path;
    core::TextSource source() const {
        return [this](const core::FileChange& f) -> std::optional<std::string> {
            auto it = by_path.find(f.new_path);
            return it == by_path.end() ? std::nullopt : std::optional(it->second);
        };
    }
};

const std::string k_store = "import json\nfrom util import check\n\n\nclass Store:\n"
                            "    def put(self, key, value):\n        check(key)\n"
                            "        self.data[key] = encode(value)\n\n\n"
                            "def encode(value):\n    return json.dumps(value)\n";
const std::string k_util = "def check(key):\n    if not key:\n        raise ValueError(key)\n";

TEST(Context, ChainSourceDefinitionsAndImports) {
    Texts texts{{{"store.py", k_store}, {"util.py", k_util}}};
    core::ChangeSet cs;
    cs.files.push_back(modified("store.py", k_store, {8}));
    cs.files.push_back(modified("util.py", k_util, {3}));
    auto files = change_context(cs, texts.source(), {}, 2);
    ASSERT_EQ(files.size(), 2u);
    const FileContext& store = files[0];
    EXPECT_EQ(store.grammar, "python");
    EXPECT_EQ(store.note, "");
    ASSERT_EQ(store.imports.size(), 2u);
    EXPECT_EQ(store.imports[1].text, "from util import check");
    ASSERT_EQ(store.hunks.size(), 1u);
    const HunkContext& h = store.hunks[0];
    ASSERT_EQ(h.chains.size(), 1u);
    EXPECT_EQ(h.chains[0].chain, "class Store > def put");
    EXPECT_EQ(h.source_of, "def put");
    ASSERT_EQ(h.source.size(), 1u);
    EXPECT_EQ(h.source[0].start_line, 6u);
    EXPECT_EQ(h.source[0].end_line, 8u);
    EXPECT_EQ(h.source_note, "");
    // encode (same file) is found; check is not used on line 8.
    ASSERT_EQ(h.definitions.size(), 1u);
    EXPECT_EQ(h.definitions[0].label, "def encode");
    EXPECT_EQ(h.definitions[0].path, "store.py");
    EXPECT_EQ(h.definitions[0].start_line, 11u);
    EXPECT_NE(h.definitions[0].source.find("json.dumps"), std::string::npos);
}

TEST(Context, DefinitionsFromAnotherFileOfTheChange) {
    Texts texts{{{"store.py", k_store}, {"util.py", k_util}}};
    core::ChangeSet cs;
    cs.files.push_back(modified("store.py", k_store, {7}));
    cs.files.push_back(modified("util.py", k_util, {3}));
    auto files = change_context(cs, texts.source());
    const HunkContext& h = files[0].hunks[0];
    ASSERT_EQ(h.definitions.size(), 1u);
    EXPECT_EQ(h.definitions[0].name, "check");
    EXPECT_EQ(h.definitions[0].path, "util.py");
    EXPECT_EQ(h.definitions[0].source, k_util.substr(0, k_util.size() - 1));
}

TEST(Context, LongFunctionGivesSignatureAndWindow) {
    std::string text = "def long(a,\n         b):\n";
    for (int i = 0; i < 300; ++i) {
        text += "    a += " + std::to_string(i) + "\n";
    }
    Texts texts{{{"long.py", text}}};
    core::ChangeSet cs;
    cs.files.push_back(modified("long.py", text, {200}));
    ContextLimits limits;
    limits.max_symbol_lines = 100;
    limits.window_lines = 5;
    auto files = change_context(cs, texts.source(), limits);
    const HunkContext& h = files[0].hunks[0];
    ASSERT_EQ(h.source.size(), 2u);
    EXPECT_EQ(h.source[0].start_line, 1u);
    EXPECT_EQ(h.source[0].end_line, 2u); // the two-line signature
    EXPECT_EQ(h.source[1].start_line, 195u);
    EXPECT_EQ(h.source[1].end_line, 205u);
    EXPECT_EQ(
        h.source_note,
        "def long is 302 lines, more than 100: its signature and 5 lines each side of the change");
}

TEST(Context, UnknownLanguageGetsALineWindow) {
    std::string text;
    for (int i = 1; i <= 50; ++i) {
        text += "key" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    }
    Texts texts{{{"settings.toml", text}}};
    core::ChangeSet cs;
    cs.files.push_back(modified("settings.toml", text, {25}));
    ContextLimits limits;
    limits.window_lines = 3;
    auto files = change_context(cs, texts.source(), limits);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].grammar, "");
    EXPECT_EQ(files[0].note, "no grammar for this file: line windows");
    const HunkContext& h = files[0].hunks[0];
    EXPECT_EQ(h.source_of, "lines");
    ASSERT_EQ(h.source.size(), 1u);
    EXPECT_EQ(h.source[0].start_line, 22u);
    EXPECT_EQ(h.source[0].end_line, 28u);
    EXPECT_TRUE(h.chains[0].chain.empty());
}

TEST(Context, OverTheParseLimitFallsBackAndSaysWhy) {
    Texts texts{{{"store.py", k_store}}};
    core::ChangeSet cs;
    cs.files.push_back(modified("store.py", k_store, {8}));
    ContextLimits limits;
    limits.parse.max_bytes = 16;
    auto files = change_context(cs, texts.source(), limits);
    EXPECT_EQ(files[0].note, "larger than 16 bytes, not parsed: line windows");
    EXPECT_EQ(files[0].hunks[0].source_of, "lines");
    EXPECT_TRUE(files[0].imports.empty());
}

TEST(Context, UnreadableFileKeepsItsLinesOnly) {
    core::ChangeSet cs;
    cs.files.push_back(modified("gone.py", k_store, {8}));
    auto files = change_context(cs, [](const core::FileChange&) { return std::nullopt; });
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].note, "the new text could not be read: no context");
    EXPECT_EQ(files[0].hunks[0].first_line, 8u);
    EXPECT_TRUE(files[0].hunks[0].source.empty());
}

TEST(Context, DeletedFilesHaveNoContext) {
    core::ChangeSet cs;
    core::FileChange gone;
    gone.status = core::FileStatus::deleted;
    gone.old_path = "old.py";
    gone.hunks.push_back({});
    cs.files.push_back(gone);
    EXPECT_TRUE(
        change_context(cs, [](const core::FileChange&) { return std::string("x"); }).empty());
}

TEST(Context, RemovedLineSitsInTheFunctionItLeft) {
    // Line 8 of the old version was removed from put(); in the new text put() ends at line 7.
    core::ChangeSet cs;
    core::FileChange f;
    f.old_path = f.new_path = "store.py";
    core::Hunk h;
    h.old_start = 8;
    h.old_lines = 1;
    h.new_start = 7;
    h.new_lines = 0;
    core::Line removed;
    removed.kind = core::LineKind::removed;
    removed.old_lineno = 8;
    removed.content = "        self.audit()";
    h.lines.push_back(removed);
    f.hunks.push_back(h);
    cs.files.push_back(f);
    Texts texts{{{"store.py", k_store}}};
    auto files = change_context(cs, texts.source());
    EXPECT_EQ(files[0].hunks[0].first_line, 7u);
    EXPECT_EQ(files[0].hunks[0].chains[0].chain, "class Store > def put");
}

TEST(Context, HunkAcrossTwoFunctionsUsesTheirCommonParent) {
    std::string text =
        "class A:\n    def one(self):\n        return 1\n\n    def two(self):\n        return 2\n";
    Texts texts{{{"a.py", text}}};
    core::ChangeSet cs;
    core::FileChange f = modified("a.py", text, {3});
    f.hunks[0].lines.push_back({core::LineKind::added, 0, 6, false, "        return 2"});
    f.hunks[0].lines.insert(f.hunks[0].lines.begin() + 1,
                            {core::LineKind::context, 4, 4, false, ""});
    f.hunks[0].lines.insert(f.hunks[0].lines.begin() + 2,
                            {core::LineKind::context, 5, 5, false, "    def two(self):"});
    cs.files.push_back(f);
    auto files = change_context(cs, texts.source());
    const HunkContext& h = files[0].hunks[0];
    ASSERT_EQ(h.chains.size(), 2u);
    EXPECT_EQ(h.chains[0].chain, "class A > def one");
    EXPECT_EQ(h.chains[1].chain, "class A > def two");
    EXPECT_EQ(h.source_of, "class A");
}

} // namespace
} // namespace vigil::lang
