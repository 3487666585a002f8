// git (module-private): the index's cache-tree ("TREE" extension), which records, for every
// folder whose entries have not changed since git last wrote a tree, that tree's id. git uses
// it so `git diff --cached` never opens unchanged folders; libgit2 1.5 reads it but does not
// use it for diffs nor expose it, so vigil reads it from the index file itself.
#pragma once

#include <git2.h>
#include <optional>
#include <string>
#include <unordered_map>

namespace vigil::git::detail {

struct CacheTree {
    // Folder path ("" for the top, "src/util" below it) -> tree id, for valid entries only.
    std::unordered_map<std::string, git_oid> valid;
};

// The cache-tree of the index file at `path`; nullopt when the file cannot be read or parsed,
// has no cache-tree, or is a split or sparse index (callers then do a full diff).
std::optional<CacheTree> read_cache_tree(const std::string& path);

} // namespace vigil::git::detail
