// The work tree against the index (`--worktree`).
#include "git_test_helpers.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

TEST(Worktree, UnstagedEditsAndUntrackedFilesAreSeen) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.write(".gitignore", "*.log\n");
    repo.commit_all("base");
    repo.write("a.txt", "a\nedited\n");
    repo.write("new/untracked.txt", "fresh\n");
    repo.write("debug.log", "ignored\n");
    auto cs = worktree(repo);
    const auto* edited = find_file(cs, "a.txt");
    ASSERT_NE(edited, nullptr);
    EXPECT_EQ(edited->status, core::FileStatus::modified);
    EXPECT_EQ(added_lines(*edited), (std::vector<std::string>{"2:edited"}));
    const auto* fresh = find_file(cs, "new/untracked.txt");
    ASSERT_NE(fresh, nullptr);
    EXPECT_EQ(fresh->status, core::FileStatus::added);
    EXPECT_EQ(added_lines(*fresh), (std::vector<std::string>{"1:fresh"}));
    EXPECT_EQ(find_file(cs, "debug.log"), nullptr);
}

TEST(Worktree, StagedButUnchangedFilesAreNotSeen) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.write("a.txt", "a\nstaged\n");
    repo.git({"add", "a.txt"});
    EXPECT_TRUE(worktree(repo).files.empty());
}

TEST(Worktree, DeletedFileIsSeenAsDeleted) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.remove("a.txt");
    auto cs = worktree(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].status, core::FileStatus::deleted);
}

TEST(Worktree, SizeLimitUsesTheFileOnDisk) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.write("a.txt", std::string(500, 'y'));
    git::DiffOptions opts;
    opts.max_file_bytes = 100;
    auto cs = worktree(repo, opts);
    EXPECT_TRUE(cs.files.empty());
    EXPECT_EQ(skip_reason(cs, "a.txt"), "larger than the size limit (500 > 100 bytes)");
}

} // namespace
} // namespace vigil::test
