// git (module-private): the index's cache-tree ("TREE" extension), which records, for every
// folder whose entries have not changed since git last wrote a tree, that tree's id. git uses
// it so `git diff --cached` never opens unchanged folders; libgit2 1.5 reads it but does not
// use it for diffs nor expose it, so vigil reads it from the index file itself.
#pragma once

#include <git2.h>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil::git::detail {

struct CacheTree {
    // Folder path ("" for the top, "src/util" below it) -> tree id, for valid entries only.
    std::unordered_map<std::string, git_oid> valid;
};

struct IndexEntry {
    std::string_view path; // into IndexFile's mapping (or its own storage for format 4)
    uint32_t mode = 0;
    uint16_t stage = 0;
    git_oid id{};
};

// What vigil needs of an index file: its entries (sorted as git keeps them: by path, then
// stage) and its cache-tree.
struct IndexFile {
    std::vector<IndexEntry> entries;
    CacheTree cache;
    std::shared_ptr<const void> mapping;     // keeps the file's bytes the paths point into
    std::vector<std::string> expanded_paths; // format 4 paths (prefix-compressed on disk)
};

// Reads the index file at `path` (formats 2 to 4). nullopt when it cannot be read or parsed,
// has no cache-tree, is a split or sparse index, has entries marked intent-to-add or
// skip-worktree, or an extension git marks as required that this reader does not know:
// callers then let libgit2 read the index and diff everything.
std::optional<IndexFile> read_index_file(const std::string& path);

// read_index_file(path)->cache.
std::optional<CacheTree> read_cache_tree(const std::string& path);

} // namespace vigil::git::detail
