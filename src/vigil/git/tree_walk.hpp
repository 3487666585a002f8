// git (module-private): diffs of two trees that only look at what changed.
//
// libgit2 1.5's git_diff_tree_to_tree expands every subtree of both sides, even those whose ids
// are equal, so each diff costs O(files in the repository). git skips equal subtrees; so do
// we: walk the two trees, collect the paths that differ, then let libgit2 diff only those.
#pragma once

#include "handles.hpp"

#include <string>
#include <vector>
#include <vigil/git/sources.hpp>

namespace vigil::git::detail {

struct ChangedPaths {
    std::vector<std::string> paths;
    bool any_removed = false; // some path exists only on the old side (rename candidates)
};

// Paths (files, and files becoming folders or back) that differ between trees a and b (either
// may be null: the empty tree). Recurses only into subtrees whose ids differ.
util::Expected<void> changed_paths(git_repository* repo, const git_tree* a, const git_tree* b,
                                   const std::string& prefix, ChangedPaths& out);

// git_diff_tree_to_tree limited to `paths` (literal paths; none: a null diff).
util::Expected<DiffPtr> diff_paths(git_repository* repo, git_tree* old_tree, git_tree* new_tree,
                                   std::vector<std::string> paths, const DiffOptions& opts);

// git_diff_tree_to_tree limited to the changed paths (null diff when nothing changed).
util::Expected<DiffPtr> diff_trees(git_repository* repo, git_tree* old_tree, git_tree* new_tree,
                                   const DiffOptions& opts);

} // namespace vigil::git::detail
