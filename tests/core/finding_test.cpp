// core findings: severities, secret masking, displayed lines and fingerprints.
#include <gtest/gtest.h>
#include <string>
#include <vigil/core/finding.hpp>
#include <vigil/util/sha256.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::core {
namespace {

const std::string k_ellipsis = "\xE2\x80\xA6";

std::string repeat(const std::string& unit, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
        out += unit;
    }
    return out;
}

TEST(Severity, NamesAndParsing) {
    EXPECT_EQ(to_string(Severity::note), "note");
    EXPECT_EQ(to_string(Severity::warning), "warning");
    EXPECT_EQ(to_string(Severity::error), "error");
    EXPECT_EQ(parse_severity("note"), Severity::note);
    EXPECT_EQ(parse_severity("info"), Severity::note); // gitleaks-style alias
    EXPECT_EQ(parse_severity("warning"), Severity::warning);
    EXPECT_EQ(parse_severity("error"), Severity::error);
    EXPECT_EQ(parse_severity("Error"), std::nullopt);
    EXPECT_EQ(parse_severity("critical"), std::nullopt);
    EXPECT_EQ(parse_severity(""), std::nullopt);
    EXPECT_LT(Severity::note, Severity::warning);
    EXPECT_LT(Severity::warning, Severity::error);
}

TEST(MaskSecret, ShortSecretsRevealNothing) {
    EXPECT_EQ(mask_secret(""), k_ellipsis);
    EXPECT_EQ(mask_secret("a"), k_ellipsis);
    EXPECT_EQ(mask_secret("hunter2"), k_ellipsis); // 7 characters
}

TEST(MaskSecret, MediumSecretsRevealTwoCharacters) {
    EXPECT_EQ(mask_secret("abcdefgh"), "ab" + k_ellipsis);        // 8
    EXPECT_EQ(mask_secret("abcdefghijklmno"), "ab" + k_ellipsis); // 15
}

TEST(MaskSecret, LongSecretsRevealFourCharacters) {
    EXPECT_EQ(mask_secret("abcdefghijklmnop"), "abcd" + k_ellipsis); // 16
    std::string key = std::string("AK") + "IA" + "Z4MQ2TRX7VPLKW5N";
    EXPECT_EQ(mask_secret(key), "AKIA" + k_ellipsis);
    EXPECT_EQ(mask_secret(std::string(500, 'z')), "zzzz" + k_ellipsis);
}

TEST(MaskSecret, CountsCharactersNotBytesAndKeepsWholeCharacters) {
    const std::string e_acute = "\xC3\xA9";      // 2 bytes
    const std::string clef = "\xF0\x9D\x84\x9E"; // 4 bytes
    // 7 characters but 14 bytes: still short.
    EXPECT_EQ(mask_secret(repeat(e_acute, 7)), k_ellipsis);
    EXPECT_EQ(mask_secret(repeat(e_acute, 8)), repeat(e_acute, 2) + k_ellipsis);
    EXPECT_EQ(mask_secret(repeat(clef, 16)), repeat(clef, 4) + k_ellipsis);
    std::string mixed = clef + "a" + e_acute + "b" + repeat("x", 12); // 16 characters
    EXPECT_EQ(mask_secret(mixed), clef + "a" + e_acute + "b" + k_ellipsis);
    EXPECT_TRUE(util::is_valid_utf8(mask_secret(mixed)));
}

TEST(MaskSecret, IllFormedBytesCountOneEach) {
    EXPECT_EQ(mask_secret(std::string(20, '\xFF')), std::string(4, '\xFF') + k_ellipsis);
    EXPECT_EQ(mask_secret(std::string(7, '\xFF')), k_ellipsis);
}

TEST(MaskSecret, NeverRevealsMoreThanFourLeadingCharacters) {
    const std::string alphabet = "Zq9\xC3\xA9"
                                 "r7\xE2\x82\xAC"
                                 "Lm2";
    std::string secret;
    for (size_t i = 0; i < 80; ++i) {
        size_t chars = util::count_chars(secret);
        std::string masked = mask_secret(secret);
        ASSERT_TRUE(masked.ends_with(k_ellipsis)) << i;
        std::string shown = masked.substr(0, masked.size() - k_ellipsis.size());
        EXPECT_TRUE(secret.starts_with(shown)) << i;
        size_t shown_chars = util::count_chars(shown);
        EXPECT_LE(shown_chars, 4u);
        EXPECT_EQ(shown_chars, chars >= 16 ? 4u : chars >= 8 ? 2u : 0u) << i;
        if (chars > 0) {
            EXPECT_LE(shown_chars * 4, chars) << "more than a quarter shown at length " << chars;
        }
        // Append one character (cycling through 1-, 2- and 3-byte ones).
        size_t at = 0;
        for (size_t k = 0; k < i % 9; ++k) {
            at += util::utf8_sequence_length(alphabet, at);
        }
        secret += alphabet.substr(at, util::utf8_sequence_length(alphabet, at));
    }
}

Finding finding_with_secret(std::string line, uint32_t begin, uint32_t end) {
    Finding f;
    f.rule_id = "r";
    f.line_text = std::move(line);
    f.match = {begin, end};
    f.secret = {begin, end};
    return f;
}

TEST(DisplayedLine, MasksOnlyTheSecret) {
    std::string key = std::string("AK") + "IA" + "Z4MQ2TRX7VPLKW5N";
    std::string line = "aws_key = \"" + key + "\" # prod";
    Finding f = finding_with_secret(line, 11, uint32_t(11 + key.size()));
    EXPECT_EQ(f.secret_text(), key);
    EXPECT_EQ(displayed_line(f, false), "aws_key = \"AKIA" + k_ellipsis + "\" # prod");
    EXPECT_EQ(displayed_line(f, true), line);
}

TEST(DisplayedLine, SecretAfterNonAsciiText) {
    std::string secret = "s3cr3t-t0ken-value";
    std::string line = "m\xC3\xB6t \xE2\x82\xAC = " + secret;
    auto begin = uint32_t(line.size() - secret.size());
    Finding f = finding_with_secret(line, begin, uint32_t(line.size()));
    EXPECT_EQ(displayed_line(f, false), "m\xC3\xB6t \xE2\x82\xAC = s3cr" + k_ellipsis);
}

TEST(DisplayedLine, WithoutASecretTheLineIsShownAsIs) {
    Finding f;
    f.line_text = "eval(input())";
    f.match = {0, 4};
    EXPECT_FALSE(f.has_secret());
    EXPECT_EQ(displayed_line(f, false), "eval(input())");
}

TEST(DisplayedLine, MasksEverySecretOfTheLine) {
    std::string a = "first-secret-0123456789";
    std::string b = "second-secret-9876543210";
    std::string line = "a=" + a + " b=" + b + " end";
    auto a_begin = uint32_t(line.find(a));
    auto b_begin = uint32_t(line.find(b));
    Finding f = finding_with_secret(line, a_begin, uint32_t(a_begin + a.size()));
    f.line_secrets = {{a_begin, uint32_t(a_begin + a.size())},
                      {b_begin, uint32_t(b_begin + b.size())}};
    EXPECT_EQ(displayed_line(f, false), "a=firs" + k_ellipsis + " b=seco" + k_ellipsis + " end");
    EXPECT_EQ(displayed_line(f, true), line);
    // A finding without a secret of its own (a non-secret rule) still masks its line's secrets.
    f.secret = {};
    EXPECT_EQ(displayed_line(f, false), "a=firs" + k_ellipsis + " b=seco" + k_ellipsis + " end");
}

TEST(DisplayedLine, OverlappingSecretsAreMaskedAsOne) {
    std::string line = "k=abcdefghijklmnopqrstuvwxyz!";
    Finding f = finding_with_secret(line, 2, 20);
    f.line_secrets = {{10, 28}, {2, 20}};
    EXPECT_EQ(displayed_line(f, false), "k=abcd" + k_ellipsis + "!");
}

TEST(DisplayedLine, SpansRunningPastTheLineAreMaskedToItsEnd) {
    // Never show what a span claims is secret: clamp it to the line and mask that part.
    Finding f = finding_with_secret("short line", 2, 50);
    std::string shown = displayed_line(f, false);
    EXPECT_EQ(shown, "shor\xE2\x80\xA6");
}

TEST(Fingerprint, IsSha256OfRulePathAndSecretSeparatedByNul) {
    std::string fp = fingerprint_for("aws-access-token", "src/a.py", "SECRETVALUE");
    EXPECT_EQ(fp.size(), 64u);
    EXPECT_EQ(fp, util::sha256_hex(std::string("aws-access-token") + '\0' + "src/a.py" + '\0' +
                                   "SECRETVALUE"));
    EXPECT_EQ(fp, fingerprint_for("aws-access-token", "src/a.py", "SECRETVALUE"));
}

TEST(Fingerprint, EachPartMatters) {
    std::string base = fingerprint_for("rule", "a.py", "secret-one");
    EXPECT_NE(base, fingerprint_for("rule2", "a.py", "secret-one"));
    EXPECT_NE(base, fingerprint_for("rule", "b.py", "secret-one"));
    EXPECT_NE(base, fingerprint_for("rule", "a.py", "secret-two"));
    // The separators keep shifted boundaries apart.
    EXPECT_NE(fingerprint_for("ab", "c", "d"), fingerprint_for("a", "bc", "d"));
    EXPECT_NE(fingerprint_for("a", "bc", "d"), fingerprint_for("a", "b", "cd"));
}

} // namespace
} // namespace vigil::core
