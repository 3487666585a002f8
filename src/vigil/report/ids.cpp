#include <map>
#include <vigil/report/ids.hpp>
#include <vigil/util/sha256.hpp>

namespace vigil::report {

std::vector<std::string> occurrence_ids(const std::vector<core::Finding>& findings) {
    std::map<std::string, size_t> seen;
    std::vector<std::string> ids;
    ids.reserve(findings.size());
    for (const auto& f : findings) {
        size_t n = seen[f.fingerprint + '\0' + f.commit]++;
        ids.push_back(util::sha256_hex(f.fingerprint + ':' + f.commit + ':' + std::to_string(n)));
    }
    return ids;
}

std::string uuid_from_hex(std::string_view hex) {
    std::string h(hex.substr(0, 32));
    h[12] = '5'; // version 5: name-based
    const char variant[] = "89ab";
    h[16] = variant[std::string_view("0123456789abcdef").find(h[16]) & 3];
    return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4) +
           '-' + h.substr(20, 12);
}

std::string base64(std::string_view bytes) {
    static constexpr char k_digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t n = uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size()) {
            n |= uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
        }
        if (i + 2 < bytes.size()) {
            n |= uint32_t(static_cast<unsigned char>(bytes[i + 2]));
        }
        out += k_digits[(n >> 18) & 63];
        out += k_digits[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? k_digits[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? k_digits[n & 63] : '=';
    }
    return out;
}

} // namespace vigil::report
