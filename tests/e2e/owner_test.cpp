// A repository owned by another user: refused with the safe.directory hint, except in CI
// where vigil (which only reads) warns and scans. Needs root to chown.
#include "e2e.hpp"

#include <fstream>
#include <unistd.h>

namespace vigil::test {
namespace {

class E2eOwner : public ::testing::Test {
protected:
    void SetUp() override {
        if (geteuid() != 0) {
            GTEST_SKIP() << "needs root to give the repository to another user";
        }
        repo.write("a.txt", "a\n");
        repo.write("sub/b.txt", "b\n");
        repo.commit_all("base");
        repo.write("k.py", secret_line(fake_aws_key()));
        repo.git({"add", "k.py"});
        // Give the repository (not HOME) to nobody:nogroup.
        auto r = run_process({"chown", "-R", "65534:65534", repo.path().string()});
        ASSERT_EQ(r.exit_code, 0) << describe(r);
    }

    void TearDown() override {
        if (geteuid() == 0) {
            run_process({"chown", "-R", "0:0", repo.path().string()});
        }
    }

    ProcessResult scan(std::vector<std::string> args,
                       std::vector<std::pair<std::string, std::string>> env = {}) const {
        ProcessOptions opts;
        opts.env = std::move(env);
        return repo.vigil(args, opts);
    }

    TempRepo repo;
};

TEST_F(E2eOwner, RefusedWithTheSafeDirectoryHint) {
    auto r = scan({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(contains(r.err, "safe.directory")) << describe(r);
    EXPECT_TRUE(contains(r.err, repo.path().string())) << describe(r);
}

TEST_F(E2eOwner, RefusedFromASubfolderToo) {
    ProcessOptions opts;
    opts.cwd = (repo.path() / "sub").string();
    auto r = repo.vigil({"scan", "--history"}, opts);
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_TRUE(contains(r.err, "safe.directory")) << describe(r);
}

TEST_F(E2eOwner, CiFalseIsNotCi) {
    for (const char* value : {"false", "0", ""}) {
        auto r = scan({"scan", "--staged"}, {{"CI", value}});
        EXPECT_EQ(r.exit_code, 3) << "CI=" << value << "\n" << describe(r);
    }
}

TEST_F(E2eOwner, ScannedInCiWithAWarning) {
    auto r = scan({"scan", "--staged"}, {{"CI", "true"}});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);
    EXPECT_TRUE(contains(r.err, "warning")) << describe(r);
    EXPECT_TRUE(contains(r.err, "another user")) << describe(r);
}

TEST_F(E2eOwner, HistoryInCiUsesEveryWorker) {
    // --history reopens the repository on each worker thread: each must accept the owner.
    auto r = scan({"scan", "--history", "--threads", "4"}, {{"CI", "true"}});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "1 commit")) << describe(r);
}

TEST_F(E2eOwner, TrustedThroughSafeDirectory) {
    // The hint's command works: with safe.directory in the (isolated) global config, the
    // repository opens without CI.
    std::ofstream(repo.home() / ".gitconfig")
        << "[safe]\n\tdirectory = " << repo.path().string() << "\n";
    auto r = scan({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_FALSE(contains(r.err, "safe.directory")) << describe(r);
}

} // namespace
} // namespace vigil::test
