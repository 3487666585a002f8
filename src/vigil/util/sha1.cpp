// SHA-1 as FIPS 180-4 defines it.
#include <array>
#include <cstdint>
#include <vigil/util/sha1.hpp>
#include <vigil/util/sha256.hpp>

namespace vigil::util {
namespace {

uint32_t rotl(uint32_t x, int n) {
    return (x << n) | (x >> (32 - n));
}

void compress(std::array<uint32_t, 5>& h, const uint8_t* p) {
    uint32_t w[80];
    for (int i = 0; i < 16; ++i) {
        w[i] = uint32_t(p[4 * i]) << 24 | uint32_t(p[4 * i + 1]) << 16 |
               uint32_t(p[4 * i + 2]) << 8 | uint32_t(p[4 * i + 3]);
    }
    for (int i = 16; i < 80; ++i) {
        w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
        uint32_t f, k;
        if (i < 20) {
            f = (b & c) | (~b & d);
            k = 0x5a827999;
        } else if (i < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1;
        } else if (i < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8f1bbcdc;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6;
        }
        uint32_t t = rotl(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

} // namespace

std::string sha1_hex(std::string_view bytes) {
    std::array<uint32_t, 5> h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    size_t full = bytes.size() / 64 * 64;
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    for (size_t i = 0; i < full; i += 64) {
        compress(h, data + i);
    }
    // The tail, the 0x80 marker and the bit length fill one or two more blocks.
    uint8_t tail[128] = {};
    size_t rest = bytes.size() - full;
    for (size_t i = 0; i < rest; ++i) {
        tail[i] = data[full + i];
    }
    tail[rest] = 0x80;
    size_t tail_size = rest + 1 + 8 <= 64 ? 64 : 128;
    uint64_t bits = uint64_t(bytes.size()) * 8;
    for (int i = 0; i < 8; ++i) {
        tail[tail_size - 1 - i] = uint8_t(bits >> (8 * i));
    }
    for (size_t i = 0; i < tail_size; i += 64) {
        compress(h, tail + i);
    }
    uint8_t out[20];
    for (int i = 0; i < 5; ++i) {
        out[4 * i] = uint8_t(h[i] >> 24);
        out[4 * i + 1] = uint8_t(h[i] >> 16);
        out[4 * i + 2] = uint8_t(h[i] >> 8);
        out[4 * i + 3] = uint8_t(h[i]);
    }
    return to_hex(out, sizeof out);
}

std::string git_blob_id(std::string_view content) {
    std::string object = "blob " + std::to_string(content.size());
    object.push_back('\0');
    object.append(content);
    return sha1_hex(object);
}

} // namespace vigil::util
