// Text helpers: edit distance, "did you mean" suggestions, size parsing.
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <vigil/util/text.hpp>

namespace vigil::util {
namespace {

TEST(Text, ToLowerAsciiLeavesOtherBytesAlone) {
    EXPECT_EQ(to_lower_ascii("AbC-Z09"), "abc-z09");
    EXPECT_EQ(to_lower_ascii("\xC3\x89"), "\xC3\x89"); // É is not ASCII: unchanged
    EXPECT_EQ(to_lower_ascii(""), "");
}

TEST(Text, StartsWith) {
    EXPECT_TRUE(starts_with("version 1", "version"));
    EXPECT_TRUE(starts_with("abc", ""));
    EXPECT_FALSE(starts_with("ab", "abc"));
}

TEST(Text, EditDistance) {
    EXPECT_EQ(edit_distance("", ""), 0u);
    EXPECT_EQ(edit_distance("abc", ""), 3u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("same", "same"), 0u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(edit_distance("sitting", "kitten"), 3u);
    EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
    EXPECT_EQ(edit_distance("regex", "regx"), 1u);              // deletion
    EXPECT_EQ(edit_distance("regex", "regexp"), 1u);            // insertion
    EXPECT_EQ(edit_distance("secretGroup", "secretgroup"), 1u); // case matters
    EXPECT_EQ(edit_distance("ab", "ba"), 2u);                   // no transpositions in Levenshtein
}

TEST(Text, ClosestMatchFindsTypos) {
    std::vector<std::string> keys = {"regex", "secretGroup", "keywords", "entropy", "path"};
    EXPECT_EQ(closest_match("regx", keys), "regex");
    EXPECT_EQ(closest_match("secretgroup", keys), "secretGroup");
    EXPECT_EQ(closest_match("keyword", keys), "keywords");
    EXPECT_EQ(closest_match("entropy", keys), "entropy");
    EXPECT_EQ(closest_match("anything", {}), std::nullopt);
}

TEST(Text, ClosestMatchThresholdIsAThirdOfTheWordButAtLeastTwo) {
    // Short words allow two edits.
    EXPECT_EQ(closest_match("ab", {"abcd"}), "abcd");
    EXPECT_EQ(closest_match("ab", {"abcde"}), std::nullopt);
    EXPECT_EQ(closest_match("pth", {"path"}), "path");
    // 12 letters allow 4 edits, not 5.
    EXPECT_EQ(closest_match("abcdefghijkl", {"abcdefghWXYZ"}), "abcdefghWXYZ");
    EXPECT_EQ(closest_match("abcdefghijkl", {"abcdefgVWXYZ"}), std::nullopt);
    // Unrelated words are not suggested.
    EXPECT_EQ(closest_match("colour", {"regex", "path"}), std::nullopt);
}

TEST(Text, ClosestMatchPrefersTheNearestAndThenTheFirst) {
    EXPECT_EQ(closest_match("abcx", {"abcy", "abcz"}), "abcy"); // a tie: the first wins
    EXPECT_EQ(closest_match("abcx", {"abcz", "abcy"}), "abcz");
    EXPECT_EQ(closest_match("pathh", {"pat", "path"}), "path");
}

TEST(Text, ParseSizeAcceptsBytesAndUnits) {
    const std::pair<const char*, uint64_t> cases[] = {
        {"0", 0},
        {"2048", 2048},
        {"5b", 5},
        {"5B", 5},
        {"512k", 512 * 1024},
        {"512K", 512 * 1024},
        {"1kb", 1024},
        {"1KiB", 1024},
        {"10M", 10 * 1024 * 1024},
        {"10mb", 10 * 1024 * 1024},
        {"3MiB", 3 * 1024 * 1024},
        {"1G", 1024ull * 1024 * 1024},
        {"2gb", 2048ull * 1024 * 1024},
        {"1GiB", 1024ull * 1024 * 1024},
        {"18446744073709551615", std::numeric_limits<uint64_t>::max()},
    };
    for (const auto& [text, expected] : cases) {
        auto parsed = parse_size(text);
        ASSERT_TRUE(parsed) << text << ": " << parsed.error().describe();
        EXPECT_EQ(*parsed, expected) << text;
    }
}

TEST(Text, ParseSizeRejectsMalformedText) {
    for (const char* text : {"", "M", "k10", "-1", "+1", " 1", "1 M", "1.5M", "1T", "10MM", "10Mx",
                             "abc", "0x10", "1e6", "10 "}) {
        auto parsed = parse_size(text);
        ASSERT_FALSE(parsed) << "'" << text << "' parsed as " << *parsed;
        EXPECT_EQ(parsed.error().kind, ErrorKind::usage);
        EXPECT_NE(parsed.error().message.find(std::string("'") + text + "'"), std::string::npos)
            << parsed.error().message;
        EXPECT_FALSE(parsed.error().hint.empty());
    }
    // An embedded NUL is not a unit.
    EXPECT_FALSE(parse_size(std::string_view("10\0M", 4)));
}

TEST(Text, ParseSizeRejectsNumbersTooLargeForSixtyFourBits) {
    EXPECT_FALSE(parse_size("18446744073709551616"));
    EXPECT_FALSE(parse_size("99999999999999999999999999"));
    EXPECT_FALSE(parse_size("99999999999999999999999999G"));
}

TEST(Text, ParseSizeRejectsAUnitThatOverflows) {
    // 2^34 GiB is 2^64 bytes: one more than fits. (This used to wrap to 0, and
    // `--max-file-size 17179869184G` then skipped every non-empty file.)
    for (const char* text : {"17179869184G", "18446744073709551615K", "20000000000000M"}) {
        auto parsed = parse_size(text);
        ASSERT_FALSE(parsed) << text << " parsed as " << *parsed;
        EXPECT_EQ(parsed.error().kind, ErrorKind::usage);
        EXPECT_EQ(parsed.error().message, std::string("size '") + text + "' is too large");
    }
    // The largest sizes that do fit.
    EXPECT_EQ(parse_size("17179869183G"), 17179869183ull * 1024 * 1024 * 1024);
    EXPECT_EQ(parse_size("18014398509481983K"), 18014398509481983ull * 1024);
}

TEST(Text, PrintableReplacesControlCharacters) {
    EXPECT_EQ(printable("plain text"), "plain text");
    EXPECT_EQ(printable("a\x1b[31mb\tc\r\nd\x7f"), "a?[31mb?c??d?");
    EXPECT_EQ(printable(std::string_view("nul\0here", 8)), "nul?here");
    // Non-ASCII bytes, valid or not, are left alone.
    EXPECT_EQ(printable("caf\xC3\xA9 \xFF"), "caf\xC3\xA9 \xFF");
    EXPECT_EQ(printable(""), "");
}

} // namespace
} // namespace vigil::util
