// The one-pass keyword finder behind the rule prefilter.
#include "../../src/vigil/rules/keyword_index.hpp"

#include <gtest/gtest.h>

namespace vigil::rules::detail {
namespace {

std::vector<bool> found_in(const KeywordIndex& index, std::string_view text) {
    std::vector<bool> found;
    index.find(text, found);
    return found;
}

TEST(KeywordIndex, FindsEachKeywordAnywhereIncludingTheEdges) {
    KeywordIndex index;
    for (const char* k : {"akia", "ghp_", "-----begin", "x", "ak"}) {
        index.add(k);
    }
    EXPECT_EQ(found_in(index, "akia at the start"),
              (std::vector<bool>{true, false, false, false, true}));
    EXPECT_EQ(found_in(index, "ends with ghp_"),
              (std::vector<bool>{false, true, false, false, false}));
    EXPECT_EQ(found_in(index, "-----begin rsa\nx"),
              (std::vector<bool>{false, false, true, true, false}));
    EXPECT_EQ(found_in(index, ""), (std::vector<bool>(5, false)));
    EXPECT_EQ(found_in(index, "ak"), (std::vector<bool>{false, false, false, false, true}));
}

TEST(KeywordIndex, SharedPrefixesAndDuplicatesAreAllReported) {
    KeywordIndex index;
    index.add("sk_live");
    index.add("sk_test");
    index.add("sk_live");
    EXPECT_EQ(found_in(index, "key=sk_test_1 and sk_live_2"), (std::vector<bool>(3, true)));
    EXPECT_EQ(found_in(index, "sk_liv"), (std::vector<bool>(3, false)));
}

} // namespace
} // namespace vigil::rules::detail
