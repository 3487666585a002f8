#include "repository_impl.hpp"

#include <cstdlib>
#include <filesystem>
#include <git2/sys/repository.h>
#include <vigil/util/env.hpp>

namespace vigil::git {
namespace fs = std::filesystem;
using detail::git_failure;
using detail::last_error_text;

namespace {

const char* env_value(const char* name, bool use_environment) {
    if (!use_environment) {
        return nullptr;
    }
    return util::env_value(name);
}

// The top of the work tree (or git dir) that would be opened from `start`, for messages.
std::string guess_repository_top(const std::string& start) {
    std::error_code ec;
    fs::path p = fs::absolute(start, ec);
    for (; !p.empty(); p = p.parent_path()) {
        if (fs::exists(p / ".git", ec) ||
            (fs::exists(p / "HEAD", ec) && fs::exists(p / "objects", ec))) {
            return p.string();
        }
        if (p == p.parent_path()) {
            break;
        }
    }
    return fs::absolute(start, ec).string();
}

int open_raw(git_repository** out, const std::string& start, const char* git_dir_env,
             const char* ceiling_dirs) {
    if (git_dir_env) {
        return git_repository_open_ext(out, git_dir_env, GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
    }
    return git_repository_open_ext(out, start.c_str(), 0, ceiling_dirs);
}

util::Expected<void> attach_index(git_repository* repo, const std::string& index_path);

} // namespace

namespace detail {

util::Expected<git_index*> repository_index(const Repository& repo) {
    Repository::Impl& impl = repo.impl();
    if (!impl.index_path.empty() && !impl.index_attached) {
        VIGIL_TRY(attach_index(impl.repo.get(), impl.index_path));
        impl.index_attached = true;
    }
    git_index* index = nullptr;
    if (git_repository_index(&index, impl.repo.get()) < 0) {
        return git_failure("cannot read the index");
    }
    return index;
}

} // namespace detail

namespace {

util::Expected<void> attach_index(git_repository* repo, const std::string& index_path) {
    git_index* index = nullptr;
    if (git_index_open(&index, index_path.c_str()) < 0) {
        return git_failure("cannot read the index named by GIT_INDEX_FILE (" + index_path + ")");
    }
    detail::IndexPtr owned(index);
    if (git_repository_set_index(repo, index) < 0) {
        return git_failure("cannot use the index " + index_path);
    }
    return {};
}

} // namespace

Repository::Repository(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

util::Expected<Repository> Repository::open(const OpenOptions& opts) {
    detail::ensure_libgit2();
    auto impl = std::make_unique<Impl>();
    const char* git_dir_env = env_value("GIT_DIR", opts.use_environment);
    // Discovery stops at GIT_CEILING_DIRECTORIES, as git's does.
    const char* ceiling_dirs = env_value("GIT_CEILING_DIRECTORIES", opts.use_environment);

    git_repository* raw = nullptr;
    int rc = open_raw(&raw, opts.start_path, git_dir_env, ceiling_dirs);
    if (rc < 0 && last_error_text().find("safe.directory") != std::string::npos) {
        // libgit2 1.5 reports an owner mismatch as "not found" with this message.
        std::string top = guess_repository_top(opts.start_path);
        if (!util::running_in_ci()) {
            return util::runtime_error(
                "the repository at " + top + " is owned by another user",
                "if you trust it, run: git config --global --add safe.directory '" + top + "'");
        }
        impl->allow_foreign_owner = true;
        git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
        rc = open_raw(&raw, opts.start_path, git_dir_env, ceiling_dirs);
    }
    if (rc < 0) {
        std::string where = git_dir_env ? std::string(git_dir_env) + " (from GIT_DIR)"
                                        : fs::absolute(opts.start_path).string();
        if (rc == GIT_ENOTFOUND) {
            return util::runtime_error(
                "not a git repository (or any parent directory): " + where,
                "run vigil inside a repository, pass --repo DIR, or scan files with "
                "'vigil scan PATH...'");
        }
        return git_failure("cannot open the repository at " + where);
    }
    impl->repo.reset(raw);

    if (const char* work_tree = env_value("GIT_WORK_TREE", opts.use_environment)) {
        std::string abs = fs::absolute(work_tree).string();
        if (git_repository_set_workdir(raw, abs.c_str(), 0) < 0) {
            return git_failure("cannot use GIT_WORK_TREE " + abs);
        }
    }
    if (const char* index_file = env_value("GIT_INDEX_FILE", opts.use_environment)) {
        // git gives hooks a path relative to the work-tree top, where hooks run: resolve it
        // against the current directory, as git does.
        // Attached when first needed (detail::repository_index): loading a large index into
        // libgit2 costs more than a whole `--staged` run, which reads the file itself. A
        // missing file is an empty index, as in git.
        impl->index_path = fs::absolute(index_file).lexically_normal().string();
    }
    impl->git_dir = git_repository_path(raw);
    impl->common_dir = git_repository_commondir(raw);
    const char* workdir = git_repository_workdir(raw);
    impl->workdir = workdir ? workdir : "";
    return Repository(std::move(impl));
}

util::Expected<Repository> Repository::reopen() const {
    auto impl =
        std::make_unique<Impl>(Impl{nullptr, m_impl->git_dir, m_impl->common_dir, m_impl->workdir,
                                    m_impl->index_path, m_impl->allow_foreign_owner});
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, m_impl->git_dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH,
                                nullptr) < 0) {
        return git_failure("cannot reopen the repository at " + m_impl->git_dir);
    }
    impl->repo.reset(raw);
    if (!impl->workdir.empty()) {
        const char* current = git_repository_workdir(raw);
        if (!current || impl->workdir != current) {
            if (git_repository_set_workdir(raw, impl->workdir.c_str(), 0) < 0) {
                return git_failure("cannot use the work tree " + impl->workdir);
            }
        }
    }
    return Repository(std::move(impl));
}

bool Repository::is_bare() const {
    return m_impl->workdir.empty();
}
std::string Repository::git_dir() const {
    return m_impl->git_dir;
}
std::string Repository::common_dir() const {
    return m_impl->common_dir;
}
std::string Repository::workdir() const {
    return m_impl->workdir;
}
bool Repository::opened_despite_foreign_owner() const {
    return m_impl->allow_foreign_owner;
}

} // namespace vigil::git
