// SHA-1 as FIPS 180-4 defines it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vigil/util/sha1.hpp>
#include <vigil/util/sha256.hpp>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#endif

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

// The SHA extensions (x86, since Intel Goldmont and AMD Zen) do four rounds per instruction:
// ~4x the portable code. Patches hash every file they change, once per suggestion.
#if defined(__x86_64__) || defined(__i386__)
#define VIGIL_SHA1_X86 1

// Four rounds, 4g to 4g + 3, with the message schedule interleaved as Intel's guide does.
template <int g>
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void
rounds(__m128i& abcd, __m128i& e0, __m128i& e1, __m128i (&m)[4]) {
    __m128i& e = g % 2 ? e1 : e0;
    __m128i& other = g % 2 ? e0 : e1;
    e = g == 0 ? _mm_add_epi32(e, m[0]) : _mm_sha1nexte_epu32(e, m[g % 4]);
    other = abcd;
    if constexpr (g >= 3 && g <= 18) {
        m[(g + 1) % 4] = _mm_sha1msg2_epu32(m[(g + 1) % 4], m[g % 4]);
    }
    abcd = _mm_sha1rnds4_epu32(abcd, e, g / 5);
    if constexpr (g >= 1 && g <= 16) {
        m[(g - 1) % 4] = _mm_sha1msg1_epu32(m[(g - 1) % 4], m[g % 4]);
    }
    if constexpr (g >= 2 && g <= 17) {
        m[(g - 2) % 4] = _mm_xor_si128(m[(g - 2) % 4], m[g % 4]);
    }
}

template <int... g>
__attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline void
all_rounds(__m128i& abcd, __m128i& e0, __m128i& e1, __m128i (&m)[4],
           std::integer_sequence<int, g...>) {
    (rounds<g>(abcd, e0, e1, m), ...);
}

__attribute__((target("sha,sse4.1,ssse3"))) void compress_sha_ni(std::array<uint32_t, 5>& h,
                                                                 const uint8_t* p, size_t blocks) {
    const __m128i big_endian = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd =
        _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data())), 0x1b);
    __m128i e0 = _mm_set_epi32(int(h[4]), 0, 0, 0);
    for (; blocks > 0; --blocks, p += 64) {
        __m128i abcd_before = abcd;
        __m128i e_before = e0;
        __m128i e1;
        __m128i m[4];
        for (int i = 0; i < 4; ++i) {
            m[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i)),
                                    big_endian);
        }
        all_rounds(abcd, e0, e1, m, std::make_integer_sequence<int, 20>());
        e0 = _mm_sha1nexte_epu32(e0, e_before);
        abcd = _mm_add_epi32(abcd, abcd_before);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h.data()), _mm_shuffle_epi32(abcd, 0x1b));
    h[4] = uint32_t(_mm_extract_epi32(e0, 3));
}

bool has_sha_ni() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    bool sse41 = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) && (c & bit_SSSE3);
    return sse41 && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
}
#endif

void compress_blocks(std::array<uint32_t, 5>& h, const uint8_t* p, size_t blocks, bool portable) {
#ifdef VIGIL_SHA1_X86
    static const bool sha_ni = has_sha_ni();
    if (sha_ni && !portable) {
        compress_sha_ni(h, p, blocks);
        return;
    }
#endif
    for (; blocks > 0; --blocks, p += 64) {
        compress(h, p);
    }
}

} // namespace

void Sha1::update(std::string_view bytes) {
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    size_t size = bytes.size();
    m_length += size;
    if (m_buffered > 0) {
        size_t take = std::min(size, sizeof m_buffer - m_buffered);
        std::memcpy(m_buffer + m_buffered, data, take);
        m_buffered += take;
        data += take;
        size -= take;
        if (m_buffered < sizeof m_buffer) {
            return;
        }
        compress_blocks(m_h, m_buffer, 1, m_portable);
        m_buffered = 0;
    }
    compress_blocks(m_h, data, size / 64, m_portable);
    data += size / 64 * 64;
    m_buffered = size % 64;
    std::memcpy(m_buffer, data, m_buffered);
}

std::string Sha1::hex() {
    // The tail, the 0x80 marker and the bit length fill one or two more blocks.
    uint8_t tail[128] = {};
    std::memcpy(tail, m_buffer, m_buffered);
    tail[m_buffered] = 0x80;
    size_t tail_size = m_buffered + 1 + 8 <= 64 ? 64 : 128;
    uint64_t bits = m_length * 8;
    for (int i = 0; i < 8; ++i) {
        tail[tail_size - 1 - i] = uint8_t(bits >> (8 * i));
    }
    compress_blocks(m_h, tail, tail_size / 64, m_portable);
    uint8_t out[20];
    for (int i = 0; i < 5; ++i) {
        out[4 * i] = uint8_t(m_h[i] >> 24);
        out[4 * i + 1] = uint8_t(m_h[i] >> 16);
        out[4 * i + 2] = uint8_t(m_h[i] >> 8);
        out[4 * i + 3] = uint8_t(m_h[i]);
    }
    return to_hex(out, sizeof out);
}

std::string sha1_hex(std::string_view bytes) {
    Sha1 sha;
    sha.update(bytes);
    return sha.hex();
}

std::string git_blob_id(std::string_view content) {
    // Streamed: the content is not copied behind its header.
    Sha1 sha;
    sha.update("blob " + std::to_string(content.size()));
    sha.update(std::string_view("\0", 1));
    sha.update(content);
    return sha.hex();
}

} // namespace vigil::util
