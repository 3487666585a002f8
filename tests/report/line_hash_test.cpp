// GitHub's primaryLocationLineHash: the expected values are the test vectors of
// github/codeql-action src/fingerprints.test.ts ("hash" test), which upload-sarif's own
// implementation passes; the UTF-8 cases pin the decoding Node does before hashing.
#include <gtest/gtest.h>
#include <string>
#include <vector>
#include <vigil/report/line_hash.hpp>

namespace vigil::test {
namespace {

using report::line_hashes;
using Hashes = std::vector<std::string>;

std::string repeat(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) {
        out += text;
    }
    return out;
}

TEST(LineHash, EmptyFileHasOneLine) {
    EXPECT_EQ(line_hashes(""), Hashes({"c129715d7a2bc9a3:1"}));
}

TEST(LineHash, SpacesAndTabsAreSkipped) {
    // "54703d4cd895b18" has 15 digits: no zero padding.
    EXPECT_EQ(line_hashes(" a\nb\n  \t\tc\n d"),
              Hashes({"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
                      "a23a3dc5e078b07b:1"}));
}

TEST(LineHash, NoFinalNewline) {
    EXPECT_EQ(line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"),
              Hashes({"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1",
                      "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"}));
}

const Hashes k_greetings = {"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
                            "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
                            "c129715d7a2bc9a3:1"};

TEST(LineHash, LineEndingsAreAllOne) {
    EXPECT_EQ(line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"), k_greetings);
    EXPECT_EQ(line_hashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r"), k_greetings);
    EXPECT_EQ(line_hashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"),
              k_greetings);
    EXPECT_EQ(line_hashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n"), k_greetings);
}

TEST(LineHash, RepeatedLinesAreCounted) {
    EXPECT_EQ(line_hashes(repeat("Lorem ipsum dolor sit amet.\n", 10)),
              Hashes({"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
                      "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
                      "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
                      "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"}));
}

TEST(LineHash, ShortLines) {
    EXPECT_EQ(line_hashes("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n"),
              Hashes({"e54938cc54b302f1:1", "bb609acbe9138d60:1", "1131fd5871777f34:1",
                      "5c482a0f8b35ea28:1", "54517377da7028d2:1", "2c644846cb18d53e:1",
                      "f1b89f20de0d133:1", "c129715d7a2bc9a3:1"}));
}

TEST(LineHash, OneHashPerLine) {
    std::string text = repeat("int main() { return 0; }\n", 500);
    EXPECT_EQ(line_hashes(text).size(), 501u);
}

// Node hashes UTF-16 code units of the decoded text, so what matters for non-ASCII text is
// that the decoding agrees: same units, same hashes.
std::u16string units(std::string_view bytes) {
    std::u16string out;
    report::for_each_utf16_unit(bytes, [&](char16_t u) { out += u; });
    return out;
}

TEST(Utf16Units, DecodesLikeNode) {
    EXPECT_EQ(units("a\xC3\xA9z"), u"a\u00E9z");
    EXPECT_EQ(units("\xE2\x82\xAC"), u"\u20AC");
    EXPECT_EQ(units("\xF0\x9F\x98\x80"), u"\U0001F600"); // a surrogate pair: two units
    EXPECT_EQ(report::utf16_length("\xF0\x9F\x98\x80"), 2u);
    EXPECT_EQ(units("\xEF\xBB\xBFx"), u"\uFEFFx"); // a BOM is a character like any other
}

TEST(Utf16Units, IllFormedBytesAreReplacedByMaximalSubparts) {
    // WHATWG (Buffer.toString, TextDecoder): one U+FFFD per maximal ill-formed subpart.
    EXPECT_EQ(units("\xFF"), u"\uFFFD");
    EXPECT_EQ(units("a\xE2\x82"), u"a\uFFFD");               // truncated at the end: one
    EXPECT_EQ(units("\xE2\x82z"), u"\uFFFDz");               // truncated before ASCII: one
    EXPECT_EQ(units("\xC0\xAF"), u"\uFFFD\uFFFD");           // overlong lead: each byte
    EXPECT_EQ(units("\xED\xA0\x80"), u"\uFFFD\uFFFD\uFFFD"); // a surrogate: each byte
    EXPECT_EQ(units("\xF4\x90\x80\x80"), u"\uFFFD\uFFFD\uFFFD\uFFFD"); // above U+10FFFF
    EXPECT_EQ(units("\xF0\x9F\x98"), u"\uFFFD");
    EXPECT_EQ(units("\xE2\xC3\xA9"), u"\uFFFD\u00E9"); // the byte that broke it starts afresh
}

// Values from codeql-action's hash() run by Node on these bytes (a transcription of
// fingerprints.ts with the `long` package, fed the file through fs.createReadStream "utf8").
TEST(LineHash, NonAsciiAsNodeHashesIt) {
    EXPECT_EQ(line_hashes("caf\xC3\xA9 = \"\xF0\x9F\x98\x80\"\n\xEF\xBB\xBFx\xFF\xE2\x82z\n"),
              Hashes({"b1e0dac29cc30437:1", "b4ce92e53b7c9180:1", "c129715d7a2bc9a3:1"}));
    EXPECT_EQ(line_hashes("token = \"\xE2\x82\xAC\xE2\x82\xAC\"  # \xC3\xA9t\xC3\xA9\r\n"
                          "\tif (x) {\r\n\t\treturn \xF0\x9F\x98\x80;\xC0\xAF\r\n}\r\n"),
              Hashes({"86cce4fed6baf174:1", "84123ff4f29c43b3:1", "efb444668cb33006:1",
                      "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1"}));
}

} // namespace
} // namespace vigil::test
