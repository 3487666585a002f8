// git (module-private): turning a git_diff into a core::ChangeSet.
#pragma once

#include "handles.hpp"

#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/change.hpp>
#include <vigil/git/sources.hpp>

namespace vigil::git::detail {

git_diff_options make_diff_options(const DiffOptions& opts, bool include_untracked);

// Limits a diff to `paths` taken literally (files, or "dir/" for whole folders): libgit2's
// iterators then skip every folder not on the list. `storage` must outlive the diff call.
void limit_to_paths(git_diff_options& o, std::vector<std::string>& paths,
                    std::vector<char*>& storage);

// Rename/copy detection on the diff, when opts ask for it.
util::Expected<void> detect_renames(git_diff* diff, const DiffOptions& opts);

// Converts every delta; skipped files (binary, too large, submodule, symlink, LFS pointer)
// are listed in ChangeSet::skipped. `workdir` is the work tree when the diff's new side is
// the work tree (empty otherwise).
util::Expected<core::ChangeSet> to_change_set(git_repository* repo, git_diff* diff,
                                              const DiffOptions& opts, const std::string& workdir);

// True for a Git LFS pointer file (the content lives outside the repository).
bool is_lfs_pointer(std::string_view content);

// git's heuristic: a NUL byte in the first 8000 bytes makes a file binary.
bool looks_binary(std::string_view content);

} // namespace vigil::git::detail
