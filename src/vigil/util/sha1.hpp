// util: SHA-1, only to name content the way git does (blob ids in patches); never for
// anything that must resist an attacker.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace vigil::util {

// SHA-1 over bytes given in pieces. Uses the CPU's SHA instructions when it has them, unless
// `portable` (tests compare the two).
class Sha1 {
public:
    explicit Sha1(bool portable = false) : m_portable(portable) {}
    void update(std::string_view bytes);
    // Lower-case hex digest of everything given; call once.
    std::string hex();

private:
    std::array<uint32_t, 5> m_h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    uint8_t m_buffer[64] = {};
    size_t m_buffered = 0;
    uint64_t m_length = 0;
    bool m_portable;
};

// Lower-case hex SHA-1 of the bytes.
std::string sha1_hex(std::string_view bytes);

// The id git gives a blob holding `content`: SHA-1 of "blob <size>\0" + content.
std::string git_blob_id(std::string_view content);

} // namespace vigil::util
