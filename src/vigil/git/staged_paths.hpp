// git (module-private): which paths of the index can differ from HEAD, found without opening
// the folders the index's cache-tree proves unchanged (as git does for `diff --cached`).
#pragma once

#include "cache_tree.hpp"
#include "handles.hpp"

#include <optional>
#include <string>
#include <vector>

namespace vigil::git::detail {

// Paths to give libgit2 as a literal pathspec (files, and "dir/" for folders only the index
// has), covering every difference between head_tree (null when unborn) and the index.
// nullopt when the index holds conflicts or anything else this walk does not model: the
// caller then diffs everything.
util::Expected<std::optional<std::vector<std::string>>>
staged_paths(git_repository* repo, const IndexFile& index, git_tree* head_tree);

// An in-memory index holding the entries of `index` that `paths` (as staged_paths returns
// them) covers: enough for libgit2 to diff those paths without reading the whole index.
util::Expected<IndexPtr> partial_index(const IndexFile& index,
                                       const std::vector<std::string>& paths);

} // namespace vigil::git::detail
