// One commit against its first parent (`--commit`) and ranges (`--range A..B`, `A...B`).
#include "git_test_helpers.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

core::ChangeSet commit_changes(const TempRepo& repo, const std::string& rev) {
    return value_or_fail(git::read_commit(open_repo(repo), rev, {}));
}

core::ChangeSet range_changes(const TempRepo& repo, const std::string& range) {
    return value_or_fail(git::read_range(open_repo(repo), range, {}));
}

TEST(Commit, RootCommitDiffsAgainstTheEmptyTree) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    std::string root = repo.commit_all("root");
    auto cs = commit_changes(repo, "HEAD");
    EXPECT_EQ(cs.commit, root);
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].status, core::FileStatus::added);
}

TEST(Commit, ComparesWithTheFirstParent) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("one");
    repo.write("a.txt", "a\nb\n");
    repo.commit_all("two");
    auto cs = commit_changes(repo, "HEAD");
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(added_lines(cs.files[0]), (std::vector<std::string>{"2:b"}));
    auto first = commit_changes(repo, "HEAD~1");
    EXPECT_EQ(added_lines(first.files.at(0)), (std::vector<std::string>{"1:a"}));
}

TEST(Commit, MergeCommitShowsWhatTheMergeBroughtToTheFirstParent) {
    TempRepo repo;
    make_diverged_branches(repo, true);
    auto cs = commit_changes(repo, "HEAD");
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].path(), "topic.txt");
}

TEST(Commit, UnknownRevisionIsAUsageError) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("one");
    auto cs = git::read_commit(open_repo(repo), "no-such-branch", {});
    ASSERT_FALSE(cs);
    EXPECT_EQ(cs.error().kind, util::ErrorKind::usage);
    EXPECT_NE(cs.error().message.find("no-such-branch"), std::string::npos);
}

TEST(Commit, TagsArePeeledToCommits) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    std::string id = repo.commit_all("one");
    repo.git({"tag", "-a", "-m", "release", "v1"});
    EXPECT_EQ(commit_changes(repo, "v1").commit, id);
}

TEST(Range, TwoDotsComparesTheTrees) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("one");
    repo.write("b.txt", "b\n");
    repo.commit_all("two");
    repo.write("c.txt", "c\n");
    repo.commit_all("three");
    auto cs = range_changes(repo, "HEAD~2..HEAD");
    ASSERT_EQ(cs.files.size(), 2u);
    EXPECT_NE(find_file(cs, "b.txt"), nullptr);
    EXPECT_NE(find_file(cs, "c.txt"), nullptr);
}

TEST(Range, ThreeDotsStartsAtTheMergeBase) {
    TempRepo repo;
    make_diverged_branches(repo, false);
    // main..topic would also show main.txt as deleted; main...topic shows only the topic work.
    auto two = range_changes(repo, "main..topic");
    EXPECT_EQ(two.files.size(), 2u);
    auto three = range_changes(repo, "main...topic");
    ASSERT_EQ(three.files.size(), 1u);
    EXPECT_EQ(three.files[0].path(), "topic.txt");
}

TEST(Range, MalformedRangeIsAUsageError) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    auto cs = git::read_range(open_repo(repo), "HEAD", {});
    ASSERT_FALSE(cs);
    EXPECT_EQ(cs.error().kind, util::ErrorKind::usage);
}

TEST(Range, BareRepositoryWorks) {
    TempRepo work;
    work.write("a.txt", "a\n");
    work.commit_all("one");
    work.write("b.txt", "b\n");
    work.commit_all("two");
    TempRepo bare({.bare = true});
    work.git({"push", "-q", bare.path().string(), "main"});
    auto repo = open_repo(bare);
    auto cs = value_or_fail(git::read_range(repo, "main~1..main", {}));
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].path(), "b.txt");
    auto one = value_or_fail(git::read_commit(repo, "main~1", {}));
    EXPECT_EQ(one.files.at(0).path(), "a.txt");
}

} // namespace
} // namespace vigil::test

namespace vigil::test {
namespace {

std::string branch_base(const TempRepo& repo) {
    std::string base;
    auto cs = git::read_branch(open_repo(repo), {}, &base);
    EXPECT_TRUE(cs) << (cs ? "" : cs.error().describe());
    return base;
}

TEST(Branch, ComparesWithTheUpstreamWhenThereIsOne) {
    TempRepo upstream_repo;
    upstream_repo.write("a.txt", "a\n");
    upstream_repo.commit_all("base");
    TempRepo repo;
    repo.git({"remote", "add", "origin", upstream_repo.path().string()});
    repo.git({"fetch", "-q", "origin"});
    repo.git({"checkout", "-q", "-b", "feature", "--track", "origin/main"});
    repo.write("feature.txt", "f\n");
    repo.commit_all("feature work");
    EXPECT_EQ(branch_base(repo), "origin/main");
    auto cs = value_or_fail(git::read_branch(open_repo(repo), {}));
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].path(), "feature.txt");
}

TEST(Branch, FallsBackToTheDefaultBranch) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "topic"});
    repo.write("t.txt", "t\n");
    repo.commit_all("topic");
    EXPECT_EQ(branch_base(repo), "main");
    auto cs = value_or_fail(git::read_branch(open_repo(repo), {}));
    ASSERT_EQ(cs.files.size(), 1u);
    EXPECT_EQ(cs.files[0].path(), "t.txt");
}

TEST(Branch, NoBaseIsAUsageErrorNamingTheWayOut) {
    TempRepo repo;
    repo.git({"checkout", "-q", "-b", "dev"});
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    auto cs = git::read_branch(open_repo(repo), {});
    ASSERT_FALSE(cs);
    EXPECT_EQ(cs.error().kind, util::ErrorKind::usage);
    EXPECT_NE(cs.error().hint.find("--range"), std::string::npos);
}

} // namespace
} // namespace vigil::test
