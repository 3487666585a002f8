// The pre-commit hook vigil installs, run by real `git commit`: what blocks, what only warns,
// the bypasses, and what never blocks by itself (a bad repository config, a model that does not
// answer, a bad [hooks] setting).
#include "hook_e2e.hpp"

namespace vigil::test {
namespace {

// A committed file and vigil's pre-commit hook.
void prepare(const TempRepo& repo) {
    repo.write("a.txt", "alpha\n");
    repo.commit_all("base");
    ASSERT_EQ(install_hooks(repo, {"--pre-commit"}).exit_code, 0);
}

void stage_secret(const TempRepo& repo) {
    repo.write("k.py", "x = 1\n" + secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
}

TEST(E2eHookCommit, ACommitWithASecretIsBlockedWithItsFrameAndTheWayOut) {
    TempRepo repo;
    prepare(repo);
    stage_secret(repo);
    auto r = commit(repo, "key");
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(commit_count(repo), 1);
    std::string all = r.out + r.err; // git shows the hook's stdout on its stderr
    EXPECT_TRUE(contains(all, "k.py:2:12: error:")) << all;
    EXPECT_TRUE(contains(all, "[aws-access-token]")) << all;
    EXPECT_TRUE(contains(all, "  2 | aws_key = \"AKIA")) << all; // the code frame, masked
    EXPECT_FALSE(contains(all, fake_aws_key())) << all;
    EXPECT_TRUE(contains(all, "pre-commit: commit blocked by 1 error-level finding")) << all;
    EXPECT_TRUE(contains(all, "git commit --no-verify")) << all;
    EXPECT_TRUE(contains(all, "VIGIL_SKIP=1 git commit")) << all;
    EXPECT_TRUE(contains(all, "vigil:allow")) << all;
    EXPECT_TRUE(contains(all, "vigil baseline create")) << all;
}

TEST(E2eHookCommit, ACleanCommitPassesAndSaysNothing) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 2\n");
    repo.git({"add", "b.py"});
    auto r = commit(repo, "clean");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(commit_count(repo), 2);
    EXPECT_FALSE(contains(r.err, "vigil")) << r.err;
}

TEST(E2eHookCommit, OnlyTheIndexIsScannedNotTheWorkTree) {
    TempRepo repo;
    prepare(repo);
    repo.write("b.py", "beta = 2\n");
    repo.git({"add", "b.py"});
    repo.write("b.py", "beta = 2\n" + secret_line(fake_aws_key())); // not staged
    auto r = commit(repo, "partial");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST(E2eHookCommit, WarningsAreShownButDoNotBlock) {
    TempRepo repo;
    prepare(repo);
    repo.write("run.py", "import subprocess\nsubprocess.run(cmd, shell=True)\n");
    repo.git({"add", "run.py"});
    auto r = commit(repo, "shell");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(commit_count(repo), 2);
    EXPECT_TRUE(contains(r.err, "run.py:2:")) << r.err;
    EXPECT_TRUE(contains(r.err, "none blocks the commit")) << r.err;
}

TEST(E2eHookCommit, VigilSkipAndNoVerifyLetItThrough) {
    TempRepo repo;
    prepare(repo);
    stage_secret(repo);
    auto skipped = commit(repo, "skip", {{"VIGIL_SKIP", "1"}});
    EXPECT_EQ(skipped.exit_code, 0) << describe(skipped);
    EXPECT_TRUE(contains(skipped.err, "VIGIL_SKIP is set")) << skipped.err;
    repo.write("k2.py", secret_line(fake_aws_key(3)));
    repo.git({"add", "k2.py"});
    auto no_verify = repo.git_result({"commit", "--no-verify", "-m", "nv"}, hook_env(repo));
    EXPECT_EQ(no_verify.exit_code, 0) << describe(no_verify);
    EXPECT_EQ(commit_count(repo), 3);
}

TEST(E2eHookCommit, AnInlineAllowLetsTheLineThrough) {
    TempRepo repo;
    prepare(repo);
    repo.write("k.py", "aws_key = \"" + fake_aws_key() + "\"  # vigil:allow test fixture\n");
    repo.git({"add", "k.py"});
    auto r = commit(repo, "allowed");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST(E2eHookCommit, ABadRepositoryRuleFileIsOneLineAndTheBuiltInRulesStillBlock) {
    TempRepo repo;
    prepare(repo);
    repo.write(".vigil.toml", "[[rules]]\nid = \"broken\"\nregex = \"(\"\n");
    stage_secret(repo);
    auto r = commit(repo, "key");
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "checking with the built-in rules")) << r.err;
    EXPECT_TRUE(contains(r.err, "k.py:2:12: error:")) << r.err;
    repo.git({"rm", "-q", "--cached", "k.py"});
    repo.write("b.py", "beta = 2\n");
    repo.git({"add", "b.py"});
    auto ok = commit(repo, "clean");
    EXPECT_EQ(ok.exit_code, 0) << describe(ok);
    EXPECT_EQ(line_count(ok.err), 1u) << ok.err; // the one line about the rule file
}

TEST(E2eHookCommit, AConfiguredModelThatDoesNotAnswerNeverBlocks) {
    TempRepo repo;
    prepare(repo);
    write_user_config(repo, "[hooks]\nreview_on_commit = true\ncommit_budget = \"5s\"\n");
    repo.write("b.py", "beta = 2\n");
    repo.git({"add", "b.py"});
    auto r = commit(repo, "clean"); // OLLAMA_HOST points at a closed port
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "no model review:")) << r.err;
    EXPECT_EQ(line_count(r.err), 1u) << r.err;
    stage_secret(repo);
    EXPECT_EQ(commit(repo, "key").exit_code, 1);
}

TEST(E2eHookCommit, ABadHooksSettingIsOneLineAndTheCommitIsStillChecked) {
    TempRepo repo;
    prepare(repo);
    write_user_config(repo, "[hooks]\nreview_on_commit = \"yes\"\n");
    stage_secret(repo);
    auto r = commit(repo, "key");
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "hooks.review_on_commit must be true or false")) << r.err;
    EXPECT_TRUE(contains(r.err, "using the default [hooks] settings")) << r.err;
}

TEST(E2eHookCommit, BadModelSettingsWithReviewOnCommitStillLeaveTheRulesToDecide) {
    TempRepo repo;
    prepare(repo);
    write_user_config(repo, "[hooks]\nreview_on_commit = true\n[llm]\nbudget = \"soon\"\n");
    stage_secret(repo);
    auto r = commit(repo, "key");
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "no model review, the rules ran as usual")) << r.err;
    EXPECT_TRUE(contains(r.err, "k.py:2:12: error:")) << r.err;
}

} // namespace
} // namespace vigil::test
