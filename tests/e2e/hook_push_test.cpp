// The pre-push hook vigil installs, run by real `git push` to a bare repository: new branches,
// updates, deletions and force-pushes; only secrets block; the previous hook gets git's lines.
#include "hook_e2e.hpp"
#include "support/fake_ollama.hpp"

namespace vigil::test {
namespace {
namespace fs = std::filesystem;

// A repository with `origin` (bare, in its own temp dir) holding main, and vigil's pre-push.
struct Pushing {
    TempRepo repo;
    TempRepo remote{TempRepo::Options{.bare = true}};

    Pushing() {
        repo.write("a.py", "alpha = 1\n");
        repo.commit_all("base");
        repo.git({"remote", "add", "origin", remote.path().string()});
        repo.git({"push", "-q", "origin", "main"});
        EXPECT_EQ(install_hooks(repo, {"--pre-push"}).exit_code, 0);
    }

    // Commits without running hooks: what reaches the push is the point.
    void commit_file(const std::string& path, const std::string& text) {
        repo.write(path, text);
        repo.git({"add", "-A"});
        repo.git({"commit", "-q", "--no-verify", "-m", "change " + path});
    }

    ProcessResult push(std::vector<std::string> args, ProcessOptions o = {}) {
        if (o.env.empty()) {
            o = hook_env(repo);
        }
        args.insert(args.begin(), "push");
        return repo.git_result(args, o);
    }

    bool remote_has(const std::string& ref) {
        return remote.git_result({"rev-parse", "--verify", "-q", ref}).exit_code == 0;
    }
};

TEST(E2eHookPush, ANewBranchWithASecretIsBlocked) {
    Pushing p;
    p.repo.git({"checkout", "-q", "-b", "feature"});
    p.commit_file("k.py", secret_line(fake_aws_key()));
    auto r = p.push({"origin", "feature"});
    EXPECT_NE(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(p.remote_has("refs/heads/feature"));
    EXPECT_TRUE(contains(r.err, "refs/heads/feature (new): 1 commit")) << r.err;
    EXPECT_TRUE(contains(r.err, "k.py:1:12: error:")) << r.err;
    EXPECT_TRUE(contains(r.err, "push blocked by 1 secret")) << r.err;
    EXPECT_TRUE(contains(r.err, "git push --no-verify")) << r.err;
}

TEST(E2eHookPush, ANewBranchReviewsOnlyWhatTheRemoteLacks) {
    Pushing p;
    p.commit_file("old.py", secret_line(fake_aws_key())); // on main, pushed before the hook ran
    ASSERT_EQ(p.repo.git_result({"push", "--no-verify", "-q", "origin", "main"}).exit_code, 0);
    p.repo.git({"checkout", "-q", "-b", "feature"});
    p.commit_file("b.py", "beta = 2\n");
    p.commit_file("c.py", "gamma = 3\n");
    auto r = p.push({"origin", "feature"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(p.remote_has("refs/heads/feature"));
    EXPECT_TRUE(contains(r.err, "(new): 2 commits")) << r.err;
    EXPECT_FALSE(contains(r.err, "old.py")) << r.err;
}

TEST(E2eHookPush, AnUpdateReviewsTheNewCommitsOnly) {
    Pushing p;
    p.commit_file("old.py", secret_line(fake_aws_key()));
    ASSERT_EQ(p.repo.git_result({"push", "--no-verify", "-q", "origin", "main"}).exit_code, 0);
    p.commit_file("b.py", "beta = 2\n");
    auto clean = p.push({"origin", "main"});
    EXPECT_EQ(clean.exit_code, 0) << describe(clean);
    EXPECT_TRUE(contains(clean.err, "refs/heads/main (update): 1 commit")) << clean.err;
    EXPECT_FALSE(contains(clean.err, "old.py")) << clean.err;

    p.commit_file("k.py", secret_line(fake_aws_key(5)));
    auto blocked = p.push({"origin", "main"});
    EXPECT_NE(blocked.exit_code, 0) << describe(blocked);
    EXPECT_TRUE(contains(blocked.err, "k.py:1:12: error:")) << blocked.err;
}

TEST(E2eHookPush, ASecretAddedAndDeletedWithinThePushStillBlocks) {
    Pushing p;
    p.commit_file("k.py", secret_line(fake_aws_key()));
    p.repo.remove("k.py");
    p.repo.git({"add", "-A"});
    p.repo.git({"commit", "-q", "--no-verify", "-m", "oops, deleted"});
    auto r = p.push({"origin", "main"});
    EXPECT_NE(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "k.py:1:12: error:")) << r.err;
    EXPECT_TRUE(contains(r.err, "(commit ")) << r.err; // named by the commit that has it
}

TEST(E2eHookPush, OtherFindingsWarnWithoutBlocking) {
    Pushing p;
    p.commit_file("run.py", "import subprocess\nsubprocess.run(cmd, shell=True)\n");
    auto r = p.push({"origin", "main"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "run.py:2:")) << r.err;
    EXPECT_TRUE(contains(r.err, "only secrets block a push")) << r.err;
}

TEST(E2eHookPush, ADeletedBranchHasNothingToReview) {
    Pushing p;
    p.repo.git({"push", "-q", "--no-verify", "origin", "main:gone"});
    ASSERT_TRUE(p.remote_has("refs/heads/gone"));
    auto r = p.push({"origin", "--delete", "gone"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(p.remote_has("refs/heads/gone"));
    EXPECT_TRUE(contains(r.err, "refs/heads/gone: deleted; nothing to review")) << r.err;
}

TEST(E2eHookPush, AForcePushReviewsTheRewrittenCommits) {
    Pushing p;
    p.commit_file("b.py", "beta = 2\n");
    ASSERT_EQ(p.push({"-q", "origin", "main"}).exit_code, 0);
    p.repo.write("b.py", "beta = 2\n" + secret_line(fake_aws_key()));
    p.repo.git({"add", "-A"});
    p.repo.git({"commit", "-q", "--amend", "--no-verify", "-m", "rewritten"});
    auto blocked = p.push({"-f", "origin", "main"});
    EXPECT_NE(blocked.exit_code, 0) << describe(blocked);
    EXPECT_TRUE(contains(blocked.err, "(force-push): 1 commit")) << blocked.err;
    EXPECT_TRUE(contains(blocked.err, "b.py:2:12: error:")) << blocked.err;

    p.repo.write("b.py", "beta = 3\n");
    p.repo.git({"add", "-A"});
    p.repo.git({"commit", "-q", "--amend", "--no-verify", "-m", "rewritten again"});
    auto ok = p.push({"-f", "origin", "main"});
    EXPECT_EQ(ok.exit_code, 0) << describe(ok);
}

TEST(E2eHookPush, ThePreviousHookGetsTheSameArgumentsAndLines) {
    TempRepo probe; // only for its temp dir
    Pushing p;
    ASSERT_EQ(p.repo.vigil({"hook", "uninstall"}, hook_env(p.repo)).exit_code, 0);
    fs::path dir = git_hooks_dir(p.repo);
    fs::path log = probe.path() / "previous.log";
    write_script(dir / "pre-push",
                 "echo \"$1 $2\" > '" + log.string() + "'\ncat >> '" + log.string() + "'\n");
    ASSERT_EQ(install_hooks(p.repo, {"--pre-push"}).exit_code, 0);
    p.commit_file("b.py", "beta = 2\n");
    std::string head = p.repo.git({"rev-parse", "HEAD"});
    std::string before = p.repo.git({"rev-parse", "origin/main"});
    auto r = p.push({"origin", "main"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(read_file(log), "origin " + p.remote.path().string() + "\nrefs/heads/main " + head +
                                  " refs/heads/main " + before + "\n");
}

TEST(E2eHookPush, AModelReviewsThePushWithinTheBudgetAndOnlyWarns) {
    Pushing p;
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    fake.set_default_reply({.content = R"j({"findings":[{"quote":"    return total / len(items)",
        "category":"bug","severity":"error","title":"Division by zero",
        "explanation":"empty list"}]})j"});
    write_user_config(p.repo, "[hooks]\npush_budget = \"30s\"\n");
    p.commit_file("calc.py", "def average(items):\n    total = sum(items)\n"
                             "    return total / len(items)\n");
    auto r = p.push({"origin", "main"}, hook_env(p.repo, fake.host_port()));
    EXPECT_EQ(r.exit_code, 0) << describe(r); // a model's error is a warning here
    EXPECT_TRUE(contains(r.err, "calc.py:3:5: error: Division by zero")) << r.err;
    EXPECT_TRUE(contains(r.err, "model review: 1 of 1 hunks reviewed")) << r.err;
    EXPECT_EQ(fake.chat_requests().size(), 1u);
    EXPECT_TRUE(p.remote_has("refs/heads/main"));
}

} // namespace
} // namespace vigil::test
