// UTF-8 validation, character counting and repair.
#include <gtest/gtest.h>
#include <string>
#include <vigil/util/utf8.hpp>

namespace vigil::util {
namespace {

TEST(Utf8, SequenceLengthOfWellFormedSequences) {
    EXPECT_EQ(utf8_sequence_length("a", 0), 1u);
    EXPECT_EQ(utf8_sequence_length("\x7f", 0), 1u);
    EXPECT_EQ(utf8_sequence_length("\xC2\x80", 0), 2u);         // U+0080
    EXPECT_EQ(utf8_sequence_length("\xC3\xA9", 0), 2u);         // é
    EXPECT_EQ(utf8_sequence_length("\xDF\xBF", 0), 2u);         // U+07FF
    EXPECT_EQ(utf8_sequence_length("\xE0\xA0\x80", 0), 3u);     // U+0800
    EXPECT_EQ(utf8_sequence_length("\xE2\x82\xAC", 0), 3u);     // €
    EXPECT_EQ(utf8_sequence_length("\xED\x9F\xBF", 0), 3u);     // U+D7FF, last before surrogates
    EXPECT_EQ(utf8_sequence_length("\xEE\x80\x80", 0), 3u);     // U+E000, first after them
    EXPECT_EQ(utf8_sequence_length("\xEF\xBF\xBD", 0), 3u);     // U+FFFD
    EXPECT_EQ(utf8_sequence_length("\xF0\x90\x80\x80", 0), 4u); // U+10000
    EXPECT_EQ(utf8_sequence_length("\xF0\x9D\x84\x9E", 0), 4u); // 𝄞
    EXPECT_EQ(utf8_sequence_length("\xF4\x8F\xBF\xBF", 0), 4u); // U+10FFFF
}

TEST(Utf8, SequenceLengthAtAnOffset) {
    std::string_view text = "a\xC3\xA9\xE2\x82\xAC";
    EXPECT_EQ(utf8_sequence_length(text, 0), 1u);
    EXPECT_EQ(utf8_sequence_length(text, 1), 2u);
    EXPECT_EQ(utf8_sequence_length(text, 2), 0u); // a continuation byte does not start one
    EXPECT_EQ(utf8_sequence_length(text, 3), 3u);
}

TEST(Utf8, IllFormedSequencesHaveLengthZero) {
    const char* cases[] = {
        "\x80",             // lone continuation byte
        "\xBF",             //
        "\xC0\x80",         // overlong NUL
        "\xC1\xBF",         // overlong ASCII
        "\xE0\x80\x80",     // overlong 3-byte
        "\xE0\x9F\xBF",     // overlong 3-byte (U+07FF)
        "\xF0\x80\x80\x80", // overlong 4-byte
        "\xF0\x8F\xBF\xBF", // overlong 4-byte (U+FFFF)
        "\xED\xA0\x80",     // surrogate U+D800
        "\xED\xBF\xBF",     // surrogate U+DFFF
        "\xF4\x90\x80\x80", // U+110000
        "\xF5\x80\x80\x80", // lead byte beyond U+10FFFF
        "\xF8\x88\x80\x80\x80",
        "\xFE",
        "\xFF",
        "\xC3\x41",         // lead byte followed by ASCII
        "\xE2\x82\x41",     // third byte not a continuation
        "\xF0\x9D\x84\x41", // fourth byte not a continuation
    };
    for (const char* c : cases) {
        EXPECT_EQ(utf8_sequence_length(c, 0), 0u) << testing::PrintToString(std::string(c));
        EXPECT_FALSE(is_valid_utf8(c)) << testing::PrintToString(std::string(c));
    }
}

TEST(Utf8, TruncatedSequencesHaveLengthZero) {
    EXPECT_EQ(utf8_sequence_length("\xC3", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("\xE2\x82", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("\xF0\x9D\x84", 0), 0u);
    // Truncated by the end of the view even though more bytes follow in memory.
    std::string_view cut = std::string_view("\xE2\x82\xAC").substr(0, 2);
    EXPECT_EQ(utf8_sequence_length(cut, 0), 0u);
    EXPECT_FALSE(is_valid_utf8("abc\xE2\x82"));
}

TEST(Utf8, IsValid) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("h\xC3\xA9llo \xE2\x82\xAC \xF0\x9D\x84\x9E"));
    EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
    EXPECT_FALSE(is_valid_utf8("valid then \xFF"));
}

TEST(Utf8, CountCharsCountsSequencesAndStrayBytes) {
    EXPECT_EQ(count_chars(""), 0u);
    EXPECT_EQ(count_chars("abc"), 3u);
    EXPECT_EQ(count_chars("a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E"), 4u);
    EXPECT_EQ(count_chars("\xFF\xFE"), 2u);
    EXPECT_EQ(count_chars("\xE2\x82"), 2u); // truncated: each byte counts one
    EXPECT_EQ(count_chars("\xE2\x82"
                          "a"),
              3u);
    EXPECT_EQ(count_chars("\xED\xA0\x80"), 3u); // surrogate: three stray bytes
    EXPECT_EQ(count_chars("\xC3\xA9\xFF\xC3\xA9"), 3u);
}

TEST(Utf8, ToValidLeavesWellFormedTextAlone) {
    std::string text = "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9D\x84\x9E \xEF\xBF\xBD";
    EXPECT_EQ(to_valid_utf8(text), text);
    EXPECT_EQ(to_valid_utf8(""), "");
}

TEST(Utf8, ToValidReplacesEachIllFormedByte) {
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(to_valid_utf8("a\xFF"
                            "b"),
              "a" + fffd + "b");
    EXPECT_EQ(to_valid_utf8("\xC0\x80"), fffd + fffd);
    EXPECT_EQ(to_valid_utf8("\xED\xA0\x80"), fffd + fffd + fffd);
    EXPECT_EQ(to_valid_utf8("x\xE2\x82"), "x" + fffd + fffd);
    EXPECT_EQ(to_valid_utf8("\xC3\xA9\xC3"), "\xC3\xA9" + fffd);
    for (const char* bad : {"\xFF\xFE", "\xF4\x90\x80\x80", "\xE2\x82\x41", "a\x80\x80z"}) {
        EXPECT_TRUE(is_valid_utf8(to_valid_utf8(bad)));
    }
}

} // namespace
} // namespace vigil::util
