#include "cache_tree.hpp"

#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Reads one index entry (formats 2, 3 and 4; see git's Documentation/gitformat-index).
// Fails on what vigil does not model: intent-to-add and skip-worktree entries.
bool read_entry(Reader& r, uint32_t version, std::string_view previous, IndexEntry& out,
                std::vector<std::string>& expanded) {
    size_t start = r.pos();
    constexpr size_t k_mode_at = 24; // after ctime, mtime, dev, ino
    constexpr size_t k_id_at = 40;   // after mode, uid, gid, size
    constexpr size_t k_fixed = 40 + k_oid_size;
    if (!r.has(k_fixed + 2)) {
        return false;
    }
    r.seek(start + k_mode_at);
    out.mode = r.u32();
    r.seek(start + k_id_at);
    std::memcpy(out.id.id, r.bytes(k_oid_size).data(), k_oid_size);
    uint16_t flags = r.u16();
    out.stage = uint16_t((flags >> 12) & 3);
    size_t header = k_fixed + 2;
    if (version >= 3 && (flags & 0x4000)) {
        if (!r.has(2) || (r.u16() & 0x6000)) {
            return false; // intent-to-add or skip-worktree
        }
        header += 2;
    }
    if (version == 4) {
        // The path is the previous one less N trailing bytes (a varint), plus a suffix.
        uint64_t strip = 0;
        if (!r.has(1)) {
            return false;
        }
        uint8_t c = uint8_t(r.bytes(1)[0]);
        strip = c & 0x7f;
        while (c & 0x80) {
            if (!r.has(1) || strip > (uint64_t(1) << 40)) {
                return false;
            }
            c = uint8_t(r.bytes(1)[0]);
            strip = ((strip + 1) << 7) | (c & 0x7f);
        }
        auto suffix = r.until('\0');
        if (!suffix || strip > previous.size()) {
            return false;
        }
        std::string& path = expanded.emplace_back(previous.substr(0, previous.size() - strip));
        path.append(*suffix);
        out.path = path; // `expanded` was reserved for every entry: no reallocation moves it
        return true;
    }
    auto name = r.until('\0');
    if (!name) {
        return false;
    }
    out.path = *name;
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

std::optional<IndexFile> read_index_file(const std::string& path) {
    // Mapped with MAP_POPULATE: one call maps every page, where reading into a buffer (or
    // faulting pages in one by one) costs a page fault per 4 KiB, expensive on VMs.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < 12) {
        ::close(fd);
        return std::nullopt;
    }
    size_t file_size = size_t(st.st_size);
    void* bytes = ::mmap(nullptr, file_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (bytes == MAP_FAILED) {
        return std::nullopt;
    }
    std::shared_ptr<const void> mapping(
        bytes, [file_size](const void* p) { ::munmap(const_cast<void*>(p), file_size); });
    std::string_view data(static_cast<const char*>(bytes), file_size);
    Reader r(data);
    if (!r.has(12) || data.compare(0, 4, "DIRC") != 0) {
        return std::nullopt;
    }
    r.seek(4);
    uint32_t version = r.u32();
    uint32_t count = r.u32();
    if (version < 2 || version > 4 || count > data.size() / 40) {
        return std::nullopt;
    }
    IndexFile out;
    out.mapping = mapping;
    out.entries.resize(count);
    if (version == 4) {
        out.expanded_paths.reserve(count);
    }
    std::string_view previous;
    for (uint32_t i = 0; i < count; ++i) {
        if (!read_entry(r, version, previous, out.entries[i], out.expanded_paths)) {
            return std::nullopt;
        }
        previous = out.entries[i].path;
    }
    // Extensions, then the file's checksum.
    bool have_tree = false;
    while (r.has(8 + k_oid_size)) {
        std::string_view signature = r.bytes(4);
        uint32_t size = r.u32();
        if (!r.has(size)) {
            return std::nullopt;
        }
        std::string_view body = r.bytes(size);
        if (signature == "TREE") {
            Reader tree(body);
            if (size == 0 || !parse_tree_node(tree, "", true, out.cache, 0)) {
                return std::nullopt;
            }
            have_tree = true;
        } else if (signature[0] < 'A' || signature[0] > 'Z') {
            return std::nullopt; // required by git (split index "link", sparse "sdir", ...)
        }
    }
    if (!have_tree) {
        return std::nullopt;
    }
    return out;
}

std::optional<CacheTree> read_cache_tree(const std::string& path) {
    auto file = read_index_file(path);
    return file ? std::optional<CacheTree>(std::move(file->cache)) : std::nullopt;
}

} // namespace vigil::git::detail
