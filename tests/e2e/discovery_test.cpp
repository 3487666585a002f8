// Finding the repository the way git does: from a subfolder, -C, GIT_DIR / GIT_WORK_TREE,
// GIT_CEILING_DIRECTORIES.
#include "e2e.hpp"

#include <fstream>

namespace vigil::test {
namespace {
namespace fs = std::filesystem;

TEST(E2eDiscovery, CeilingDirectoriesStopTheSearch) {
    // vigil must not scan a repository that git itself refuses to find.
    TempRepo repo;
    repo.write("sub/k.py", secret_line(fake_aws_key()));
    repo.git({"add", "-A"});
    ProcessOptions opts;
    opts.cwd = (repo.path() / "sub").string();
    opts.env = {{"GIT_CEILING_DIRECTORIES", repo.path().string()}};
    auto git = repo.git_result({"rev-parse", "--git-dir"}, opts);
    ASSERT_NE(git.exit_code, 0) << "git itself must not find the repository\n" << describe(git);
    auto r = repo.vigil({"scan", "--staged"}, opts);
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_TRUE(contains(r.err, "not a git repository")) << describe(r);
}

TEST(E2eDiscovery, CeilingAboveTheRepositoryDoesNotHideIt) {
    TempRepo repo;
    repo.write("sub/k.py", secret_line(fake_aws_key()));
    repo.git({"add", "-A"});
    ProcessOptions opts;
    opts.cwd = (repo.path() / "sub").string();
    opts.env = {{"GIT_CEILING_DIRECTORIES", repo.path().parent_path().string()}};
    auto r = repo.vigil({"scan", "--staged"}, opts);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
}

TEST(E2eDiscovery, GitDirAndGitWorkTreeFromTheEnvironment) {
    // A repository whose work tree lives elsewhere, as with `git --git-dir X --work-tree Y`.
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    TempDir other;
    fs::path tree = other.path() / "tree";
    fs::create_directories(tree);
    std::ofstream(tree / "a.txt") << "a\n";
    std::ofstream(tree / "k.py") << secret_line(fake_aws_key());

    TempDir elsewhere;
    auto r =
        vigil_in(elsewhere.path(), {"scan", "--worktree"},
                 {{"GIT_DIR", (repo.path() / ".git").string()}, {"GIT_WORK_TREE", tree.string()}});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);

    // Without GIT_WORK_TREE the repository's own work tree is used: nothing there.
    auto own = repo.vigil({"scan", "--worktree"});
    EXPECT_EQ(own.exit_code, 0) << describe(own);
}

TEST(E2eDiscovery, GitDirPointingNowhereIsARuntimeError) {
    TempDir dir;
    auto r = vigil_in(dir.path(), {"scan", "--staged"},
                      {{"GIT_DIR", (dir.path() / "nope.git").string()}});
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_TRUE(contains(r.err, "GIT_DIR")) << describe(r);
}

TEST(E2eDiscovery, GitFileOfALinkedWorktreeIsFollowed) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    fs::path wt = repo.path().parent_path() / "wt";
    repo.git({"worktree", "add", "-q", "-b", "side", wt.string()});
    std::ofstream(wt / "k.py") << secret_line(fake_aws_key());
    TempDir elsewhere;
    auto r = vigil_in(elsewhere.path(), {"scan", "-C", wt.string(), "--worktree"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);
    // The main work tree does not have it.
    EXPECT_EQ(repo.vigil({"scan", "--worktree"}).exit_code, 0);
}

} // namespace
} // namespace vigil::test
