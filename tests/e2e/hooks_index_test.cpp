// A real pre-commit hook running `vigil scan --staged` under real `git commit` invocations,
// each of which hands the hook a different index through GIT_INDEX_FILE
// (reference/hooks-and-patches.md §2.1).
#include "e2e.hpp"

#include <fstream>

namespace vigil::test {
namespace {
namespace fs = std::filesystem;

// Installs .git/hooks/pre-commit running the vigil under test.
void install_hook(const TempRepo& repo) {
    std::string hooks = repo.git({"rev-parse", "--git-path", "hooks"});
    fs::path dir = fs::path(hooks).is_absolute() ? fs::path(hooks) : repo.path() / hooks;
    fs::create_directories(dir);
    fs::path hook = dir / "pre-commit";
    {
        std::ofstream out(hook, std::ios::trunc);
        out << "#!/bin/sh\nexec '" << vigil_binary() << "' scan --staged\n";
    }
    fs::permissions(hook, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
}

// Two tracked files committed, the hook installed.
void prepare(const TempRepo& repo) {
    repo.write("a.txt", "alpha\n");
    repo.write("b.py", "beta = 1\n");
    repo.commit_all("base");
    install_hook(repo);
}

// vigil's report reaches the user through git's stderr (git sends hook stdout there too).
void expect_blocked(const TempRepo& repo, const ProcessResult& r, int commits_before,
                    const std::string& where) {
    EXPECT_NE(r.exit_code, 0) << describe(r);
    EXPECT_EQ(commit_count(repo), commits_before) << describe(r);
    EXPECT_TRUE(contains(r.out + r.err, where)) << describe(r);
    EXPECT_TRUE(contains(r.out + r.err, "aws-access-token")) << describe(r);
}

void expect_committed(const TempRepo& repo, const ProcessResult& r, int commits_before) {
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(commit_count(repo), commits_before + 1) << describe(r);
    EXPECT_FALSE(contains(r.out + r.err, "aws-access-token")) << describe(r);
}

TEST(E2eHooksIndex, PlainCommitWithAStagedKeyIsBlocked) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 1\n" + secret_line(fake_aws_key()));
    repo.git({"add", "b.py"});
    auto r = repo.git_result({"commit", "-m", "add key"});
    expect_blocked(repo, r, 1, "b.py:2:12:");
}

TEST(E2eHooksIndex, FirstCommitWithAKeyIsBlocked) {
    TempRepo repo;
    install_hook(repo);
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    auto r = repo.git_result({"commit", "-m", "first"});
    expect_blocked(repo, r, 0, "k.py:1:12:");
}

TEST(E2eHooksIndex, PlainCommitIgnoresAKeyOnlyInTheWorkTree) {
    TempRepo repo;
    prepare(repo);
    repo.write("a.txt", "alpha\nmore\n");
    repo.git({"add", "a.txt"});
    repo.write("b.py", "beta = 1\n" + secret_line(fake_aws_key())); // not staged
    auto r = repo.git_result({"commit", "-m", "clean"});
    expect_committed(repo, r, 1);
}

TEST(E2eHooksIndex, PlainCommitRespectsPartialStaging) {
    TempRepo repo;
    prepare(repo);
    // Staged: a clean line. Work tree: the key on top of it.
    repo.write("b.py", "beta = 1\ngamma = 2\n");
    repo.git({"add", "b.py"});
    repo.write("b.py", "beta = 1\ngamma = 2\n" + secret_line(fake_aws_key()));
    auto r = repo.git_result({"commit", "-m", "partial"});
    expect_committed(repo, r, 1);
    EXPECT_EQ(repo.git({"show", "HEAD:b.py"}), "beta = 1\ngamma = 2");
}

TEST(E2eHooksIndex, CommitAllSeesTrackedChangesThatAreNotStaged) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 1\n" + secret_line(fake_aws_key())); // modified, not staged
    auto r = repo.git_result({"commit", "-a", "-m", "all"});
    expect_blocked(repo, r, 1, "b.py:2:12:");
}

TEST(E2eHooksIndex, CommitAllWithCleanChangesPasses) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 2\n");
    auto r = repo.git_result({"commit", "-a", "-m", "all"});
    expect_committed(repo, r, 1);
}

TEST(E2eHooksIndex, CommitAllLeavesUntrackedFilesOut) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 2\n");
    repo.write("untracked.py", secret_line(fake_aws_key())); // -a does not add it
    auto r = repo.git_result({"commit", "-a", "-m", "all tracked"});
    expect_committed(repo, r, 1);
}

TEST(E2eHooksIndex, AmendWithAStagedKeyIsBlocked) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 1\n" + secret_line(fake_aws_key()));
    repo.git({"add", "b.py"});
    std::string before = repo.git({"rev-parse", "HEAD"});
    auto r = repo.git_result({"commit", "--amend", "-m", "amended"});
    EXPECT_NE(r.exit_code, 0) << describe(r);
    EXPECT_EQ(repo.git({"rev-parse", "HEAD"}), before);
    EXPECT_TRUE(contains(r.err, "b.py:2:12:")) << describe(r);
}

TEST(E2eHooksIndex, CommitOfOnePathIgnoresAnotherStagedFileWithAKey) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 1\n" + secret_line(fake_aws_key()));
    repo.git({"add", "b.py"}); // staged, but not part of this commit
    repo.write("a.txt", "alpha\nclean change\n");
    auto r = repo.git_result({"commit", "-m", "only a", "--", "a.txt"});
    expect_committed(repo, r, 1);
    EXPECT_EQ(repo.git({"show", "--name-only", "--format=", "HEAD"}), "a.txt");
    // b.py stays staged for a later commit.
    EXPECT_EQ(repo.git({"diff", "--cached", "--name-only"}), "b.py");
}

TEST(E2eHooksIndex, CommitOfOnePathWithAKeyIsBlockedWhileAnotherCleanFileIsStaged) {
    TempRepo repo;
    prepare(repo);
    repo.write("a.txt", "alpha\nclean change\n");
    repo.git({"add", "a.txt"});
    repo.write("b.py", "beta = 1\n" + secret_line(fake_aws_key())); // not staged
    auto r = repo.git_result({"commit", "-m", "only b", "--", "b.py"});
    expect_blocked(repo, r, 1, "b.py:2:12:");
}

TEST(E2eHooksIndex, NoVerifyBypassesTheHook) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 1\n" + secret_line(fake_aws_key()));
    repo.git({"add", "b.py"});
    auto r = repo.git_result({"commit", "--no-verify", "-m", "forced"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(commit_count(repo), 2);
}

TEST(E2eHooksIndex, CommitFromASubfolderIsBlocked) {
    TempRepo repo;
    prepare(repo);
    repo.write("sub/k.py", secret_line(fake_aws_key()));
    repo.git({"add", "sub/k.py"});
    ProcessOptions opts;
    opts.cwd = (repo.path() / "sub").string();
    auto r = repo.git_result({"commit", "-m", "from sub"}, opts);
    expect_blocked(repo, r, 1, "sub/k.py:1:12:");
}

// A linked worktree: the hook gets GIT_DIR=.git/worktrees/<name> and that worktree's index.
class E2eHooksLinkedWorktree : public ::testing::Test {
protected:
    void SetUp() override {
        prepare(repo);
        wt = repo.path().parent_path() / "linked wt";
        repo.git({"worktree", "add", "-q", "-b", "side", wt.string()});
        in_wt.cwd = wt.string();
    }

    ProcessResult git_wt(const std::vector<std::string>& args) const {
        return repo.git_result(args, in_wt);
    }

    void write_wt(const std::string& rel, const std::string& content) const {
        fs::create_directories((wt / rel).parent_path());
        std::ofstream(wt / rel, std::ios::binary | std::ios::trunc) << content;
    }

    int wt_commit_count() const {
        auto r = git_wt({"rev-list", "--count", "HEAD"});
        return r.exit_code == 0 ? std::stoi(r.out) : -1;
    }

    TempRepo repo;
    fs::path wt;
    ProcessOptions in_wt;
};

TEST_F(E2eHooksLinkedWorktree, KeyStagedInTheWorktreeIsBlocked) {
    write_wt("wt.py", secret_line(fake_aws_key()));
    ASSERT_EQ(git_wt({"add", "wt.py"}).exit_code, 0);
    auto r = git_wt({"commit", "-m", "in worktree"});
    EXPECT_NE(r.exit_code, 0) << describe(r);
    EXPECT_EQ(wt_commit_count(), 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "wt.py:1:12:")) << describe(r);
}

TEST_F(E2eHooksLinkedWorktree, TheMainIndexDoesNotLeakIntoTheWorktreeCommit) {
    // The main work tree has a key staged; the linked worktree commits a clean change.
    repo.write("main-only.py", secret_line(fake_aws_key()));
    repo.git({"add", "main-only.py"});
    write_wt("clean.txt", "clean\n");
    ASSERT_EQ(git_wt({"add", "clean.txt"}).exit_code, 0);
    auto r = git_wt({"commit", "-m", "clean in worktree"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(wt_commit_count(), 2) << describe(r);
}

TEST_F(E2eHooksLinkedWorktree, TheWorktreeIndexDoesNotLeakIntoTheMainCommit) {
    write_wt("wt.py", secret_line(fake_aws_key()));
    ASSERT_EQ(git_wt({"add", "wt.py"}).exit_code, 0);
    repo.write("a.txt", "alpha\nclean\n");
    repo.git({"add", "a.txt"});
    auto r = repo.git_result({"commit", "-m", "clean in main"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(commit_count(repo), 2) << describe(r);
}

TEST_F(E2eHooksLinkedWorktree, CommitAllInTheWorktreeIsBlocked) {
    write_wt("b.py", "beta = 1\n" + secret_line(fake_aws_key()));
    auto r = git_wt({"commit", "-a", "-m", "all in worktree"});
    EXPECT_NE(r.exit_code, 0) << describe(r);
    EXPECT_EQ(wt_commit_count(), 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "b.py:2:12:")) << describe(r);
}

TEST_F(E2eHooksLinkedWorktree, StagedScanRunByHandInTheWorktree) {
    write_wt("wt.py", secret_line(fake_aws_key()));
    ASSERT_EQ(git_wt({"add", "wt.py"}).exit_code, 0);
    auto r = repo.vigil({"scan", "--staged"}, in_wt);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "wt.py:1:12:")) << describe(r);
    auto main_scan = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(main_scan.exit_code, 0) << describe(main_scan);
}

} // namespace
} // namespace vigil::test
