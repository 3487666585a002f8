// --staged reads the index's cache-tree to skip unchanged folders; it must give exactly what
// the full diff gives.
#include "../../src/vigil/git/cache_tree.hpp"
#include "git_test_helpers.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

std::string index_file(const TempRepo& repo) {
    return (repo.path() / ".git" / "index").string();
}

std::string oid_text(const git_oid& id) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &id);
    return buf;
}

void make_tree(const TempRepo& repo) {
    for (const char* f : {"top.txt", "a/one.txt", "a/b/two.txt", "a/b/c/three.txt", "d/four.txt",
                          "d/e/five.txt", "gone/six.txt", "a.txt", "z/seven.txt"}) {
        repo.write(f, std::string("content of ") + f + "\n");
    }
    repo.commit_all("base");
}

TEST(CacheTree, IsReadFromEveryIndexFormat) {
    for (const char* version : {"2", "3", "4"}) {
        TempRepo repo;
        make_tree(repo);
        repo.git({"update-index", "--index-version", version});
        repo.git({"write-tree"}); // makes the whole cache-tree valid
        auto cache = git::detail::read_cache_tree(index_file(repo));
        ASSERT_TRUE(cache) << "index version " << version;
        ASSERT_TRUE(cache->valid.contains(""));
        EXPECT_EQ(oid_text(cache->valid.at("")), repo.git({"rev-parse", "HEAD^{tree}"}));
        ASSERT_TRUE(cache->valid.contains("a/b/c")) << "index version " << version;
        EXPECT_EQ(oid_text(cache->valid.at("a/b/c")), repo.git({"rev-parse", "HEAD:a/b/c"}));
    }
}

TEST(CacheTree, AddingAFileInvalidatesItsFolders) {
    TempRepo repo;
    make_tree(repo);
    repo.write("a/b/c/three.txt", "changed\n");
    repo.git({"add", "a/b/c/three.txt"});
    auto cache = git::detail::read_cache_tree(index_file(repo));
    ASSERT_TRUE(cache);
    EXPECT_FALSE(cache->valid.contains(""));
    EXPECT_FALSE(cache->valid.contains("a/b/c"));
    EXPECT_TRUE(cache->valid.contains("d"));
}

// libgit2 1.5 cannot read a split index at all: say so, with the way out.
TEST(CacheTree, SplitIndexGivesAClearErrorWithAWayOut) {
    TempRepo repo;
    make_tree(repo);
    repo.git({"update-index", "--split-index"});
    EXPECT_FALSE(git::detail::read_cache_tree(index_file(repo)));
    auto cs = git::read_staged(open_repo(repo), {});
    ASSERT_FALSE(cs);
    EXPECT_EQ(cs.error().kind, util::ErrorKind::runtime);
    EXPECT_NE(cs.error().hint.find("--no-split-index"), std::string::npos);
    repo.git({"update-index", "--no-split-index"});
    EXPECT_TRUE(git::read_staged(open_repo(repo), {}));
}

std::vector<std::string> summary(const core::ChangeSet& cs) {
    std::vector<std::string> out;
    for (const auto& f : cs.files) {
        std::string line = std::string(core::to_string(f.status)) + " " + f.old_path + " -> " +
                           f.new_path + " " + std::to_string(uint32_t(f.new_mode));
        for (const auto& a : added_lines(f)) {
            line += " +" + a;
        }
        out.push_back(line);
    }
    for (const auto& s : cs.skipped) {
        out.push_back("skipped " + s.path + ": " + s.reason);
    }
    return out;
}

// The fast path (index read by vigil, cache-tree pruning, in-memory index of the changed paths)
// against libgit2's full diff, for every index format and a mix of awkward changes.
TEST(CacheTree, PrunedStagedDiffEqualsTheFullDiff) {
    for (const char* version : {"2", "3", "4"}) {
        TempRepo repo;
        make_tree(repo);
        repo.git({"update-index", "--index-version", version});
        repo.git({"write-tree"});
        repo.write("a/b/c/three.txt", "content of a/b/c/three.txt\nmore\n"); // deep edit
        repo.write("new/dir/file.txt", "brand new\n");                       // new folders
        repo.git({"rm", "-q", "-r", "gone"});                                // folder removed
        repo.remove("a.txt");
        repo.write("a.txt/inside.txt", "file became folder\n"); // a.txt: file -> folder
        repo.git({"mv", "z/seven.txt", "z/renamed.txt"});
        repo.git({"update-index", "--chmod=+x", "top.txt"});
        repo.git({"add", "-A"});
        git::DiffOptions full;
        full.use_cache_tree = false;
        auto expected = summary(staged(repo, full));
        EXPECT_EQ(summary(staged(repo)), expected) << "index version " << version;
        EXPECT_GE(expected.size(), 6u);
    }
}

TEST(CacheTree, IntentToAddAndConflictsFallBackToTheFullDiff) {
    TempRepo repo;
    make_tree(repo);
    repo.write("later.txt", "not staged yet\n");
    repo.git({"add", "-N", "later.txt"});
    EXPECT_FALSE(git::detail::read_index_file(index_file(repo)));
    git::DiffOptions full;
    full.use_cache_tree = false;
    EXPECT_EQ(summary(staged(repo)), summary(staged(repo, full)));
}

TEST(CacheTree, NothingStagedIsEmptyWithoutReadingTrees) {
    TempRepo repo;
    make_tree(repo);
    repo.git({"write-tree"});
    auto cs = staged(repo);
    EXPECT_TRUE(cs.files.empty());
    EXPECT_TRUE(cs.skipped.empty());
}

} // namespace
} // namespace vigil::test
