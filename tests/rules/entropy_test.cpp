// shannon_entropy, computed the way gitleaks' ShannonEntropy does (detect/utils.go): counts of
// runes (Go's `range` over the string), each frequency divided by the length in bytes.
#include <cmath>
#include <gtest/gtest.h>
#include <vigil/rules/rule_set.hpp>

namespace vigil::rules {
namespace {

TEST(Entropy, KnownAsciiValues) {
    EXPECT_DOUBLE_EQ(shannon_entropy(""), 0.0);
    EXPECT_DOUBLE_EQ(shannon_entropy("a"), 0.0);
    EXPECT_DOUBLE_EQ(shannon_entropy("aaaa"), 0.0);
    EXPECT_DOUBLE_EQ(shannon_entropy("ab"), 1.0);
    EXPECT_DOUBLE_EQ(shannon_entropy("aabb"), 1.0);
    EXPECT_DOUBLE_EQ(shannon_entropy("abcd"), 2.0);
    EXPECT_DOUBLE_EQ(shannon_entropy("abcdefgh"), 3.0);
    EXPECT_NEAR(shannon_entropy("aab"),
                -(2.0 / 3) * std::log2(2.0 / 3) - (1.0 / 3) * std::log2(1.0 / 3), 1e-12);
    // 16 distinct characters: 4 bits.
    EXPECT_DOUBLE_EQ(shannon_entropy("0123456789abcdef"), 4.0);
}

TEST(Entropy, OrderDoesNotMatter) {
    EXPECT_DOUBLE_EQ(shannon_entropy("abcabd"), shannon_entropy("dbacba"));
}

TEST(Entropy, NonAsciiCountsRunesButDividesByBytes) {
    // "éé": one rune twice; 4 bytes -> p = 2/4 -> 0.5 (a per-character count would give 0).
    EXPECT_DOUBLE_EQ(shannon_entropy("\xC3\xA9\xC3\xA9"), 0.5);
    // "aé": two runes once each over 3 bytes -> 2 * (1/3) * log2(3).
    EXPECT_NEAR(shannon_entropy("a\xC3\xA9"), 2.0 / 3.0 * std::log2(3.0), 1e-12);
    // "€": one rune over 3 bytes -> -(1/3) log2(1/3).
    EXPECT_NEAR(shannon_entropy("\xE2\x82\xAC"), std::log2(3.0) / 3.0, 1e-12);
    // A stray byte next to ASCII is one rune of its own.
    EXPECT_DOUBLE_EQ(shannon_entropy("\xFF"
                                     "a"),
                     1.0);
}

TEST(Entropy, IllFormedBytesAreAllTheReplacementRuneAsInGo) {
    // Go's range turns every ill-formed byte into the same rune U+FFFD, so gitleaks gives
    // "\xFF\xFE" entropy 0 (one rune, twice).
    EXPECT_DOUBLE_EQ(shannon_entropy("\xFF\xFE"), 0.0);
    // U+FFFD written out and a stray byte are the same rune in Go: 2 counts over 4 bytes.
    EXPECT_DOUBLE_EQ(shannon_entropy("\xEF\xBF\xBD\xFF"), 0.5);
}

} // namespace
} // namespace vigil::rules
