// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, 3 runtime (docs/cli.md).
#include "e2e.hpp"

namespace vigil::test {
namespace {

TEST(E2eExitCodes, StagedKeyInTheFirstCommitFailsAndNamesFileLineColumn) {
    TempRepo repo; // unborn HEAD: the index is diffed against the empty tree
    repo.write("config.py", "# settings\n" + secret_line(fake_aws_key()));
    repo.git({"add", "config.py"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "config.py:2:12: error:")) << describe(r);
    EXPECT_TRUE(contains(r.out, "[aws-access-token]")) << describe(r);
    // The summary is a diagnostic: stderr, not stdout.
    EXPECT_TRUE(contains(r.err, "1 error")) << describe(r);
    EXPECT_FALSE(contains(r.out, "1 error")) << describe(r);
}

TEST(E2eExitCodes, CleanChangeIsZeroWithNothingOnStdout) {
    TempRepo repo;
    repo.write("a.txt", "hello\n");
    repo.commit_all("base");
    repo.write("a.txt", "hello\nworld\n");
    repo.git({"add", "a.txt"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(contains(r.err, "no findings")) << describe(r);
}

TEST(E2eExitCodes, NothingStagedIsZero) {
    TempRepo repo;
    repo.write("a.txt", "hello\n");
    repo.commit_all("base");
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(E2eExitCodes, FailOnNeverReportsButExitsZero) {
    TempRepo repo;
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    auto r = repo.vigil({"scan", "--staged", "--fail-on", "never"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);
}

TEST(E2eExitCodes, FailOnLowerLevelsStillFailOnErrors) {
    TempRepo repo;
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    for (const char* level : {"error", "warning", "note"}) {
        auto r = repo.vigil({"scan", "--staged", "--fail-on", level});
        EXPECT_EQ(r.exit_code, 1) << level << "\n" << describe(r);
    }
}

TEST(E2eExitCodes, NotARepositoryIsARuntimeError) {
    TempDir dir;
    for (const char* target : {"--staged", "--worktree", "--history"}) {
        auto r = vigil_in(dir.path(), {"scan", target});
        EXPECT_EQ(r.exit_code, 3) << target << "\n" << describe(r);
        EXPECT_EQ(r.out, "") << describe(r);
        EXPECT_TRUE(contains(r.err, "not a git repository")) << describe(r);
        EXPECT_TRUE(contains(r.err, dir.path().string())) << describe(r);
    }
}

TEST(E2eExitCodes, RepoOptionPointsAtAnotherFolder) {
    TempRepo repo;
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    TempDir elsewhere;
    auto r = vigil_in(elsewhere.path(), {"scan", "-C", repo.path().string(), "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);

    r = vigil_in(repo.path(), {"scan", "--repo", elsewhere.path().string(), "--staged"});
    EXPECT_EQ(r.exit_code, 3) << describe(r);
}

TEST(E2eExitCodes, UnknownRevisionIsAUsageError) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    auto r = repo.vigil({"scan", "--commit", "no-such-branch"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "no-such-branch")) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(E2eExitCodes, CommitOnAnUnbornHeadIsAUsageError) {
    TempRepo repo;
    auto r = repo.vigil({"scan", "--commit", "HEAD"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
}

TEST(E2eExitCodes, MalformedOrUnknownRangeIsAUsageError) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    auto r = repo.vigil({"scan", "--range", "HEAD"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    r = repo.vigil({"scan", "--range", "HEAD..nope"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "nope")) << describe(r);
}

TEST(E2eExitCodes, UnwritableOutputIsARuntimeError) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.git({"add", "a.txt"});
    auto r = repo.vigil(
        {"scan", "--staged", "--output", (repo.path() / "no-such-dir" / "report.txt").string()});
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_TRUE(contains(r.err, "report.txt")) << describe(r);
}

TEST(E2eExitCodes, AnUnwritableReportBeatsFindings) {
    // A runtime error beats findings: a report that could not be written must not look like a
    // plain "findings" exit.
    TempRepo repo;
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    auto r = repo.vigil({"scan", "--staged", "--output",
                         (repo.path() / "missing" / "out.json").string(), "--format", "json"});
    EXPECT_EQ(r.exit_code, 3) << describe(r);
}

} // namespace
} // namespace vigil::test
