// `vigil hook install` and `vigil hook uninstall` on real repositories: where the shims go
// (core.hooksPath, linked worktrees), what happens to a hook that was there, and that git then
// really runs them.
#include "hook_e2e.hpp"

namespace vigil::test {
namespace {
namespace fs = std::filesystem;

const std::string k_previous_hook = "echo \"previous ran: $*\" >> \"$(git rev-parse "
                                    "--git-common-dir)/previous.log\"\nexit 0\n";

void base_commit(const TempRepo& repo) {
    repo.write("a.txt", "alpha\n");
    repo.commit_all("base");
}

bool is_executable(const fs::path& p) {
    return (fs::status(p).permissions() & fs::perms::owner_exec) != fs::perms::none;
}

TEST(E2eHookInstall, WritesBothShimsIntoTheGitDirHooksFolder) {
    TempRepo repo;
    auto r = install_hooks(repo);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    fs::path dir = git_hooks_dir(repo);
    EXPECT_EQ(dir, (repo.path() / ".git" / "hooks").lexically_normal());
    for (const char* hook : {"pre-commit", "pre-push"}) {
        std::string text = read_file(dir / hook);
        EXPECT_TRUE(text.starts_with("#!/bin/sh\n")) << text;
        EXPECT_TRUE(contains(text, "vigil-hook-shim")) << text;
        EXPECT_TRUE(contains(text, "'" + vigil_binary() + "'")) << text; // this binary runs
        EXPECT_TRUE(contains(text, "hook run " + std::string(hook))) << text;
        EXPECT_TRUE(is_executable(dir / hook));
        EXPECT_TRUE(contains(r.out, std::string(hook) + ": installed")) << r.out;
    }
}

TEST(E2eHookInstall, ASecondInstallChangesNothing) {
    TempRepo repo;
    ASSERT_EQ(install_hooks(repo).exit_code, 0);
    fs::path dir = git_hooks_dir(repo);
    std::string before = read_file(dir / "pre-commit");
    auto again = install_hooks(repo);
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_TRUE(contains(again.out, "pre-commit: already installed")) << again.out;
    EXPECT_TRUE(contains(again.out, "pre-push: already installed")) << again.out;
    EXPECT_EQ(read_file(dir / "pre-commit"), before);
    EXPECT_FALSE(fs::exists(dir / "pre-commit.vigil-previous")); // its own shim is not kept
}

TEST(E2eHookInstall, OnlyTheHookAskedFor) {
    TempRepo repo;
    auto r = install_hooks(repo, {"--pre-commit"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(fs::exists(git_hooks_dir(repo) / "pre-commit"));
    EXPECT_FALSE(fs::exists(git_hooks_dir(repo) / "pre-push"));
}

TEST(E2eHookInstall, AnExistingHookIsKeptChainedAndRestored) {
    TempRepo repo;
    base_commit(repo);
    fs::path dir = git_hooks_dir(repo);
    write_script(dir / "pre-commit", k_previous_hook);
    std::string original = read_file(dir / "pre-commit");
    auto r = install_hooks(repo, {"--pre-commit"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "pre-commit.vigil-previous")) << r.out;
    EXPECT_EQ(read_file(dir / "pre-commit.vigil-previous"), original);

    repo.write("a.txt", "alpha\nbeta\n");
    repo.git({"add", "a.txt"});
    auto ok = commit(repo, "clean");
    EXPECT_EQ(ok.exit_code, 0) << describe(ok);
    EXPECT_EQ(read_file(repo.path() / ".git" / "previous.log"), "previous ran: \n");

    // A blocked commit stops before the previous hook.
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    EXPECT_EQ(commit(repo, "key").exit_code, 1);
    EXPECT_EQ(read_file(repo.path() / ".git" / "previous.log"), "previous ran: \n");

    auto u = repo.vigil({"hook", "uninstall"}, hook_env(repo));
    ASSERT_EQ(u.exit_code, 0) << describe(u);
    EXPECT_TRUE(contains(u.out, "pre-commit: restored")) << u.out;
    EXPECT_TRUE(contains(u.out, "pre-push: not installed")) << u.out;
    EXPECT_EQ(read_file(dir / "pre-commit"), original);
    EXPECT_TRUE(is_executable(dir / "pre-commit"));
    EXPECT_FALSE(fs::exists(dir / "pre-commit.vigil-previous"));
}

TEST(E2eHookInstall, ForceReplacesAnExistingHookButKeepsIt) {
    TempRepo repo;
    base_commit(repo);
    fs::path dir = git_hooks_dir(repo);
    write_script(dir / "pre-commit", "echo always fails >&2\nexit 1\n");
    std::string original = read_file(dir / "pre-commit");
    ASSERT_EQ(install_hooks(repo, {"--pre-commit", "--force"}).exit_code, 0);
    EXPECT_EQ(read_file(dir / "pre-commit.vigil-replaced"), original);
    repo.write("a.txt", "alpha\nbeta\n");
    repo.git({"add", "a.txt"});
    auto ok = commit(repo, "clean");
    EXPECT_EQ(ok.exit_code, 0) << describe(ok); // the replaced hook no longer runs
    ASSERT_EQ(repo.vigil({"hook", "uninstall"}, hook_env(repo)).exit_code, 0);
    EXPECT_EQ(read_file(dir / "pre-commit"), original);
    EXPECT_FALSE(fs::exists(dir / "pre-commit.vigil-replaced"));
}

TEST(E2eHookInstall, RefusesWhenABackupIsAlreadyThere) {
    TempRepo repo;
    fs::path dir = git_hooks_dir(repo);
    write_script(dir / "pre-commit", "exit 0\n");
    write_script(dir / "pre-commit.vigil-previous", "exit 0\n");
    auto r = install_hooks(repo, {"--pre-commit"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "pre-commit.vigil-previous already exists")) << r.err;
    EXPECT_EQ(read_file(dir / "pre-commit"), "#!/bin/sh\nexit 0\n");
}

TEST(E2eHookInstall, UninstallLeavesAForeignHookAlone) {
    TempRepo repo;
    fs::path dir = git_hooks_dir(repo);
    write_script(dir / "pre-push", "exit 0\n");
    auto u = repo.vigil({"hook", "uninstall"}, hook_env(repo));
    EXPECT_EQ(u.exit_code, 0) << describe(u);
    EXPECT_TRUE(contains(u.out, "is not vigil's; left as it is")) << u.out;
    EXPECT_EQ(read_file(dir / "pre-push"), "#!/bin/sh\nexit 0\n");
}

TEST(E2eHookInstall, HonoursARelativeCoreHooksPath) {
    TempRepo repo;
    base_commit(repo);
    repo.git({"config", "core.hooksPath", ".githooks"});
    write_script(repo.path() / ".githooks" / "pre-commit", k_previous_hook);
    auto r = install_hooks(repo, {"--pre-commit"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(git_hooks_dir(repo), (repo.path() / ".githooks").lexically_normal());
    EXPECT_TRUE(contains(read_file(repo.path() / ".githooks" / "pre-commit"), "vigil-hook-shim"));
    EXPECT_FALSE(fs::exists(repo.path() / ".git" / "hooks" / "pre-commit"));

    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    auto blocked = commit(repo, "key");
    EXPECT_EQ(blocked.exit_code, 1) << describe(blocked); // git ran the shim from .githooks
    EXPECT_EQ(commit_count(repo), 1);
    repo.git({"rm", "-q", "--cached", "k.py"});
    repo.write("a.txt", "alpha\nbeta\n");
    repo.git({"add", "a.txt"});
    EXPECT_EQ(commit(repo, "clean").exit_code, 0);
    EXPECT_EQ(read_file(repo.path() / ".git" / "previous.log"), "previous ran: \n");

    ASSERT_EQ(repo.vigil({"hook", "uninstall"}, hook_env(repo)).exit_code, 0);
    EXPECT_FALSE(contains(read_file(repo.path() / ".githooks" / "pre-commit"), "vigil"));
}

TEST(E2eHookInstall, HonoursAnAbsoluteCoreHooksPathThatDoesNotExistYet) {
    TempRepo repo;
    TempDir shared;
    fs::path dir = shared.path() / "team-hooks";
    repo.git({"config", "core.hooksPath", dir.string()});
    ASSERT_EQ(install_hooks(repo).exit_code, 0);
    EXPECT_TRUE(contains(read_file(dir / "pre-push"), "vigil-hook-shim"));
    auto u = repo.vigil({"hook", "uninstall"}, hook_env(repo));
    EXPECT_EQ(u.exit_code, 0) << describe(u);
    EXPECT_FALSE(fs::exists(dir / "pre-push"));
    EXPECT_FALSE(fs::exists(dir / "pre-commit"));
}

TEST(E2eHookInstall, FromALinkedWorktreeTheSharedHooksFolderIsUsed) {
    TempRepo repo;
    base_commit(repo);
    fs::path wt = repo.path().parent_path() / "wt";
    repo.git({"worktree", "add", "-q", "-b", "side", wt.string()});
    auto r = install_hooks(repo, {"--pre-commit"}, wt);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(fs::exists(repo.path() / ".git" / "hooks" / "pre-commit"));
    EXPECT_EQ(git_hooks_dir(repo, wt), (repo.path() / ".git" / "hooks").lexically_normal());

    ProcessOptions o = hook_env(repo);
    o.cwd = wt.string();
    std::ofstream(wt / "k.py") << secret_line(fake_aws_key());
    ASSERT_EQ(repo.git_result({"add", "k.py"}, o).exit_code, 0);
    auto blocked = repo.git_result({"commit", "-m", "key"}, o);
    EXPECT_EQ(blocked.exit_code, 1) << describe(blocked);
    EXPECT_TRUE(contains(blocked.err, "k.py:1:12:")) << describe(blocked);
    ASSERT_EQ(repo.git_result({"rm", "-q", "--cached", "k.py"}, o).exit_code, 0);
    std::ofstream(wt / "b.txt") << "beta\n";
    ASSERT_EQ(repo.git_result({"add", "b.txt"}, o).exit_code, 0);
    auto ok = repo.git_result({"commit", "-m", "clean"}, o);
    EXPECT_EQ(ok.exit_code, 0) << describe(ok);
}

TEST(E2eHookInstall, AShimWhoseVigilIsGoneLetsTheCommitThrough) {
    TempRepo repo;
    base_commit(repo);
    ASSERT_EQ(install_hooks(repo, {"--pre-commit"}).exit_code, 0);
    fs::path shim = git_hooks_dir(repo) / "pre-commit";
    std::string text = read_file(shim);
    std::string quoted = "'" + vigil_binary() + "'";
    text.replace(text.find(quoted), quoted.size(), "'/nonexistent/vigil'");
    std::ofstream(shim, std::ios::trunc) << text;
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    auto r = commit(repo, "no vigil", {{"PATH", "/usr/bin:/bin"}});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "vigil: warning: vigil not found")) << r.err;
}

TEST(E2eHookInstall, AVigilThatFailsLetsTheCommitThroughWithAWarning) {
    TempRepo repo;
    base_commit(repo);
    ASSERT_EQ(install_hooks(repo, {"--pre-commit"}).exit_code, 0);
    fs::path broken = repo.home() / "old-vigil";
    write_script(broken, "echo \"unknown command 'hook'\" >&2\nexit 2\n");
    fs::path shim = git_hooks_dir(repo) / "pre-commit";
    std::string text = read_file(shim);
    std::string quoted = "'" + vigil_binary() + "'";
    text.replace(text.find(quoted), quoted.size(), "'" + broken.string() + "'");
    std::ofstream(shim, std::ios::trunc) << text;
    repo.write("b.txt", "beta\n");
    repo.git({"add", "b.txt"});
    auto r = commit(repo, "old vigil");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "failed (exit 2); the commit was not checked")) << r.err;
}

} // namespace
} // namespace vigil::test
