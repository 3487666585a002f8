// git (module-private): what a Repository holds.
#pragma once

#include "handles.hpp"

#include <vigil/git/repository.hpp>

namespace vigil::git {

struct Repository::Impl {
    detail::RepoPtr repo;
    std::string git_dir;
    std::string common_dir; // shared by linked worktrees; the git dir otherwise
    std::string workdir;    // empty when bare
    std::string index_path; // empty: the repository's own index
    bool allow_foreign_owner = false;
    bool index_attached = false; // index_path loaded into libgit2 (on first need)
};

namespace detail {
inline git_repository* raw(const Repository& r) {
    return r.impl().repo.get();
}

// The repository's index for libgit2 — GIT_INDEX_FILE's when set, loaded on first call (one
// thread at a time: the diff readers call it from the run's thread). The caller frees it.
util::Expected<git_index*> repository_index(const Repository& repo);
} // namespace detail

} // namespace vigil::git
