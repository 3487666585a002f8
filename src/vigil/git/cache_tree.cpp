#include "cache_tree.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string_view>

namespace vigil::git::detail {
namespace {

constexpr size_t k_oid_size = 20; // SHA-1; libgit2 1.5 opens no other kind of repository

class Reader {
public:
    explicit Reader(std::string_view data) : m_data(data) {}
    bool has(size_t n) const { return m_pos + n <= m_data.size(); }
    size_t pos() const { return m_pos; }
    void seek(size_t pos) { m_pos = pos; }
    uint32_t u32() {
        auto b = reinterpret_cast<const uint8_t*>(m_data.data() + m_pos);
        m_pos += 4;
        return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
    }
    uint16_t u16() {
        auto b = reinterpret_cast<const uint8_t*>(m_data.data() + m_pos);
        m_pos += 2;
        return uint16_t((b[0] << 8) | b[1]);
    }
    // Up to (not including) the next `stop` byte, which is consumed; nullopt if none.
    std::optional<std::string_view> until(char stop) {
        size_t end = m_data.find(stop, m_pos);
        if (end == std::string_view::npos) {
            return std::nullopt;
        }
        std::string_view out = m_data.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return out;
    }
    std::string_view bytes(size_t n) {
        std::string_view out = m_data.substr(m_pos, n);
        m_pos += n;
        return out;
    }

private:
    std::string_view m_data;
    size_t m_pos = 0;
};

// Steps over one index entry (formats 2, 3 and 4; see git's Documentation/gitformat-index).
bool skip_entry(Reader& r, uint32_t version) {
    size_t start = r.pos();
    constexpr size_t k_fixed = 40 + k_oid_size; // stat data, then the object id
    if (!r.has(k_fixed + 2)) {
        return false;
    }
    r.seek(start + k_fixed);
    uint16_t flags = r.u16();
    size_t header = k_fixed + 2;
    if (version >= 3 && (flags & 0x4000)) {
        if (!r.has(2)) {
            return false;
        }
        r.u16();
        header += 2;
    }
    if (version == 4) {
        // Path prefix compression: a varint (bytes with the high bit set, then one without),
        // then the rest of the path up to a NUL; no padding.
        while (r.has(1) && (r.bytes(1)[0] & 0x80)) {
        }
        return r.until('\0').has_value();
    }
    auto name = r.until('\0');
    if (!name) {
        return false;
    }
    // Entries are padded with NULs to a multiple of 8 bytes (1 to 8 NULs after the name).
    size_t length = (header + name->size() + 8) & ~size_t(7);
    if (start + length > r.pos() + 8 || start + length < r.pos()) {
        return false;
    }
    r.seek(start + length);
    return true;
}

bool parse_tree_node(Reader& r, const std::string& parent, bool top, CacheTree& out, int depth) {
    auto name = r.until('\0');
    auto entries = r.until(' ');
    auto subtrees = r.until('\n');
    if (!name || !entries || !subtrees || depth > 4096) {
        return false;
    }
    std::string path = top              ? std::string()
                       : parent.empty() ? std::string(*name)
                                        : parent + "/" + std::string(*name);
    long entry_count = std::strtol(std::string(*entries).c_str(), nullptr, 10);
    long subtree_count = std::strtol(std::string(*subtrees).c_str(), nullptr, 10);
    if (entry_count >= 0) {
        if (!r.has(k_oid_size)) {
            return false;
        }
        git_oid id;
        std::memcpy(id.id, r.bytes(k_oid_size).data(), k_oid_size);
        out.valid.emplace(path, id);
    }
    for (long i = 0; i < subtree_count; ++i) {
        if (!parse_tree_node(r, path, false, out, depth + 1)) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<CacheTree> read_cache_tree(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string data(std::istreambuf_iterator<char>(in), {});
    Reader r(data);
    if (!r.has(12) || data.compare(0, 4, "DIRC") != 0) {
        return std::nullopt;
    }
    r.seek(4);
    uint32_t version = r.u32();
    uint32_t count = r.u32();
    if (version < 2 || version > 4) {
        return std::nullopt;
    }
    for (uint32_t i = 0; i < count; ++i) {
        if (!skip_entry(r, version)) {
            return std::nullopt;
        }
    }
    // Extensions, then the file's checksum.
    while (r.has(8 + k_oid_size)) {
        std::string_view signature = r.bytes(4);
        uint32_t size = r.u32();
        if (!r.has(size)) {
            return std::nullopt;
        }
        if (signature == "link" || signature == "sdir") {
            return std::nullopt; // split or sparse index: entries live elsewhere
        }
        if (signature != "TREE") {
            r.bytes(size);
            continue;
        }
        Reader tree(r.bytes(size));
        CacheTree out;
        if (size == 0 || !parse_tree_node(tree, "", true, out, 0)) {
            return std::nullopt;
        }
        return out;
    }
    return std::nullopt;
}

} // namespace vigil::git::detail
