// What a push sends (git::outgoing_commits) and where hooks live (git::hooks_dir), against
// real repositories; expected commits come from the git CLI in the same repository.
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <vigil/git/push.hpp>

namespace vigil::test {
namespace {

const std::string k_none(40, '0');

git::Repository open(const TempRepo& repo) {
    auto opened = git::Repository::open({repo.path().string(), false});
    EXPECT_TRUE(opened) << opened.error().message;
    return std::move(*opened);
}

std::string commit_file(const TempRepo& repo, const std::string& path) {
    repo.write(path, path + "\n");
    return repo.commit_all("add " + path);
}

TEST(Outgoing, AnUpdateSendsWhatTheRemoteCommitDoesNotReach) {
    TempRepo repo;
    std::string a = commit_file(repo, "a");
    std::string b = commit_file(repo, "b");
    std::string c = commit_file(repo, "c");
    auto out = git::outgoing_commits(open(repo), c, a, 10);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->kind, git::PushKind::update);
    EXPECT_EQ(out->base, a);
    EXPECT_EQ(out->commits, (std::vector<std::string>{c, b}));
    EXPECT_EQ(out->total, 2u);
}

TEST(Outgoing, ANewBranchStopsAtRemoteTrackingRefs) {
    TempRepo repo;
    std::string a = commit_file(repo, "a");
    repo.git({"update-ref", "refs/remotes/origin/main", a});
    std::string b = commit_file(repo, "b");
    auto out = git::outgoing_commits(open(repo), b, k_none, 10);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->kind, git::PushKind::create);
    EXPECT_EQ(out->base, a);
    EXPECT_EQ(out->commits, std::vector<std::string>{b});
}

TEST(Outgoing, AFirstPushStartsFromTheRootAndHonoursTheLimit) {
    TempRepo repo;
    commit_file(repo, "a");
    commit_file(repo, "b");
    std::string c = commit_file(repo, "c");
    auto out = git::outgoing_commits(open(repo), c, k_none, 2);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->base, "");
    EXPECT_EQ(out->total, 3u);
    EXPECT_EQ(out->commits.size(), 2u);
    EXPECT_EQ(out->commits.front(), c);
}

TEST(Outgoing, AForcePushIsBasedOnTheMergeBase) {
    TempRepo repo;
    std::string a = commit_file(repo, "a");
    std::string old_tip = commit_file(repo, "b");
    repo.git({"reset", "-q", "--hard", a});
    std::string new_tip = commit_file(repo, "c");
    auto out = git::outgoing_commits(open(repo), new_tip, old_tip, 10);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->kind, git::PushKind::force);
    EXPECT_EQ(out->base, a);
    EXPECT_EQ(out->commits, std::vector<std::string>{new_tip});
}

TEST(Outgoing, ADeletionSendsNothingAndAnUnknownObjectFails) {
    TempRepo repo;
    std::string a = commit_file(repo, "a");
    auto removed = git::outgoing_commits(open(repo), k_none, a, 10);
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->kind, git::PushKind::remove);
    EXPECT_TRUE(removed->commits.empty());
    auto unknown = git::outgoing_commits(open(repo), std::string(40, '1'), k_none, 10);
    EXPECT_FALSE(unknown);
}

TEST(HooksDir, CommonGitDirOrCoreHooksPath) {
    TempRepo repo;
    auto plain = git::hooks_dir(open(repo));
    ASSERT_TRUE(plain) << plain.error().message;
    EXPECT_EQ(*plain, (repo.path() / ".git" / "hooks").lexically_normal().string());
    repo.git({"config", "core.hooksPath", "tools/hooks"});
    auto relative = git::hooks_dir(open(repo));
    ASSERT_TRUE(relative);
    EXPECT_EQ(*relative, (repo.path() / "tools" / "hooks").lexically_normal().string());
}

} // namespace
} // namespace vigil::test
