// A bare repository (a server-side hook or a CI mirror): commits, ranges and history work;
// the index and work tree do not exist, which is a usage error that says so.
#include "e2e.hpp"

namespace vigil::test {
namespace {

class E2eBareRepo : public ::testing::Test {
protected:
    void SetUp() override {
        src.write("a.txt", "a\n");
        first = src.commit_all("base");
        src.write("k.py", secret_line(fake_aws_key(0)));
        with_key = src.commit_all("add key");
        src.remove("k.py");
        src.write("a.txt", "a\nb\n");
        last = src.commit_all("remove key");
        src.git({"push", "-q", bare.path().string(), "main"});
    }

    TempRepo src;
    TempRepo bare{{.bare = true}};
    std::string first, with_key, last;
};

TEST_F(E2eBareRepo, CommitScanFindsTheKey) {
    auto r = bare.vigil({"scan", "--commit", with_key});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);
    EXPECT_TRUE(contains(r.out, with_key.substr(0, 12))) << describe(r);

    auto clean = bare.vigil({"scan", "--commit", "main"});
    EXPECT_EQ(clean.exit_code, 0) << describe(clean);
}

TEST_F(E2eBareRepo, RangeScanFindsTheKey) {
    auto r = bare.vigil({"scan", "--range", first + ".." + with_key});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);

    // Over the whole range the key was added and removed: the trees do not differ by it.
    auto whole = bare.vigil({"scan", "--range", first + "..main"});
    EXPECT_EQ(whole.exit_code, 0) << describe(whole);
}

TEST_F(E2eBareRepo, HistoryScanFindsTheRemovedKey) {
    auto r = bare.vigil({"scan", "--history"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);
    EXPECT_TRUE(contains(r.err, "3 commits")) << describe(r);
}

TEST_F(E2eBareRepo, StagedAndWorktreeSayTheRepositoryIsBare) {
    for (const char* target : {"--staged", "--worktree"}) {
        auto r = bare.vigil({"scan", target});
        EXPECT_EQ(r.exit_code, 2) << target << "\n" << describe(r);
        EXPECT_EQ(r.out, "") << describe(r);
        EXPECT_TRUE(contains(r.err, "bare")) << target << "\n" << describe(r);
    }
}

TEST_F(E2eBareRepo, OpenedThroughGitDir) {
    // As a server-side hook runs: GIT_DIR set, cwd elsewhere.
    TempDir elsewhere;
    auto r = vigil_in(elsewhere.path(), {"scan", "--commit", with_key},
                      {{"GIT_DIR", bare.path().string()}});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);
}

TEST_F(E2eBareRepo, OpenedWithRepoOption) {
    TempDir elsewhere;
    auto r = vigil_in(elsewhere.path(), {"scan", "-C", bare.path().string(), "--history"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
}

TEST_F(E2eBareRepo, EmptyBareRepositoryHasNoHistory) {
    TempRepo empty({.bare = true});
    auto r = empty.vigil({"scan", "--history"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

} // namespace
} // namespace vigil::test
