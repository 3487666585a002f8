// SHA-256 against the FIPS 180-4 / NIST example vectors, one-shot and incremental.
// Expected digests were produced with: python3 -c "import hashlib;
// print(hashlib.sha256(b'...').hexdigest())"
#include <gtest/gtest.h>
#include <string>
#include <vigil/util/sha256.hpp>

namespace vigil::util {
namespace {

std::string incremental_hex(std::string_view bytes, const std::vector<size_t>& chunk_sizes) {
    Sha256 h;
    size_t pos = 0;
    for (size_t i = 0; pos < bytes.size(); ++i) {
        size_t take = std::min(chunk_sizes[i % chunk_sizes.size()], bytes.size() - pos);
        h.update(bytes.substr(pos, take));
        pos += take;
    }
    auto digest = h.finish();
    return to_hex(digest.data(), digest.size());
}

TEST(Sha256, EmptyInput) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, Abc) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, Nist448BitVector) {
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, Nist896BitVector) {
    EXPECT_EQ(
        sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjkl"
                   "mnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, MillionAsInUnevenChunks) {
    std::string million(1'000'000, 'a');
    const char* expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    EXPECT_EQ(sha256_hex(million), expected);
    EXPECT_EQ(incremental_hex(million, {1, 63, 64, 65, 7, 1000, 3}), expected);
    EXPECT_EQ(incremental_hex(million, {4093}), expected);
}

TEST(Sha256, PaddingBoundaries) {
    // Lengths around the 55/56/64-byte points where padding needs one or two blocks.
    const std::pair<size_t, const char*> cases[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
    };
    for (const auto& [n, expected] : cases) {
        std::string input(n, 'a');
        EXPECT_EQ(sha256_hex(input), expected) << n;
        EXPECT_EQ(incremental_hex(input, {1}), expected) << n << " byte by byte";
        EXPECT_EQ(incremental_hex(input, {0, 5}), expected) << n << " with empty updates";
    }
}

TEST(Sha256, EveryByteValue) {
    std::string bytes;
    for (int i = 0; i < 256; ++i) {
        bytes += char(i);
    }
    EXPECT_EQ(sha256_hex(bytes),
              "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

TEST(Sha256, ToHexIsLowerCaseTwoDigitsPerByte) {
    const uint8_t bytes[] = {0x00, 0x0f, 0xa0, 0xff};
    EXPECT_EQ(to_hex(bytes, sizeof bytes), "000fa0ff");
    EXPECT_EQ(to_hex(bytes, 0), "");
}

} // namespace
} // namespace vigil::util
