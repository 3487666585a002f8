#include "diff_reader.hpp"
#include "repository_impl.hpp"
#include "revisions.hpp"
#include "staged_paths.hpp"
#include "tree_walk.hpp"

namespace vigil::git {
using namespace detail;

namespace {

util::Expected<void> require_work_tree(const Repository& repo, std::string_view option) {
    if (repo.is_bare()) {
        return util::usage_error(std::string(option) + " needs a work tree, but " + repo.git_dir() +
                                     " is a bare repository",
                                 "use --commit, --range or --history in a bare repository");
    }
    return {};
}

util::Expected<core::ChangeSet> finish(git_repository* repo, git_diff* raw_diff,
                                       const DiffOptions& opts, const std::string& workdir) {
    DiffPtr diff(raw_diff);
    VIGIL_TRY(detect_renames(diff.get(), opts));
    return to_change_set(repo, diff.get(), opts, workdir);
}

} // namespace

namespace {

// --staged the way git does it: read the index file ourselves, skip the folders its cache-tree
// proves unchanged, and give libgit2 an in-memory index of just the changed paths. libgit2's
// own index load (every entry allocated, hashed and sorted) costs more than all the rest of a
// hook run in a large repository. nullopt: the index has something this does not model.
util::Expected<std::optional<core::ChangeSet>>
read_staged_fast(const Repository& repo, git_tree* head_tree, const DiffOptions& opts) {
    std::string index_path = repo.impl().index_path;
    if (index_path.empty()) {
        index_path = repo.git_dir() + "index";
    }
    auto file = read_index_file(index_path);
    if (!file) {
        return std::optional<core::ChangeSet>();
    }
    git_repository* r = raw(repo);
    auto paths = VIGIL_TRY(staged_paths(r, *file, head_tree));
    if (!paths) {
        return std::optional<core::ChangeSet>();
    }
    if (paths->empty()) {
        return std::optional<core::ChangeSet>(core::ChangeSet{});
    }
    IndexPtr index = VIGIL_TRY(partial_index(*file, *paths));
    git_diff_options o = make_diff_options(opts, false);
    std::vector<char*> pathspec;
    limit_to_paths(o, *paths, pathspec);
    git_diff* diff = nullptr;
    if (git_diff_tree_to_index(&diff, r, head_tree, index.get(), &o) < 0) {
        return git_failure("cannot diff the index against HEAD");
    }
    return std::optional<core::ChangeSet>(VIGIL_TRY(finish(r, diff, opts, {})));
}

} // namespace

util::Expected<core::ChangeSet> read_staged(const Repository& repo, const DiffOptions& opts) {
    VIGIL_TRY(require_work_tree(repo, "--staged"));
    git_repository* r = raw(repo);
    TreePtr head_tree = VIGIL_TRY(head_tree_or_empty(r));
    if (opts.use_cache_tree) {
        auto fast = VIGIL_TRY(read_staged_fast(repo, head_tree.get(), opts));
        if (fast) {
            return std::move(*fast);
        }
    }
    auto opened = repository_index(repo);
    if (!opened) {
        auto failure = std::unexpected(opened.error());
        if (failure.error().message.find("'link'") != std::string::npos) {
            failure.error().hint = "libgit2 cannot read split indexes; run "
                                   "'git update-index --no-split-index' and try again";
        }
        return failure;
    }
    git_index* index = *opened;
    IndexPtr owned_index(index);
    git_diff_options o = make_diff_options(opts, false);
    git_diff* diff = nullptr;
    if (git_diff_tree_to_index(&diff, r, head_tree.get(), index, &o) < 0) {
        return git_failure("cannot diff the index against HEAD");
    }
    return finish(r, diff, opts, {});
}

util::Expected<core::ChangeSet> read_worktree(const Repository& repo, const DiffOptions& opts) {
    VIGIL_TRY(require_work_tree(repo, "--worktree"));
    git_repository* r = raw(repo);
    git_index* index = VIGIL_TRY(repository_index(repo));
    IndexPtr owned_index(index);
    git_diff_options o = make_diff_options(opts, true);
    git_diff* diff = nullptr;
    if (git_diff_index_to_workdir(&diff, r, index, &o) < 0) {
        return git_failure("cannot diff the work tree against the index");
    }
    return finish(r, diff, opts, repo.workdir());
}

util::Expected<core::ChangeSet> diff_commit(git_repository* r, git_commit* commit,
                                            const DiffOptions& opts) {
    TreePtr tree = VIGIL_TRY(tree_of(commit));
    TreePtr parent_tree = VIGIL_TRY(first_parent_tree(commit));
    DiffPtr diff = VIGIL_TRY(diff_trees(r, parent_tree.get(), tree.get(), opts));
    core::ChangeSet changes;
    if (diff) {
        changes = VIGIL_TRY(finish(r, diff.release(), opts, {}));
    }
    changes.commit = oid_hex(*git_commit_id(commit));
    return changes;
}

util::Expected<core::ChangeSet> read_commit(const Repository& repo, std::string_view rev,
                                            const DiffOptions& opts) {
    git_repository* r = raw(repo);
    CommitPtr commit = VIGIL_TRY(resolve_commit(r, rev));
    return diff_commit(r, commit.get(), opts);
}

util::Expected<core::ChangeSet> read_range(const Repository& repo, std::string_view range,
                                           const DiffOptions& opts) {
    git_repository* r = raw(repo);
    auto [from, to] = VIGIL_TRY(resolve_range(r, range));
    TreePtr from_tree = VIGIL_TRY(tree_of(from.get()));
    TreePtr to_tree = VIGIL_TRY(tree_of(to.get()));
    DiffPtr diff = VIGIL_TRY(diff_trees(r, from_tree.get(), to_tree.get(), opts));
    core::ChangeSet changes;
    if (diff) {
        changes = VIGIL_TRY(finish(r, diff.release(), opts, {}));
    }
    changes.commit = oid_hex(*git_commit_id(to.get()));
    return changes;
}

util::Expected<core::ChangeSet> read_branch(const Repository& repo, const DiffOptions& opts,
                                            std::string* base) {
    std::string name = VIGIL_TRY(default_base_branch(raw(repo)));
    if (base) {
        *base = name;
    }
    return read_range(repo, name + "...HEAD", opts);
}

} // namespace vigil::git
