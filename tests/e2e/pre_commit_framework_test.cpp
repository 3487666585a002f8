// vigil's .pre-commit-hooks.yaml under the real pre-commit framework (Debian 12 ships 3.0.4):
// a consumer repository names a local copy of this repository's manifest, `pre-commit install`
// writes git's hooks, and real `git commit` / `git push` run vigil-scan and vigil-review.
// Nothing is fetched: the hook repository is a local path and vigil is found on PATH.
#include "hook_e2e.hpp"

#include <cstdlib>

namespace vigil::test {
namespace {
namespace fs = std::filesystem;

struct Framework {
    TempRepo hooks_repo;
    TempRepo repo;
    TempRepo remote{TempRepo::Options{.bare = true}};
    ProcessOptions env;

    Framework() {
        fs::copy_file(fs::path(VIGIL_SOURCE_DIR) / ".pre-commit-hooks.yaml",
                      hooks_repo.path() / ".pre-commit-hooks.yaml");
        std::string rev = hooks_repo.commit_all("hooks");
        repo.write(".pre-commit-config.yaml", "repos:\n-   repo: " + hooks_repo.path().string() +
                                                  "\n    rev: " + rev +
                                                  "\n    hooks:\n    -   id: vigil-scan\n"
                                                  "    -   id: vigil-review\n");
        repo.write("a.txt", "alpha\n");
        repo.commit_all("base");
        repo.git({"remote", "add", "origin", remote.path().string()});
        repo.git({"push", "-q", "origin", "main"});
        env = hook_env(repo);
        // language: system finds vigil on PATH; the framework's cache stays in the test.
        const char* path = std::getenv("PATH");
        env.env.push_back({"PATH", fs::path(vigil_binary()).parent_path().string() + ":" +
                                       (path ? path : "/usr/bin:/bin")});
        env.env.push_back({"PRE_COMMIT_HOME", (repo.home() / "pre-commit").string()});
    }

    ProcessResult run(std::vector<std::string> argv) { return repo.git_result(argv, env); }

    ProcessResult pre_commit(std::vector<std::string> args) {
        std::vector<std::string> argv = {"pre-commit"};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessOptions o = env;
        o.cwd = repo.path().string();
        auto full = repo.base_env();
        o.env.insert(o.env.begin(), full.begin(), full.end());
        return run_process(argv, o);
    }
};

bool have_pre_commit() {
    return run_process({"pre-commit", "--version"}).exit_code == 0;
}

TEST(E2ePreCommitFramework, TheManifestIsValid) {
    if (!have_pre_commit()) {
        GTEST_SKIP() << "pre-commit is not installed (scripts/install-deps.sh installs it)";
    }
    auto r = run_process({"pre-commit", "validate-manifest",
                          std::string(VIGIL_SOURCE_DIR) + "/.pre-commit-hooks.yaml"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST(E2ePreCommitFramework, VigilScanBlocksASecretAndPassesACleanCommit) {
    if (!have_pre_commit()) {
        GTEST_SKIP() << "pre-commit is not installed (scripts/install-deps.sh installs it)";
    }
    Framework f;
    auto installed = f.pre_commit({"install", "--hook-type", "pre-commit"});
    ASSERT_EQ(installed.exit_code, 0) << describe(installed);
    f.repo.write("k.py", secret_line(fake_aws_key()));
    f.repo.git({"add", "k.py"});
    auto blocked = f.run({"commit", "-m", "key"});
    EXPECT_EQ(blocked.exit_code, 1) << describe(blocked);
    std::string all = blocked.out + blocked.err;
    EXPECT_TRUE(contains(all, "- hook id: vigil-scan")) << all;
    EXPECT_TRUE(contains(all, "k.py:1:12: error:")) << all;
    EXPECT_EQ(commit_count(f.repo), 1);

    f.repo.git({"rm", "-q", "--cached", "k.py"});
    f.repo.remove("k.py");
    f.repo.write("b.txt", "beta\n");
    f.repo.git({"add", "b.txt"});
    auto ok = f.run({"commit", "-m", "clean"});
    EXPECT_EQ(ok.exit_code, 0) << describe(ok);
    EXPECT_TRUE(contains(ok.out + ok.err, "Passed")) << describe(ok);
    EXPECT_EQ(commit_count(f.repo), 2);
}

TEST(E2ePreCommitFramework, VigilReviewBlocksAPushedSecretAndLetsACleanPushGo) {
    if (!have_pre_commit()) {
        GTEST_SKIP() << "pre-commit is not installed (scripts/install-deps.sh installs it)";
    }
    Framework f;
    auto installed = f.pre_commit({"install", "--hook-type", "pre-push"});
    ASSERT_EQ(installed.exit_code, 0) << describe(installed);
    f.repo.git({"checkout", "-q", "-b", "feature"});
    f.repo.write("k.py", secret_line(fake_aws_key()));
    f.repo.git({"add", "k.py"});
    f.repo.git({"commit", "-q", "--no-verify", "-m", "key"});
    auto blocked = f.run({"push", "origin", "feature"});
    EXPECT_NE(blocked.exit_code, 0) << describe(blocked);
    std::string all = blocked.out + blocked.err;
    EXPECT_TRUE(contains(all, "- hook id: vigil-review")) << all;
    EXPECT_TRUE(contains(all, "push blocked by 1 secret")) << all;

    f.repo.git({"checkout", "-q", "main"});
    f.repo.write("b.txt", "beta\n");
    f.repo.git({"add", "b.txt"});
    f.repo.git({"commit", "-q", "--no-verify", "-m", "clean"});
    auto ok = f.run({"push", "origin", "main"});
    EXPECT_EQ(ok.exit_code, 0) << describe(ok);
}

} // namespace
} // namespace vigil::test
