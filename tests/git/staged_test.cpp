// Reading the index against HEAD (`--staged`), as a pre-commit hook does.
#include <gtest/gtest.h>

#include "git_test_helpers.hpp"

namespace vigil::test {
namespace {

TEST(Staged, FirstCommitDiffsAgainstTheEmptyTree) {
    TempRepo repo;
    repo.write("a.txt", "one\ntwo\n");
    repo.git({"add", "a.txt"});
    auto cs = staged(repo);
    ASSERT_EQ(cs.files.size(), 1u);
    const auto& f = cs.files[0];
    EXPECT_EQ(f.status, core::FileStatus::added);
    EXPECT_EQ(f.new_path, "a.txt");
    EXPECT_TRUE(f.old_path.empty());
    EXPECT_EQ(f.new_id, repo.git({"rev-parse", ":a.txt"}));
    EXPECT_EQ(added_lines(f), (std::vector<std::string>{"1:one", "2:two"}));
}

} // namespace
} // namespace vigil::test
