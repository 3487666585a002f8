// Suggested changes as patches: every diff complete_suggestion and combined_diff make is fed to
// the real `git apply` in a real repository holding the base file, which must take it and leave
// exactly the expected bytes; the index line must name the blobs git names. Where the change is
// unambiguous the diff is also compared with the one `git diff` writes for the same change.
// patch_path is compared with the headers `git diff` writes for awkward names.
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>
#include <vigil/core/suggestion.hpp>
#include <vigil/util/sha1.hpp>

namespace vigil::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

// The "index A..B MODE" line of a diff, split.
struct IndexLine {
    std::string base, result, mode;
};

IndexLine index_line(const std::string& diff) {
    for (const auto& line : lines_of(diff)) {
        if (line.starts_with("index ")) {
            size_t dots = line.find("..");
            size_t space = line.find(' ', dots);
            if (dots == std::string::npos || space == std::string::npos) {
                break;
            }
            return {line.substr(6, dots - 6), line.substr(dots + 2, space - dots - 2),
                    line.substr(space + 1)};
        }
    }
    ADD_FAILURE() << "no index line in:\n" << diff;
    return {};
}

// A repository whose HEAD and index hold `path` with `base`.
struct BaseRepo {
    TempRepo repo;
    std::string path;

    BaseRepo(const std::string& p, const std::string& base) : path(p) {
        repo.write(path, base);
        repo.git({"add", "--", path});
        repo.git({"commit", "-q", "-m", "base"});
    }

    std::string hash_of_file() const { return repo.git({"hash-object", "--", path}); }

    ProcessResult apply(const std::string& diff, bool check) const {
        ProcessOptions opts;
        opts.stdin_data = diff;
        std::vector<std::string> args = {"apply"};
        if (check) {
            args.push_back("--check");
        }
        return repo.git_result(args, opts);
    }

    // `git diff` of the work tree against the index, with full blob ids, without the
    // function-context text git writes after a hunk's "@@" (vigil writes none).
    std::string git_diff() const {
        ProcessResult r = repo.git_result({"diff", "--full-index", "--", path});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::string out;
        size_t pos = 0;
        while (pos < r.out.size()) {
            size_t nl = r.out.find('\n', pos);
            size_t end = nl == std::string::npos ? r.out.size() : nl + 1;
            std::string line = r.out.substr(pos, end - pos);
            if (line.starts_with("@@ ")) {
                size_t close = line.find(" @@", 3);
                if (close != std::string::npos) {
                    line = line.substr(0, close + 3) + "\n";
                }
            }
            out += line;
            pos = end;
        }
        return out;
    }
};

// Checks that `diff`, made for `base`, applies with git and gives `expected`; that its index
// line names git's blobs of both; optionally that git diff writes the same diff.
void expect_applies(const std::string& path, const std::string& base, const std::string& diff,
                    const std::string& expected, bool same_as_git = true) {
    SCOPED_TRACE("diff:\n" + diff);
    ASSERT_FALSE(diff.empty());
    BaseRepo b(path, base);
    IndexLine idx = index_line(diff);
    EXPECT_EQ(idx.base, b.hash_of_file());
    EXPECT_EQ(idx.mode, "100644");
    ProcessResult check = b.apply(diff, true);
    ASSERT_EQ(check.exit_code, 0) << "git apply --check refused it:\n" << check.err;
    ProcessResult apply = b.apply(diff, false);
    ASSERT_EQ(apply.exit_code, 0) << apply.err;
    EXPECT_EQ(b.repo.read(path), expected);
    EXPECT_EQ(idx.result, b.hash_of_file());
    if (same_as_git) {
        EXPECT_EQ(b.git_diff(), diff);
    }
}

core::Suggestion suggestion(uint32_t start, uint32_t end, std::string inserted,
                            std::string path = "f.txt") {
    core::Suggestion s;
    s.path = std::move(path);
    s.rule_id = "r";
    s.start_line = start;
    s.end_line = end;
    s.inserted = std::move(inserted);
    return s;
}

// complete_suggestion, then the full round trip through git; returns the suggestion.
core::Suggestion expect_suggestion(const std::string& base, uint32_t start, uint32_t end,
                                   const std::string& inserted, const std::string& expected,
                                   bool same_as_git = true, const std::string& path = "f.txt") {
    core::Suggestion s = suggestion(start, end, inserted, path);
    EXPECT_TRUE(core::complete_suggestion(s, base));
    expect_applies(path, base, s.diff, expected, same_as_git);
    EXPECT_EQ(s.base_id, index_line(s.diff).base);
    EXPECT_EQ(s.new_id, index_line(s.diff).result);
    return s;
}

const std::string k_ten = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n";

// --- complete_suggestion --------------------------------------------------------------------

TEST(Suggestion, ReplacesAMiddleLine) {
    auto s =
        expect_suggestion(k_ten, 5, 5, "five\n", "l1\nl2\nl3\nl4\nfive\nl6\nl7\nl8\nl9\nl10\n");
    EXPECT_EQ(s.removed, "l5\n");
    EXPECT_EQ(s.inserted, "five\n");
}

TEST(Suggestion, ReplacementWithoutNewlineGetsOneBeforeTheEnd) {
    auto s = expect_suggestion(k_ten, 5, 5, "five", "l1\nl2\nl3\nl4\nfive\nl6\nl7\nl8\nl9\nl10\n");
    EXPECT_EQ(s.inserted, "five\n");
}

TEST(Suggestion, ReplacesTheFirstLine) {
    expect_suggestion(k_ten, 1, 1, "one\n", "one\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n");
}

TEST(Suggestion, ReplacesTheLastLine) {
    expect_suggestion(k_ten, 10, 10, "ten\n", "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nten\n");
}

TEST(Suggestion, LastLineWithoutNewlineKeepsHavingNone) {
    // Both sides end without a newline: "\ No newline" after the - and the + line.
    std::string base = "a\nb\nc\nd";
    auto s = expect_suggestion(base, 4, 4, "D", "a\nb\nc\nD");
    EXPECT_EQ(s.removed, "d");
    EXPECT_EQ(s.inserted, "D");
    EXPECT_NE(s.diff.find("-d\n\\ No newline at end of file\n+D\n\\ No newline at end of file\n"),
              std::string::npos);
}

TEST(Suggestion, LastLineWithoutNewlineGetsOneWhenAsked) {
    // Only the old side lacks it.
    std::string base = "a\nb\nc\nd";
    auto s = expect_suggestion(base, 4, 4, "D\n", "a\nb\nc\nD\n");
    EXPECT_TRUE(s.diff.ends_with("-d\n\\ No newline at end of file\n+D\n"));
}

TEST(Suggestion, ContextLineWithoutNewline) {
    // The unchanged last line is context: "\ No newline" follows a ' ' line.
    std::string base = "a\nb\nc\nd";
    auto s = expect_suggestion(base, 3, 3, "C\n", "a\nb\nC\nd");
    EXPECT_TRUE(s.diff.ends_with(" d\n\\ No newline at end of file\n")) << s.diff;
}

TEST(Suggestion, InsertionAtTheTop) {
    auto s = expect_suggestion(k_ten, 1, 0, "top\n", "top\n" + k_ten);
    EXPECT_EQ(s.removed, "");
    EXPECT_NE(s.diff.find("@@ -1,3 +1,4 @@\n+top\n"), std::string::npos);
}

TEST(Suggestion, InsertionInTheMiddle) {
    expect_suggestion(k_ten, 6, 5, "mid\n", "l1\nl2\nl3\nl4\nl5\nmid\nl6\nl7\nl8\nl9\nl10\n");
}

TEST(Suggestion, InsertionAtTheEnd) {
    expect_suggestion(k_ten, 11, 10, "end\n", k_ten + "end\n");
}

TEST(Suggestion, SeveralLinesInsertedAtTheEndWithoutFinalNewline) {
    expect_suggestion(k_ten, 11, 10, "x\ny", k_ten + "x\ny");
}

TEST(Suggestion, InsertionAtTheEndOfAFileWithoutFinalNewline) {
    // The file's last line has no newline: a line inserted after it must start a line of its
    // own ("a\nb\nc\n"), or the suggestion must be refused.
    std::string base = "a\nb";
    core::Suggestion s = suggestion(3, 2, "c\n");
    if (!core::complete_suggestion(s, base)) {
        SUCCEED() << "refused";
        return;
    }
    SCOPED_TRACE("diff:\n" + s.diff);
    expect_applies("f.txt", base, s.diff, "a\nb\nc\n");
    EXPECT_EQ(s.new_id, util::git_blob_id("a\nb\nc\n"));
}

TEST(Suggestion, DeletesALine) {
    auto s = expect_suggestion(k_ten, 4, 4, "", "l1\nl2\nl3\nl5\nl6\nl7\nl8\nl9\nl10\n");
    EXPECT_EQ(s.removed, "l4\n");
    EXPECT_EQ(s.inserted, "");
}

TEST(Suggestion, DeletesTheOnlyLine) {
    expect_suggestion("only\n", 1, 1, "", "");
}

TEST(Suggestion, ReplacesSeveralLinesWithFewer) {
    auto s = expect_suggestion(k_ten, 3, 6, "three-to-six\nsecond\n",
                               "l1\nl2\nthree-to-six\nsecond\nl7\nl8\nl9\nl10\n");
    EXPECT_EQ(s.removed, "l3\nl4\nl5\nl6\n");
}

TEST(Suggestion, ReplacesOneLineWithSeveral) {
    expect_suggestion(k_ten, 2, 2, "x\ny\nz\n", "l1\nx\ny\nz\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n");
}

TEST(Suggestion, CrlfFile) {
    std::string base = "a\r\nb\r\nc\r\nd\r\ne\r\n";
    auto s = expect_suggestion(base, 3, 3, "C\r\n", "a\r\nb\r\nC\r\nd\r\ne\r\n");
    EXPECT_EQ(s.removed, "c\r\n");
    EXPECT_NE(s.diff.find("-c\r\n+C\r\n"), std::string::npos);
}

TEST(Suggestion, FileShorterThanTheContext) {
    expect_suggestion("one\ntwo\n", 2, 2, "TWO\n", "one\nTWO\n");
    expect_suggestion("one\n", 1, 1, "ONE\n", "ONE\n");
    expect_suggestion("one\ntwo\n", 2, 1, "between\n", "one\nbetween\ntwo\n");
}

TEST(Suggestion, InsertionIntoAnEmptyFile) {
    auto s = expect_suggestion("", 1, 0, "first\n", "first\n");
    EXPECT_NE(s.diff.find("@@ -0,0 +1 @@\n+first\n"), std::string::npos);
}

TEST(Suggestion, KnownBaseIdIsUsed) {
    core::Suggestion s = suggestion(2, 2, "X\n");
    std::string id(40, 'a');
    ASSERT_TRUE(core::complete_suggestion(s, "1\n2\n3\n", id));
    EXPECT_EQ(s.base_id, id);
    EXPECT_EQ(index_line(s.diff).base, id);
}

TEST(Suggestion, ExecutableModeInIndexLine) {
    core::Suggestion s = suggestion(1, 1, "b\n");
    s.mode = 0100755;
    ASSERT_TRUE(core::complete_suggestion(s, "a\n"));
    EXPECT_EQ(index_line(s.diff).mode, "100755");
}

TEST(Suggestion, NoOpIsRefusedAndLeavesItUntouched) {
    for (auto inserted : {"l5\n", "l5"}) {
        core::Suggestion s = suggestion(5, 5, inserted);
        s.description = "keep";
        EXPECT_FALSE(core::complete_suggestion(s, k_ten)) << inserted;
        EXPECT_EQ(s.diff, "");
        EXPECT_EQ(s.removed, "");
        EXPECT_EQ(s.base_id, "");
        EXPECT_EQ(s.new_id, "");
        EXPECT_EQ(s.inserted, inserted);
    }
    core::Suggestion empty_insert = suggestion(3, 2, "");
    EXPECT_FALSE(core::complete_suggestion(empty_insert, k_ten));
    core::Suggestion last = suggestion(2, 2, "b");
    EXPECT_FALSE(core::complete_suggestion(last, "a\nb"));
}

TEST(Suggestion, OutOfRangeLinesAreRefused) {
    struct Case {
        uint32_t start, end;
    };
    for (Case c : {Case{0, 0}, Case{0, 1}, Case{11, 11}, Case{12, 11}, Case{10, 11}, Case{5, 3},
                   Case{13, 12}, Case{3, 100}}) {
        core::Suggestion s = suggestion(c.start, c.end, "x\n");
        EXPECT_FALSE(core::complete_suggestion(s, k_ten)) << c.start << ".." << c.end;
        EXPECT_EQ(s.diff, "");
        EXPECT_EQ(s.inserted, "x\n");
    }
    core::Suggestion on_empty = suggestion(1, 1, "x\n");
    EXPECT_FALSE(core::complete_suggestion(on_empty, ""));
}

// --- combined_diff --------------------------------------------------------------------------

std::string twenty() {
    std::string out;
    for (int i = 1; i <= 20; ++i) {
        out += "line " + std::to_string(i) + "\n";
    }
    return out;
}

std::string replaced(std::string base, const std::string& from, const std::string& to) {
    base.replace(base.find(from), from.size(), to);
    return base;
}

std::vector<core::Suggestion> completed(const std::string& base,
                                        std::vector<core::Suggestion> list) {
    for (auto& s : list) {
        EXPECT_TRUE(core::complete_suggestion(s, base)) << s.start_line;
    }
    return list;
}

size_t hunk_count(const std::string& diff) {
    size_t n = 0;
    for (const auto& line : lines_of(diff)) {
        n += line.starts_with("@@ ");
    }
    return n;
}

TEST(CombinedDiff, EditsFarApartMakeTwoHunks) {
    std::string base = twenty();
    auto list = completed(base, {suggestion(3, 3, "THREE\n"), suggestion(15, 15, "FIFTEEN\n")});
    std::vector<size_t> left_out;
    std::string diff = core::combined_diff({&list[0], &list[1]}, base, &left_out);
    EXPECT_TRUE(left_out.empty());
    EXPECT_EQ(hunk_count(diff), 2u) << diff;
    std::string expected =
        replaced(replaced(base, "line 3\n", "THREE\n"), "line 15\n", "FIFTEEN\n");
    expect_applies("f.txt", base, diff, expected);
}

TEST(CombinedDiff, OrderOfSuggestionsDoesNotMatter) {
    std::string base = twenty();
    auto list = completed(base, {suggestion(15, 15, "FIFTEEN\n"), suggestion(3, 3, "THREE\n")});
    std::string diff = core::combined_diff({&list[0], &list[1]}, base);
    std::string expected =
        replaced(replaced(base, "line 3\n", "THREE\n"), "line 15\n", "FIFTEEN\n");
    expect_applies("f.txt", base, diff, expected);
}

TEST(CombinedDiff, EditsCloseTogetherShareOneHunk) {
    std::string base = twenty();
    auto list = completed(base, {suggestion(5, 5, "FIVE\n"), suggestion(8, 8, "EIGHT\n")});
    std::string diff = core::combined_diff({&list[0], &list[1]}, base);
    EXPECT_EQ(hunk_count(diff), 1u) << diff;
    expect_applies("f.txt", base, diff,
                   replaced(replaced(base, "line 5\n", "FIVE\n"), "line 8\n", "EIGHT\n"));
}

TEST(CombinedDiff, HunksMergeExactlyWhereGitMergesThem) {
    // Six unchanged lines between two edits: their contexts touch, git writes one hunk; seven:
    // two hunks. The diff must equal git's in both.
    std::string base = twenty();
    for (uint32_t second : {12u, 13u}) {
        SCOPED_TRACE(second);
        auto list =
            completed(base, {suggestion(5, 5, "FIVE\n"), suggestion(second, second, "X\n")});
        std::string diff = core::combined_diff({&list[0], &list[1]}, base);
        EXPECT_EQ(hunk_count(diff), second == 12 ? 1u : 2u) << diff;
        std::string expected = replaced(replaced(base, "line 5\n", "FIVE\n"),
                                        "line " + std::to_string(second) + "\n", "X\n");
        expect_applies("f.txt", base, diff, expected);
    }
}

TEST(CombinedDiff, MixedInsertionDeletionAndReplacement) {
    std::string base = twenty();
    auto list = completed(base, {suggestion(2, 1, "inserted\n"), suggestion(6, 6, ""),
                                 suggestion(18, 19, "eighteen-nineteen\n")});
    std::string diff = core::combined_diff({&list[0], &list[1], &list[2]}, base);
    std::string expected =
        replaced(replaced(replaced(base, "line 2\n", "inserted\nline 2\n"), "line 6\n", ""),
                 "line 18\nline 19\n", "eighteen-nineteen\n");
    expect_applies("f.txt", base, diff, expected);
}

TEST(CombinedDiff, OverlappingEditIsLeftOutAndReported) {
    std::string base = twenty();
    auto list = completed(base, {suggestion(5, 7, "five-to-seven\n"), suggestion(7, 7, "SEVEN\n"),
                                 suggestion(14, 14, "FOURTEEN\n")});
    std::vector<size_t> left_out;
    std::string diff = core::combined_diff({&list[0], &list[1], &list[2]}, base, &left_out);
    EXPECT_EQ(left_out, std::vector<size_t>{1});
    std::string expected = replaced(replaced(base, "line 5\nline 6\nline 7\n", "five-to-seven\n"),
                                    "line 14\n", "FOURTEEN\n");
    expect_applies("f.txt", base, diff, expected);
}

TEST(CombinedDiff, TheLaterOfTwoOverlappingEditsIsLeftOutWhateverTheOrderGiven) {
    std::string base = twenty();
    auto list = completed(base, {suggestion(9, 9, "NINE\n"), suggestion(8, 9, "eight-nine\n")});
    std::vector<size_t> left_out;
    std::string diff = core::combined_diff({&list[0], &list[1]}, base, &left_out);
    EXPECT_EQ(left_out, std::vector<size_t>{0});
    expect_applies("f.txt", base, diff, replaced(base, "line 8\nline 9\n", "eight-nine\n"));
}

TEST(CombinedDiff, InsertionRightAfterAnEditIsLeftOut) {
    std::string base = twenty();
    auto list = completed(base, {suggestion(4, 4, "FOUR\n"), suggestion(5, 4, "new\n")});
    std::vector<size_t> left_out;
    std::string diff = core::combined_diff({&list[0], &list[1]}, base, &left_out);
    EXPECT_EQ(left_out, std::vector<size_t>{1});
    expect_applies("f.txt", base, diff, replaced(base, "line 4\n", "FOUR\n"));
}

TEST(CombinedDiff, OneSuggestionGivesItsOwnDiff) {
    std::string base = twenty();
    auto list = completed(base, {suggestion(10, 10, "TEN\n")});
    EXPECT_EQ(core::combined_diff({&list[0]}, base), list[0].diff);
}

TEST(CombinedDiff, NothingApplicableIsEmpty) {
    std::string base = "a\nb\n";
    core::Suggestion s = suggestion(7, 7, "x\n");
    std::vector<size_t> left_out;
    EXPECT_EQ(core::combined_diff({&s}, base, &left_out), "");
    EXPECT_EQ(left_out, std::vector<size_t>{0});
    EXPECT_EQ(core::combined_diff({}, base), "");
}

// --- paths ----------------------------------------------------------------------------------

// The "diff --git", "---" and "+++" lines git writes for a change to `path`. git ends "---" and
// "+++" with a tab when the name holds a space (for GNU patch); that tab is not part of the name
// and is removed here.
std::vector<std::string> git_header(const std::string& path) {
    BaseRepo b(path, "one\ntwo\n");
    b.repo.write(path, "one\nTWO\n");
    std::vector<std::string> out;
    for (auto line : lines_of(b.git_diff())) {
        if (line.starts_with("diff --git ") || line.starts_with("--- ") ||
            line.starts_with("+++ ")) {
            if (line.starts_with("---") || line.starts_with("+++")) {
                if (!line.empty() && line.back() == '\t') {
                    line.pop_back();
                }
            }
            out.push_back(line);
        }
    }
    return out;
}

void expect_paths_like_git(const std::string& path) {
    SCOPED_TRACE("path: " + path);
    std::vector<std::string> git = git_header(path);
    ASSERT_EQ(git.size(), 3u);
    std::string a = core::patch_path("a/", path), b = core::patch_path("b/", path);
    EXPECT_EQ("diff --git " + a + " " + b, git[0]);
    EXPECT_EQ("--- " + a, git[1]);
    EXPECT_EQ("+++ " + b, git[2]);
    // The whole diff applies under that name, too.
    expect_suggestion("one\ntwo\n", 2, 2, "TWO\n", "one\nTWO\n", false, path);
}

TEST(PatchPath, PlainPathIsAsIs) {
    EXPECT_EQ(core::patch_path("a/", "src/main.cpp"), "a/src/main.cpp");
    expect_paths_like_git("src/main.cpp");
}

TEST(PatchPath, Spaces) {
    EXPECT_EQ(core::patch_path("b/", "my dir/a file.txt"), "b/my dir/a file.txt");
    expect_paths_like_git("my dir/a file.txt");
}

TEST(PatchPath, NonAscii) {
    expect_paths_like_git("caf\xC3\xA9/gr\xC3\xBCn.txt");
    EXPECT_EQ(core::patch_path("a/", "\xC3\xA9"), "\"a/\\303\\251\"");
}

TEST(PatchPath, DoubleQuoteAndBackslash) {
    expect_paths_like_git("say \"hi\".txt");
    expect_paths_like_git("back\\slash.txt");
}

TEST(PatchPath, TabAndOtherControlCharacters) {
    expect_paths_like_git("tab\there.txt");
    expect_paths_like_git(std::string("ctl\x01.txt"));
    expect_paths_like_git(std::string("del\x7f.txt"));
}

TEST(PatchPath, CarriageReturnIsWrittenAsGitWritesIt) {
    std::string path = "cr\rhere.txt";
    std::vector<std::string> git = git_header(path);
    ASSERT_EQ(git.size(), 3u);
    std::string ours =
        "diff --git " + core::patch_path("a/", path) + " " + core::patch_path("b/", path);
    EXPECT_EQ(ours, git[0]);
}

TEST(Suggestion, DiffHeaderForAnAwkwardPathIsGits) {
    std::string path = "d\xC3\xA9j\xC3\xA0 vu/\"q\".txt";
    auto s = expect_suggestion("one\ntwo\n", 2, 2, "TWO\n", "one\nTWO\n", false, path);
    std::vector<std::string> git = git_header(path);
    std::vector<std::string> ours;
    for (const auto& line : lines_of(s.diff)) {
        if (line.starts_with("diff --git ") || line.starts_with("--- ") ||
            line.starts_with("+++ ")) {
            ours.push_back(line);
        }
    }
    EXPECT_EQ(ours, git);
}

} // namespace
} // namespace vigil::test
