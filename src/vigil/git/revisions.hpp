// git (module-private): resolving revisions, ranges and trees.
#pragma once

#include "handles.hpp"

#include <string_view>
#include <utility>
#include <vigil/git/sources.hpp>

namespace vigil::git::detail {

// HEAD's tree, or a null tree when HEAD is unborn (the first commit diffs the empty tree).
util::Expected<TreePtr> head_tree_or_empty(git_repository* repo);

// The commit `rev` names (any revision syntax git accepts); usage error when it names none.
util::Expected<CommitPtr> resolve_commit(git_repository* repo, std::string_view rev);

// "A..B" -> (A, B); "A...B" -> (merge-base(A, B), B). A missing side means HEAD.
util::Expected<std::pair<CommitPtr, CommitPtr>> resolve_range(git_repository* repo,
                                                              std::string_view range);

util::Expected<TreePtr> tree_of(git_commit* commit);

// The first parent's tree, or a null tree for a root commit.
util::Expected<TreePtr> first_parent_tree(git_commit* commit);

// The name of the branch HEAD should be compared with (its upstream, else the default branch),
// or a usage error saying what to pass instead.
util::Expected<std::string> default_base_branch(git_repository* repo);

// Defined in sources.cpp; shared with the history walker.
} // namespace vigil::git::detail

namespace vigil::git {
util::Expected<core::ChangeSet> diff_commit(git_repository* repo, git_commit* commit,
                                            const DiffOptions& opts);
} // namespace vigil::git
