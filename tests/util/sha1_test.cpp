// SHA-1 against the FIPS 180-2 example vectors, and against git itself: `git hash-object`
// names the same bytes the way util::git_blob_id must (patch index lines depend on it).
// Lengths around the 64-byte block and the 55/56-byte padding boundary are checked both as raw
// messages (hashed as "blob N\0" + content by git, so the total hits the boundary) and as blob
// contents.
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vigil/util/sha1.hpp>

namespace vigil::test {
namespace {

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
        s.pop_back();
    }
    return s;
}

// What `git hash-object --stdin` says about `content` (no repository write).
std::string git_hash(const TempRepo& repo, const std::string& content) {
    ProcessOptions opts;
    opts.stdin_data = content;
    ProcessResult r = repo.git_result({"hash-object", "--stdin"}, opts);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return trimmed(r.out);
}

// Content with every byte value in play, so bit order and signedness mistakes show.
std::string pattern_bytes(size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) {
        out += char((i * 37 + 11) & 0xff);
    }
    return out;
}

std::string blob_header(size_t n) {
    return "blob " + std::to_string(n) + std::string(1, '\0');
}

TEST(Sha1, FipsEmpty) {
    EXPECT_EQ(util::sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST(Sha1, FipsAbc) {
    EXPECT_EQ(util::sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(Sha1, Fips448BitMessage) {
    EXPECT_EQ(util::sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST(Sha1, FipsMillionA) {
    EXPECT_EQ(util::sha1_hex(std::string(1000000, 'a')),
              "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Sha1, LowerCaseFortyHexDigits) {
    std::string h = util::sha1_hex(pattern_bytes(100));
    ASSERT_EQ(h.size(), 40u);
    EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
}

// Raw messages of 55, 56, 63, 64 and 65 bytes: git hashes "blob L\0" + content, an 8-byte header
// for two-digit L, so content of L = N - 8 bytes makes git hash exactly N bytes.
TEST(Sha1, PaddingBoundariesAgreeWithGit) {
    TempRepo repo;
    for (size_t total : {55u, 56u, 63u, 64u, 65u}) {
        size_t n = total - 8;
        std::string content = pattern_bytes(n);
        std::string message = blob_header(n) + content;
        ASSERT_EQ(message.size(), total);
        EXPECT_EQ(util::sha1_hex(message), git_hash(repo, content)) << "message of " << total;
    }
}

// Blob contents of 55, 56, 63, 64 and 65 bytes (and a few more around two blocks).
TEST(Sha1, GitBlobIdMatchesGitHashObject) {
    TempRepo repo;
    for (size_t n : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 127u, 128u, 129u, 1000u}) {
        std::string content = pattern_bytes(n);
        std::string expected = git_hash(repo, content);
        EXPECT_EQ(util::git_blob_id(content), expected) << "content of " << n << " bytes";
        EXPECT_EQ(util::sha1_hex(blob_header(n) + content), expected) << n;
    }
}

TEST(Sha1, GitBlobIdOfTextWithNewlinesCrlfAndNonAscii) {
    TempRepo repo;
    for (std::string content :
         {std::string("hello\n"), std::string("a\r\nb\r\n"), std::string("no final newline"),
          std::string("caf\xC3\xA9 \xC3\xBC\n"), std::string("nul\0byte\n", 9),
          std::string(100000, 'x')}) {
        EXPECT_EQ(util::git_blob_id(content), git_hash(repo, content)) << content.size();
    }
}

TEST(Sha1, GitBlobIdOfAFileGitStored) {
    TempRepo repo;
    std::string content = "line one\nline two\n";
    repo.write("f.txt", content);
    repo.git({"add", "f.txt"});
    EXPECT_EQ(util::git_blob_id(content), repo.git({"rev-parse", ":f.txt"}));
    EXPECT_EQ(util::git_blob_id(content), repo.git({"hash-object", "f.txt"}));
}

// The CPU's SHA instructions (when it has them) and the portable code agree, on every length
// around the block and padding boundaries and on data given in uneven pieces.
TEST(Sha1, InstructionsAndPortableCodeAgreeInAnyPieces) {
    for (size_t n = 0; n <= 300; ++n) {
        std::string data = pattern_bytes(n);
        util::Sha1 portable(true);
        portable.update(data);
        std::string want = portable.hex();
        EXPECT_EQ(util::sha1_hex(data), want) << n;
        util::Sha1 pieces;
        for (size_t pos = 0, step = 1; pos < n; pos += step, step = step * 2 % 97 + 1) {
            pieces.update(std::string_view(data).substr(pos, step));
        }
        EXPECT_EQ(pieces.hex(), want) << n;
    }
    std::string big = pattern_bytes(1 << 20);
    util::Sha1 portable(true);
    portable.update(big);
    EXPECT_EQ(util::sha1_hex(big), portable.hex());
}

} // namespace
} // namespace vigil::test
