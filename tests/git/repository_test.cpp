// Opening repositories: discovery, errors, linked worktrees, ownership.
#include "git_test_helpers.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace vigil::test {
namespace {

TEST(Repository, DiscoversFromASubfolder) {
    TempRepo repo;
    repo.write("sub/deep/a.txt", "a\n");
    auto opened = git::Repository::open({(repo.path() / "sub/deep").string(), false});
    ASSERT_TRUE(opened) << opened.error().describe();
    EXPECT_EQ(std::filesystem::path(opened->workdir()), repo.path() / "");
    EXPECT_FALSE(opened->is_bare());
}

TEST(Repository, NotARepositoryIsARuntimeErrorWithAHint) {
    TempDir dir;
    ::setenv("GIT_CEILING_DIRECTORIES", dir.path().parent_path().c_str(), 1);
    auto opened = git::Repository::open({dir.path().string(), false});
    ::unsetenv("GIT_CEILING_DIRECTORIES");
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().kind, util::ErrorKind::runtime);
    EXPECT_NE(opened.error().message.find("not a git repository"), std::string::npos);
    EXPECT_NE(opened.error().message.find(dir.path().string()), std::string::npos);
    EXPECT_FALSE(opened.error().hint.empty());
}

TEST(Repository, LinkedWorktreeReadsItsOwnIndex) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    auto linked = repo.path().parent_path() / "linked";
    repo.git({"worktree", "add", "-q", "-b", "feature", linked.string()});
    repo.write("main-only.txt", "m\n");
    repo.git({"add", "main-only.txt"});
    std::ofstream(linked / "feature.txt") << "f\n";
    repo.git_result({"add", "feature.txt"}, {.cwd = linked.string()});

    auto opened = git::Repository::open({linked.string(), false});
    ASSERT_TRUE(opened) << opened.error().describe();
    auto cs = value_or_fail(git::read_staged(*opened, {}));
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].path(), "feature.txt");
}

TEST(Repository, ReopenGivesAnIndependentHandleOnTheSameRepository) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.git({"add", "a.txt"});
    auto first = open_repo(repo);
    auto second = value_or_fail(first.reopen());
    EXPECT_EQ(first.git_dir(), second.git_dir());
    EXPECT_EQ(value_or_fail(git::read_staged(second, {})).files.size(), 1u);
}

// libgit2 refuses repositories owned by another user (as git's safe.directory does).
// vigil explains it, and reads anyway in CI, where checkouts are often owned by another uid.
TEST(Repository, ForeignOwnerIsExplainedAndAllowedInCi) {
    if (geteuid() != 0) {
        GTEST_SKIP() << "needs root to give the repository to another user";
    }
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    std::filesystem::path top = repo.path();
    ASSERT_EQ(run_process({"chown", "-R", "65534:65534", top.string()}).exit_code, 0);
    ::setenv("HOME", repo.home().c_str(), 1); // no global safe.directory from the developer

    ::unsetenv("CI");
    auto refused = git::Repository::open({top.string(), false});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, util::ErrorKind::runtime);
    EXPECT_NE(refused.error().message.find("owned by another user"), std::string::npos);
    EXPECT_NE(refused.error().hint.find("safe.directory"), std::string::npos);

    ::setenv("CI", "true", 1);
    auto allowed = git::Repository::open({top.string(), false});
    ::unsetenv("CI");
    ASSERT_TRUE(allowed) << allowed.error().describe();
    EXPECT_TRUE(allowed->opened_despite_foreign_owner());
    EXPECT_TRUE(value_or_fail(git::read_commit(*allowed, "HEAD", {})).files.size() == 1);
    run_process({"chown", "-R", "0:0", top.string()});
}

} // namespace
} // namespace vigil::test
