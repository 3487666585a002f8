// git: opening repositories the way git does (discovery, GIT_DIR, GIT_INDEX_FILE for hooks,
// linked worktrees, bare repositories) and reading revisions.
#pragma once

#include <memory>
#include <string>
#include <vigil/util/error.hpp>

namespace vigil::git {

struct OpenOptions {
    // Where to start looking for the repository (like `git -C`).
    std::string start_path = ".";
    // Honour GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE as git does (hooks rely on them).
    bool use_environment = true;
};

class Repository {
public:
    // Finds and opens the repository containing opts.start_path.
    // Fails (runtime) when there is none, with a hint; when the repository belongs to another
    // user it fails with the safe.directory hint, except in CI (CI set), where it warns on
    // stderr and opens it: vigil only reads and runs nothing from repository config.
    static util::Expected<Repository> open(const OpenOptions& opts);

    // Another handle on the same repository and index, for use on another thread.
    util::Expected<Repository> reopen() const;

    Repository(Repository&&) noexcept;
    Repository& operator=(Repository&&) noexcept;
    ~Repository();

    bool is_bare() const;
    std::string git_dir() const;
    // The folder linked worktrees share (objects, refs, hooks); the git dir for the main one.
    std::string common_dir() const;
    // The work tree with a trailing '/', or empty for a bare repository.
    std::string workdir() const;
    // True when the repository belongs to another user and was opened because CI is set; the
    // caller should say so on stderr.
    bool opened_despite_foreign_owner() const;

    struct Impl;
    Impl& impl() const { return *m_impl; }

private:
    explicit Repository(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil::git
