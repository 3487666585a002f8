// --staged reads the index (never the work tree); --worktree reads the work tree and
// untracked files.
#include "e2e.hpp"

namespace vigil::test {
namespace {

TEST(E2eStagedWorktree, KeyOnlyInTheWorkTreeIsNotStaged) {
    TempRepo repo;
    repo.write("app.py", "print('hi')\n");
    repo.commit_all("base");
    repo.write("app.py", "print('hi')\n" + secret_line(fake_aws_key()));

    auto staged = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(staged.exit_code, 0) << describe(staged);
    EXPECT_EQ(staged.out, "") << describe(staged);

    auto worktree = repo.vigil({"scan", "--worktree"});
    EXPECT_EQ(worktree.exit_code, 1) << describe(worktree);
    EXPECT_TRUE(contains(worktree.out, "app.py:2:12:")) << describe(worktree);
}

TEST(E2eStagedWorktree, UntrackedFilesAreReportedByWorktreeOnly) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.write("new dir/untracked.env", secret_line(fake_aws_key()));

    auto staged = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(staged.exit_code, 0) << describe(staged);

    auto worktree = repo.vigil({"scan", "--worktree"});
    EXPECT_EQ(worktree.exit_code, 1) << describe(worktree);
    EXPECT_TRUE(contains(worktree.out, "new dir/untracked.env:1:12:")) << describe(worktree);
}

TEST(E2eStagedWorktree, IgnoredUntrackedFilesAreNotReportedByWorktree) {
    TempRepo repo;
    repo.write(".gitignore", "*.secret\nbuild/\n");
    repo.commit_all("base");
    repo.write("local.secret", secret_line(fake_aws_key()));
    repo.write("build/out.txt", secret_line(fake_aws_key(1)));
    auto r = repo.vigil({"scan", "--worktree"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(E2eStagedWorktree, PartialStagingReportsOnlyWhatIsStaged) {
    TempRepo repo;
    repo.write("cfg.py", "a = 1\n");
    repo.commit_all("base");
    // Index: the key on line 2. Work tree: three lines inserted above it, and a second key
    // that is not staged.
    repo.write("cfg.py", "a = 1\n" + secret_line(fake_aws_key(0)));
    repo.git({"add", "cfg.py"});
    repo.write("cfg.py", "x = 0\ny = 0\nz = 0\na = 1\n" + secret_line(fake_aws_key(0)) +
                             "other = \"" + fake_aws_key(1) + "\"\n");

    auto staged = repo.vigil({"scan", "--staged", "--show-secrets"});
    EXPECT_EQ(staged.exit_code, 1) << describe(staged);
    // The line number is the index's, not the work tree's (which would be 5).
    EXPECT_TRUE(contains(staged.out, "cfg.py:2:12:")) << describe(staged);
    EXPECT_TRUE(contains(staged.out, fake_aws_key(0))) << describe(staged);
    EXPECT_FALSE(contains(staged.out, fake_aws_key(1))) << describe(staged);
    EXPECT_EQ(finding_count(staged.out), 1u) << describe(staged);

    auto worktree = repo.vigil({"scan", "--worktree", "--show-secrets"});
    EXPECT_EQ(worktree.exit_code, 1) << describe(worktree);
    EXPECT_TRUE(contains(worktree.out, "cfg.py:6:")) << describe(worktree);
    EXPECT_TRUE(contains(worktree.out, fake_aws_key(1))) << describe(worktree);
    EXPECT_FALSE(contains(worktree.out, fake_aws_key(0))) << describe(worktree);
}

TEST(E2eStagedWorktree, KeyRemovedFromTheWorkTreeButStillStagedIsReported) {
    TempRepo repo;
    repo.write("cfg.py", "a = 1\n");
    repo.commit_all("base");
    repo.write("cfg.py", "a = 1\n" + secret_line(fake_aws_key()));
    repo.git({"add", "cfg.py"});
    repo.write("cfg.py", "a = 1\n"); // the work tree no longer has it; the commit would

    auto staged = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(staged.exit_code, 1) << describe(staged);
    EXPECT_TRUE(contains(staged.out, "cfg.py:2:12:")) << describe(staged);

    auto worktree = repo.vigil({"scan", "--worktree"});
    EXPECT_EQ(worktree.exit_code, 0) << describe(worktree);
}

TEST(E2eStagedWorktree, StagedFileDeletedFromTheWorkTreeIsStillScanned) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.write("gone.py", secret_line(fake_aws_key()));
    repo.git({"add", "gone.py"});
    repo.remove("gone.py");
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "gone.py:1:12:")) << describe(r);
}

TEST(E2eStagedWorktree, ModeChangesAndPureRenamesAddNothing) {
    // A key already committed is history's business, not the next commit's.
    TempRepo repo;
    repo.write("k.sh", secret_line(fake_aws_key()));
    repo.write("m.py", secret_line(fake_aws_key(1)));
    repo.commit_all("base");
    repo.git({"update-index", "--chmod=+x", "k.sh"});
    repo.git({"mv", "m.py", "moved.py"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(E2eStagedWorktree, RenameWithAnAddedKeyReportsTheNewPath) {
    TempRepo repo;
    std::string body;
    for (int i = 0; i < 10; ++i) {
        body += "line " + std::to_string(i) + "\n";
    }
    repo.write("old name.py", body);
    repo.commit_all("base");
    repo.git({"mv", "old name.py", "new name.py"});
    repo.write("new name.py", body + secret_line(fake_aws_key()));
    repo.git({"add", "-A"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "new name.py:11:12:")) << describe(r);
    EXPECT_EQ(finding_count(r.out), 1u) << describe(r);
}

TEST(E2eStagedWorktree, SubmoduleIsSkippedWithANote) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    std::string head = repo.commit_all("base");
    repo.git({"update-index", "--add", "--cacheinfo", "160000," + head + ",vendor/lib"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "vendor/lib")) << describe(r);
}

TEST(E2eStagedWorktree, RunFromASubfolderGivesRepositoryRelativePaths) {
    TempRepo repo;
    repo.write("sub/deeper/k.py", secret_line(fake_aws_key()));
    repo.git({"add", "sub"});
    ProcessOptions opts;
    opts.cwd = (repo.path() / "sub" / "deeper").string();
    auto r = repo.vigil({"scan", "--staged"}, opts);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "sub/deeper/k.py:1:12:")) << describe(r);
}

TEST(E2eStagedWorktree, GitIndexFileFromTheEnvironmentIsRead) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    // An alternative index holding a key; the real index holds nothing new.
    repo.write("k.py", secret_line(fake_aws_key()));
    ProcessOptions alt;
    alt.env = {{"GIT_INDEX_FILE", (repo.path() / ".git" / "alt-index").string()}};
    ASSERT_EQ(repo.git_result({"read-tree", "HEAD"}, alt).exit_code, 0);
    ASSERT_EQ(repo.git_result({"add", "k.py"}, alt).exit_code, 0);

    auto plain = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(plain.exit_code, 0) << describe(plain);

    auto with_env = repo.vigil({"scan", "--staged"}, alt);
    EXPECT_EQ(with_env.exit_code, 1) << describe(with_env);
    EXPECT_TRUE(contains(with_env.out, "k.py:1:12:")) << describe(with_env);

    // Relative to the current folder, as git gives it to a pre-commit hook.
    ProcessOptions relative;
    relative.env = {{"GIT_INDEX_FILE", ".git/alt-index"}};
    auto rel = repo.vigil({"scan", "--staged"}, relative);
    EXPECT_EQ(rel.exit_code, 1) << describe(rel);
}

TEST(E2eStagedWorktree, MissingGitIndexFileIsAnEmptyIndexAsInGit) {
    TempRepo repo;
    repo.write("a.txt", secret_line(fake_aws_key()));
    repo.commit_all("base");
    ProcessOptions opts;
    opts.env = {{"GIT_INDEX_FILE", (repo.path() / ".git" / "no-such-index").string()}};
    // git reads a missing index as an empty one: every file of HEAD looks deleted.
    EXPECT_EQ(repo.git_result({"diff", "--cached", "--name-status"}, opts).out, "D\ta.txt\n");
    auto r = repo.vigil({"scan", "--staged"}, opts);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_FALSE(std::filesystem::exists(repo.path() / ".git" / "no-such-index"))
        << "vigil must never write the index";
}

} // namespace
} // namespace vigil::test
