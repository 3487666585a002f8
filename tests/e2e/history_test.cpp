// --history (every commit from HEAD, or every ref with --all) and --range A..B / A...B.
#include "e2e.hpp"

namespace vigil::test {
namespace {

TEST(E2eHistory, FindsAKeyAddedLongAgoAndLaterRemoved) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.write("old/creds.py", "x = 1\n" + secret_line(fake_aws_key()));
    std::string added = repo.commit_all("add creds");
    repo.remove("old");
    repo.commit_all("remove creds");
    for (int i = 0; i < 5; ++i) {
        repo.write("a.txt", "a\n" + std::to_string(i) + "\n");
        repo.commit_all("work " + std::to_string(i));
    }
    // Nothing in the tree, the index or the work tree any more.
    EXPECT_EQ(repo.vigil({"scan", "."}).exit_code, 0);
    EXPECT_EQ(repo.vigil({"scan", "--commit", "HEAD"}).exit_code, 0);

    auto r = repo.vigil({"scan", "--history"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "old/creds.py:2:12:")) << describe(r);
    EXPECT_TRUE(contains(r.out, "(commit " + added.substr(0, 12) + ")")) << describe(r);
    EXPECT_EQ(finding_count(r.out), 1u) << describe(r);
    EXPECT_TRUE(contains(r.err, "8 commits")) << describe(r);
}

TEST(E2eHistory, OutputDoesNotDependOnThreadCount) {
    TempRepo repo;
    for (int i = 0; i < 12; ++i) {
        repo.write("f" + std::to_string(i) + ".py", secret_line(fake_aws_key(i)));
        repo.commit_all("c" + std::to_string(i));
    }
    auto one = repo.vigil({"scan", "--history", "-j", "1"});
    EXPECT_EQ(one.exit_code, 1) << describe(one);
    EXPECT_EQ(finding_count(one.out), 12u) << describe(one);
    for (const char* threads : {"2", "8"}) {
        auto many = repo.vigil({"scan", "--history", "--threads", threads});
        EXPECT_EQ(many.out, one.out) << threads;
        EXPECT_EQ(many.exit_code, 1);
    }
}

TEST(E2eHistory, AllFindsAKeyOnlyOnAnotherBranch) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "experiment"});
    repo.write("exp.py", secret_line(fake_aws_key()));
    std::string on_branch = repo.commit_all("experiment with a key");
    repo.git({"checkout", "-q", "main"});
    repo.write("a.txt", "a\nb\n");
    repo.commit_all("main work");

    auto head_only = repo.vigil({"scan", "--history"});
    EXPECT_EQ(head_only.exit_code, 0) << describe(head_only);
    EXPECT_EQ(head_only.out, "") << describe(head_only);

    auto all = repo.vigil({"scan", "--history", "--all"});
    EXPECT_EQ(all.exit_code, 1) << describe(all);
    EXPECT_TRUE(contains(all.out, "exp.py:1:12:")) << describe(all);
    EXPECT_TRUE(contains(all.out, on_branch.substr(0, 12))) << describe(all);
    EXPECT_TRUE(contains(all.err, "3 commits")) << describe(all);
}

TEST(E2eHistory, AllIncludesTags) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.git({"checkout", "-q", "--detach"});
    repo.write("tagged.py", secret_line(fake_aws_key()));
    repo.commit_all("only reachable from a tag");
    repo.git({"tag", "-a", "-m", "annotated", "v1"});
    repo.git({"checkout", "-q", "main"});
    EXPECT_EQ(repo.vigil({"scan", "--history"}).exit_code, 0);
    auto all = repo.vigil({"scan", "--history", "--all"});
    EXPECT_EQ(all.exit_code, 1) << describe(all);
    EXPECT_TRUE(contains(all.out, "tagged.py:1:12:")) << describe(all);
}

TEST(E2eHistory, MergedKeyIsFoundAndEveryCommitCounted) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "topic"});
    repo.write("t.py", secret_line(fake_aws_key()));
    std::string topic = repo.commit_all("topic key");
    repo.git({"checkout", "-q", "main"});
    repo.write("m.txt", "m\n");
    repo.commit_all("main work");
    repo.git({"merge", "-q", "--no-ff", "-m", "merge", "topic"});
    auto r = repo.vigil({"scan", "--history"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    // Found in the commit that added it. (The merge, diffed against its first parent, adds
    // it again, so today the report lists it a second time under the merge commit.)
    EXPECT_TRUE(contains(r.out, "t.py:1:12:")) << describe(r);
    EXPECT_TRUE(contains(r.out, "(commit " + topic.substr(0, 12) + ")")) << describe(r);
    EXPECT_TRUE(contains(r.err, "4 commits")) << describe(r);
}

// base: old.py holds key 0. main: deletes old.py. topic: adds new.py with key 1.
class E2eRanges : public ::testing::Test {
protected:
    void SetUp() override {
        repo.write("old.py", secret_line(fake_aws_key(0)));
        base = repo.commit_all("base");
        repo.git({"checkout", "-q", "-b", "topic"});
        repo.write("new.py", secret_line(fake_aws_key(1)));
        repo.commit_all("topic");
        repo.git({"checkout", "-q", "main"});
        repo.remove("old.py");
        repo.commit_all("main drops old.py");
    }
    TempRepo repo;
    std::string base;
};

TEST_F(E2eRanges, ThreeDotsStartsAtTheMergeBase) {
    auto r = repo.vigil({"scan", "--range", "main...topic"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "new.py:1:12:")) << describe(r);
    EXPECT_FALSE(contains(r.out, "old.py")) << describe(r);
    EXPECT_EQ(finding_count(r.out), 1u) << describe(r);
}

TEST_F(E2eRanges, TwoDotsComparesTheTwoTrees) {
    // old.py is in topic's tree but not in main's: from main's tree it looks added.
    auto r = repo.vigil({"scan", "--range", "main..topic"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "new.py:1:12:")) << describe(r);
    EXPECT_TRUE(contains(r.out, "old.py:1:12:")) << describe(r);
}

TEST_F(E2eRanges, ReversedThreeDotsSeesOnlyTheOtherSide) {
    // From the merge base to main only a deletion happened: nothing added.
    auto r = repo.vigil({"scan", "--range", "topic...main"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST_F(E2eRanges, OmittedSideMeansHead) {
    repo.git({"checkout", "-q", "topic"});
    auto r = repo.vigil({"scan", "--range", "main..."});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "new.py:1:12:")) << describe(r);
    EXPECT_FALSE(contains(r.out, "old.py")) << describe(r);
}

TEST_F(E2eRanges, BranchScanStartsWhereTheBranchLeftMain) {
    repo.git({"checkout", "-q", "topic"});
    auto r = repo.vigil({"scan", "--branch"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "new.py:1:12:")) << describe(r);
    EXPECT_FALSE(contains(r.out, "old.py")) << describe(r);

    repo.git({"checkout", "-q", "main"});
    auto on_main = repo.vigil({"scan", "--branch"});
    EXPECT_EQ(on_main.exit_code, 0) << describe(on_main);
    EXPECT_EQ(on_main.out, "") << describe(on_main);
}

TEST_F(E2eRanges, UnrelatedHistoriesHaveNoMergeBase) {
    repo.git({"checkout", "-q", "--orphan", "lonely"});
    repo.git({"rm", "-q", "-rf", "--ignore-unmatch", "."});
    repo.write("l.txt", "l\n");
    repo.commit_all("unrelated");
    auto r = repo.vigil({"scan", "--range", "main...lonely"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "common ancestor")) << describe(r);
}

} // namespace
} // namespace vigil::test
