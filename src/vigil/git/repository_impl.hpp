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
};

namespace detail {
inline git_repository* raw(const Repository& r) {
    return r.impl().repo.get();
}
} // namespace detail

} // namespace vigil::git
