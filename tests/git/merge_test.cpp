// Three-way text merge, as `vigil apply` uses it for a file that changed since the review.
#include <gtest/gtest.h>
#include <vigil/git/merge.hpp>

namespace vigil::test {
namespace {

TEST(MergeTexts, CombinesChangesToDifferentLines) {
    std::string base = "a\nb\nc\nd\ne\n";
    std::string ours = "a0\na\nb\nc\nd\ne\n"; // a line added at the top
    std::string theirs = "a\nb\nc\nd\nE\n";   // the last line changed
    auto merged = git::merge_texts(base, ours, theirs);
    ASSERT_TRUE(merged);
    EXPECT_EQ(*merged, "a0\na\nb\nc\nd\nE\n");
}

TEST(MergeTexts, SameLinesChangedDifferentlyIsAConflict) {
    EXPECT_FALSE(git::merge_texts("x\ny\n", "x\nY1\n", "x\nY2\n"));
    auto same = git::merge_texts("x\ny\n", "x\nY\n", "x\nY\n");
    ASSERT_TRUE(same);
    EXPECT_EQ(*same, "x\nY\n");
}

} // namespace
} // namespace vigil::test
