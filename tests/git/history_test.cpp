// Walking the whole history in parallel (`--history`).
#include "git_test_helpers.hpp"

#include <gtest/gtest.h>
#include <map>
#include <mutex>

namespace vigil::test {
namespace {

struct Walked {
    std::map<size_t, core::ChangeSet> by_order;
    size_t commits = 0;
};

Walked walk(const TempRepo& repo, git::HistoryOptions opts = {}) {
    Walked w;
    std::mutex m;
    auto stats = value_or_fail(
        git::walk_history(open_repo(repo), opts, [&](size_t order, core::ChangeSet&& cs) {
            std::lock_guard lock(m);
            EXPECT_TRUE(w.by_order.emplace(order, std::move(cs)).second);
        }));
    w.commits = stats.commits;
    return w;
}

std::vector<std::string> commit_ids(const Walked& w) {
    std::vector<std::string> ids;
    for (const auto& [order, cs] : w.by_order) {
        ids.push_back(cs.commit);
    }
    return ids;
}

TEST(History, EveryCommitOnceNewestFirst) {
    TempRepo repo;
    std::vector<std::string> made;
    for (int i = 0; i < 12; ++i) {
        repo.write("f" + std::to_string(i) + ".txt", "content " + std::to_string(i) + "\n");
        made.insert(made.begin(), repo.commit_all("c" + std::to_string(i)));
    }
    auto w = walk(repo);
    EXPECT_EQ(w.commits, 12u);
    EXPECT_EQ(commit_ids(w), made);
    // Each commit carries exactly its own change.
    EXPECT_EQ(w.by_order.at(0).files.at(0).path(), "f11.txt");
    EXPECT_EQ(w.by_order.at(11).files.at(0).path(), "f0.txt");
}

TEST(History, SameResultOnOneThreadAndMany) {
    TempRepo repo;
    for (int i = 0; i < 30; ++i) {
        repo.write("dir" + std::to_string(i % 3) + "/f.txt", "v" + std::to_string(i) + "\n");
        repo.commit_all("c" + std::to_string(i));
    }
    git::HistoryOptions one;
    one.threads = 1;
    git::HistoryOptions many;
    many.threads = 4;
    auto a = walk(repo, one);
    auto b = walk(repo, many);
    ASSERT_EQ(commit_ids(a), commit_ids(b));
    for (const auto& [order, cs] : a.by_order) {
        ASSERT_EQ(cs.files.size(), b.by_order.at(order).files.size());
        for (size_t i = 0; i < cs.files.size(); ++i) {
            EXPECT_EQ(added_lines(cs.files[i]), added_lines(b.by_order.at(order).files[i]));
        }
    }
}

TEST(History, MergesAreWalkedOnceAndReportOnlyLinesNewToEveryParent) {
    TempRepo repo;
    make_diverged_branches(repo, true);
    auto w = walk(repo);
    EXPECT_EQ(w.commits, 4u);
    const auto& merge = w.by_order.at(0);
    EXPECT_EQ(merge.commit, repo.git({"rev-parse", "HEAD"}));
    // topic.txt came from the topic branch: reported at the topic commit, not again here.
    size_t added = 0;
    for (const auto& f : merge.files) {
        added += f.added_line_count();
    }
    EXPECT_EQ(added, 0u);
}

TEST(History, LinesWrittenDuringAMergeAreAdded) {
    TempRepo repo;
    make_diverged_branches(repo, false);
    repo.git({"merge", "-q", "--no-ff", "--no-commit", "topic"});
    repo.write("topic.txt", "from topic\nwritten while merging\n");
    repo.git({"add", "topic.txt"});
    repo.git({"commit", "-q", "-m", "evil merge"});
    auto walked = walk(repo);
    const auto& merge = walked.by_order.at(0);
    const auto* file = find_file(merge, "topic.txt");
    ASSERT_NE(file, nullptr);
    EXPECT_EQ(added_lines(*file), (std::vector<std::string>{"2:written while merging"}));
}

TEST(History, AllRefsIncludesOtherBranches) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "side"});
    repo.write("side.txt", "s\n");
    std::string side = repo.commit_all("side only");
    repo.git({"checkout", "-q", "main"});
    EXPECT_EQ(walk(repo).commits, 1u);
    git::HistoryOptions all;
    all.all_refs = true;
    auto w = walk(repo, all);
    EXPECT_EQ(w.commits, 2u);
    auto ids = commit_ids(w);
    EXPECT_NE(std::find(ids.begin(), ids.end(), side), ids.end());
}

TEST(History, UnbornHeadHasNoCommits) {
    TempRepo repo;
    EXPECT_EQ(walk(repo).commits, 0u);
}

TEST(History, DeletedFilesAreListedWithoutContentWhenNotWanted) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.remove("a.txt");
    repo.commit_all("remove");
    git::HistoryOptions opts;
    opts.diff.read_deleted_files = false;
    auto w = walk(repo, opts);
    const auto& removal = w.by_order.at(0);
    ASSERT_EQ(removal.files.size(), 1u);
    EXPECT_EQ(removal.files[0].status, core::FileStatus::deleted);
    EXPECT_TRUE(removal.files[0].hunks.empty());
}

TEST(History, BareRepositoryWorks) {
    TempRepo work;
    for (int i = 0; i < 3; ++i) {
        work.write("f.txt", std::to_string(i) + "\n");
        work.commit_all("c");
    }
    TempRepo bare({.bare = true});
    work.git({"push", "-q", bare.path().string(), "main"});
    EXPECT_EQ(walk(bare).commits, 3u);
}

} // namespace
} // namespace vigil::test
