// Reading the index against HEAD (`--staged`), as a pre-commit hook does.
#include "git_test_helpers.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>

namespace vigil::test {
namespace {

TEST(Staged, FirstCommitDiffsAgainstTheEmptyTree) {
    TempRepo repo;
    repo.write("a.txt", "one\ntwo\n");
    repo.git({"add", "a.txt"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    const auto& f = cs.files[0];
    EXPECT_EQ(f.status, core::FileStatus::added);
    EXPECT_EQ(f.new_path, "a.txt");
    EXPECT_TRUE(f.old_path.empty());
    EXPECT_EQ(f.new_id, repo.git({"rev-parse", ":a.txt"}));
    EXPECT_EQ(added_lines(f), (std::vector<std::string>{"1:one", "2:two"}));
}

TEST(Staged, ModifiedFileHasAddedAndRemovedLinesWithNumbers) {
    TempRepo repo;
    repo.write("a.txt", "one\ntwo\nthree\nfour\n");
    repo.commit_all("base");
    repo.write("a.txt", "one\nTWO\nthree\nfour\nfive\n");
    repo.git({"add", "a.txt"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    const auto& f = cs.files[0];
    EXPECT_EQ(f.status, core::FileStatus::modified);
    EXPECT_EQ(f.old_id, repo.git({"rev-parse", "HEAD:a.txt"}));
    EXPECT_EQ(f.new_id, repo.git({"rev-parse", ":a.txt"}));
    EXPECT_EQ(added_lines(f), (std::vector<std::string>{"2:TWO", "5:five"}));
    EXPECT_EQ(removed_lines(f), (std::vector<std::string>{"2:two"}));
    EXPECT_EQ(f.hunks.size(), 2u); // no context lines by default: two separate hunks
}

TEST(Staged, ContextLinesAreKeptWhenAsked) {
    TempRepo repo;
    repo.write("a.txt", "one\ntwo\nthree\n");
    repo.commit_all("base");
    repo.write("a.txt", "one\n2\nthree\n");
    repo.git({"add", "a.txt"});
    git::DiffOptions opts;
    opts.context_lines = 3;
    auto cs = staged(repo, opts);
    ASSERT_EQ(cs.files.size(), 1u);
    const auto& lines = cs.files[0].hunks.at(0).lines;
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].kind, core::LineKind::context);
    EXPECT_EQ(lines[0].old_lineno, 1u);
    EXPECT_EQ(lines[0].new_lineno, 1u);
}

TEST(Staged, DeletedFileHasNoAddedLines) {
    TempRepo repo;
    repo.write("gone.txt", "bye\n");
    repo.commit_all("base");
    repo.git({"rm", "-q", "gone.txt"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].status, core::FileStatus::deleted);
    EXPECT_EQ(cs.files[0].path(), "gone.txt");
    EXPECT_TRUE(cs.files[0].new_path.empty());
    EXPECT_EQ(cs.files[0].added_line_count(), 0u);
    EXPECT_EQ(removed_lines(cs.files[0]), (std::vector<std::string>{"1:bye"}));
}

TEST(Staged, RenameIsDetectedAndOnlyChangedLinesAreAdded) {
    TempRepo repo;
    std::string body;
    for (int i = 0; i < 20; ++i) {
        body += "line " + std::to_string(i) + "\n";
    }
    repo.write("old name.txt", body);
    repo.commit_all("base");
    repo.git({"mv", "old name.txt", "new name.txt"});
    repo.write("new name.txt", body + "extra\n");
    repo.git({"add", "new name.txt"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    const auto& f = cs.files[0];
    EXPECT_EQ(f.status, core::FileStatus::renamed);
    EXPECT_EQ(f.old_path, "old name.txt");
    EXPECT_EQ(f.new_path, "new name.txt");
    EXPECT_GT(f.similarity, 50u);
    EXPECT_EQ(added_lines(f), (std::vector<std::string>{"21:extra"}));
}

TEST(Staged, CopyOfAModifiedFileIsDetected) {
    TempRepo repo;
    std::string body;
    for (int i = 0; i < 20; ++i) {
        body += "shared line " + std::to_string(i) + "\n";
    }
    repo.write("src.txt", body);
    repo.commit_all("base");
    repo.write("src.txt", body + "tail\n");
    repo.write("copy.txt", body);
    repo.git({"add", "-A"});
    auto cs = staged(repo);
    const auto* copy = find_file(cs, "copy.txt");
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->status, core::FileStatus::copied);
    EXPECT_EQ(copy->old_path, "src.txt");
    EXPECT_EQ(copy->added_line_count(), 0u);
}

TEST(Staged, ModeOnlyChangeHasNoHunks) {
    TempRepo repo;
    repo.write("run.sh", "echo hi\n");
    repo.commit_all("base");
    repo.git({"update-index", "--chmod=+x", "run.sh"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    const auto& f = cs.files[0];
    EXPECT_EQ(f.status, core::FileStatus::modified);
    EXPECT_TRUE(f.mode_changed());
    EXPECT_EQ(f.old_mode, core::FileMode::regular);
    EXPECT_EQ(f.new_mode, core::FileMode::executable);
    EXPECT_TRUE(f.hunks.empty());
}

TEST(Staged, BinaryFileIsSkippedWithANote) {
    TempRepo repo;
    repo.write("logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    repo.write("a.txt", "text\n");
    repo.git({"add", "-A"});
    auto cs = staged(repo);
    EXPECT_EQ(find_file(cs, "logo.png"), nullptr);
    EXPECT_EQ(skip_reason(cs, "logo.png"), "binary file");
    EXPECT_NE(find_file(cs, "a.txt"), nullptr);
}

TEST(Staged, FileOverTheSizeLimitIsSkippedWithANote) {
    TempRepo repo;
    repo.write("big.txt", std::string(300, 'x') + "\n");
    repo.write("small.txt", "ok\n");
    repo.git({"add", "-A"});
    git::DiffOptions opts;
    opts.max_file_bytes = 100;
    auto cs = staged(repo, opts);
    EXPECT_EQ(find_file(cs, "big.txt"), nullptr);
    EXPECT_EQ(skip_reason(cs, "big.txt"), "larger than the size limit (301 > 100 bytes)");
    EXPECT_NE(find_file(cs, "small.txt"), nullptr);
}

TEST(Staged, SymlinkIsSkippedWithANote) {
    TempRepo repo;
    repo.write("target.txt", "data\n");
    std::filesystem::create_symlink("target.txt", repo.path() / "link");
    repo.git({"add", "-A"});
    auto cs = staged(repo);
    EXPECT_EQ(find_file(cs, "link"), nullptr);
    EXPECT_EQ(skip_reason(cs, "link"), "symbolic link");
    EXPECT_NE(find_file(cs, "target.txt"), nullptr);
}

TEST(Staged, SubmoduleIsSkippedWithANote) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    std::string head = repo.commit_all("base");
    // A gitlink entry is what `git submodule add` stages; no clone needed to test it.
    repo.git({"update-index", "--add", "--cacheinfo", "160000," + head + ",vendor/lib"});
    auto cs = staged(repo);
    EXPECT_EQ(find_file(cs, "vendor/lib"), nullptr);
    EXPECT_EQ(skip_reason(cs, "vendor/lib"), "submodule");
}

TEST(Staged, GitLfsPointerIsSkippedWithANote) {
    TempRepo repo;
    repo.write("model.bin",
               "version https://git-lfs.github.com/spec/v1\n"
               "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
               "size 12345\n");
    repo.git({"add", "-A"});
    auto cs = staged(repo);
    EXPECT_EQ(find_file(cs, "model.bin"), nullptr);
    EXPECT_EQ(skip_reason(cs, "model.bin"), "Git LFS pointer (content not in the repository)");
}

TEST(Staged, CrlfBytesAreKeptExactly) {
    TempRepo repo;
    repo.write("win.txt", "first\r\nsecond\r\nlast-no-eol");
    repo.git({"add", "-A"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    const auto& lines = cs.files[0].hunks.at(0).lines;
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].content, "first\r");
    EXPECT_EQ(lines[0].text(), "first");
    EXPECT_FALSE(lines[0].no_newline_at_eof);
    EXPECT_EQ(lines[2].content, "last-no-eol");
    EXPECT_TRUE(lines[2].no_newline_at_eof);
}

TEST(Staged, InvalidUtf8AndNonAsciiPathsArePreserved) {
    TempRepo repo;
    std::string bad = "caf\xC3\xA9 \xFF\xFE ok\n";
    repo.write("d\xC3\xA9j\xC3\xA0 vu/f ile.txt", bad);
    repo.git({"-c", "core.quotepath=false", "add", "-A"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].path(), "d\xC3\xA9j\xC3\xA0 vu/f ile.txt");
    EXPECT_EQ(cs.files[0].hunks.at(0).lines.at(0).content, "caf\xC3\xA9 \xFF\xFE ok");
}

TEST(Staged, EmptyDiffGivesAnEmptyChangeSet) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    auto cs = staged(repo);
    EXPECT_TRUE(cs.files.empty());
    EXPECT_TRUE(cs.skipped.empty());
}

TEST(Staged, UnstagedEditsAreNotSeen) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.write("a.txt", "a\nstaged\n");
    repo.git({"add", "a.txt"});
    repo.write("a.txt", "a\nstaged\nnot staged\n");
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(added_lines(cs.files[0]), (std::vector<std::string>{"2:staged"}));
}

TEST(Staged, DetachedHeadWorks) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("one");
    repo.write("a.txt", "a\nb\n");
    repo.commit_all("two");
    repo.git({"checkout", "-q", "--detach", "HEAD~1"});
    repo.write("c.txt", "c\n");
    repo.git({"add", "c.txt"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].path(), "c.txt");
}

TEST(Staged, BareRepositoryIsAUsageError) {
    TempRepo repo({.bare = true});
    auto opened = git::Repository::open({repo.path().string(), false});
    ASSERT_TRUE(opened) << opened.error().describe();
    EXPECT_TRUE(opened->is_bare());
    auto cs = git::read_staged(*opened, {});
    ASSERT_FALSE(cs);
    EXPECT_EQ(cs.error().kind, util::ErrorKind::usage);
    EXPECT_NE(cs.error().message.find("bare"), std::string::npos);
}

// GIT_INDEX_FILE names another index (as `git commit -a` and `git commit <path>` do): the
// staged diff must read that one, not .git/index.
TEST(Staged, HonoursGitIndexFile) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.write("other.txt", "only in the other index\n");
    std::string other_index = (repo.path() / ".git" / "other-index").string();
    repo.git_result({"add", "other.txt"}, {.env = {{"GIT_INDEX_FILE", other_index}}});
    // Make the alternate index a full copy of HEAD plus other.txt.
    repo.git_result({"read-tree", "HEAD"}, {.env = {{"GIT_INDEX_FILE", other_index}}});
    repo.git_result({"add", "other.txt"}, {.env = {{"GIT_INDEX_FILE", other_index}}});

    EXPECT_TRUE(staged(repo).files.empty()); // .git/index has nothing staged

    ::setenv("GIT_INDEX_FILE", other_index.c_str(), 1);
    auto opened = git::Repository::open({repo.path().string(), true});
    ::unsetenv("GIT_INDEX_FILE");
    ASSERT_TRUE(opened) << opened.error().describe();
    auto cs = value_or_fail(git::read_staged(*opened, {}));
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].path(), "other.txt");
}

} // namespace
} // namespace vigil::test
