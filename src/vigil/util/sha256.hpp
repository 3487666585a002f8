// util: SHA-256, for content fingerprints (never for security decisions about untrusted keys).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace vigil::util {

// Incremental SHA-256 (FIPS 180-4).
class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    std::array<uint8_t, 32> finish();

private:
    void block(const uint8_t* p);
    std::array<uint32_t, 8> m_state;
    std::array<uint8_t, 64> m_buffer{};
    size_t m_buffered = 0;
    uint64_t m_length = 0;
};

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

std::string to_hex(const uint8_t* data, size_t size);

} // namespace vigil::util
