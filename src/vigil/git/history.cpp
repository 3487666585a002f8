#include "diff_reader.hpp"
#include "repository_impl.hpp"
#include "revisions.hpp"
#include "tree_walk.hpp"

#include <mutex>
#include <optional>
#include <set>
#include <vector>
#include <vigil/util/parallel.hpp>

namespace vigil::git {
using namespace detail;

namespace {

util::Expected<std::vector<git_oid>> list_commits(git_repository* repo, bool all_refs) {
    git_revwalk* walk_raw = nullptr;
    if (git_revwalk_new(&walk_raw, repo) < 0) {
        return git_failure("cannot walk the history");
    }
    RevwalkPtr walk(walk_raw);
    // Newest first; topological so a parent never precedes its child.
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (git_repository_head_unborn(repo) != 1 && git_revwalk_push_head(walk.get()) < 0) {
        return git_failure("cannot read HEAD");
    }
    if (all_refs && git_revwalk_push_glob(walk.get(), "refs/*") < 0) {
        return git_failure("cannot read the references");
    }
    std::vector<git_oid> commits;
    git_oid id;
    int rc;
    while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
        commits.push_back(id);
    }
    if (rc != GIT_ITEROVER) {
        return git_failure("cannot walk the history");
    }
    return commits;
}

// git's combined-diff rule for a merge: a line is added only if it is new against every parent.
// `changes` holds the diff against the first parent; lines that another parent already had
// become context.
util::Expected<void> keep_lines_new_to_all_parents(git_repository* r, git_commit* merge,
                                                   const DiffOptions& opts,
                                                   core::ChangeSet& changes) {
    TreePtr tree = VIGIL_TRY(tree_of(merge));
    for (unsigned p = 1; p < git_commit_parentcount(merge); ++p) {
        git_commit* parent = nullptr;
        if (git_commit_parent(&parent, merge, p) < 0) {
            return git_failure("cannot read a parent of merge " + oid_hex(*git_commit_id(merge)));
        }
        CommitPtr owned_parent(parent);
        TreePtr parent_tree = VIGIL_TRY(tree_of(parent));
        DiffPtr diff = VIGIL_TRY(diff_trees(r, parent_tree.get(), tree.get(), opts));
        core::ChangeSet against_parent;
        if (diff) {
            against_parent = VIGIL_TRY(to_change_set(r, diff.get(), opts, {}));
        }
        std::set<std::pair<std::string, uint32_t>> added;
        for (const auto& file : against_parent.files) {
            for (const auto& hunk : file.hunks) {
                for (const auto& line : hunk.lines) {
                    if (line.kind == core::LineKind::added) {
                        added.emplace(file.new_path, line.new_lineno);
                    }
                }
            }
        }
        for (auto& file : changes.files) {
            for (auto& hunk : file.hunks) {
                for (auto& line : hunk.lines) {
                    if (line.kind == core::LineKind::added &&
                        !added.contains({file.new_path, line.new_lineno})) {
                        line.kind = core::LineKind::context;
                    }
                }
            }
        }
    }
    return {};
}

// Above this many changed paths a commit is split into parts of this size.
constexpr size_t k_paths_per_part = 512;

} // namespace

util::Expected<HistoryStats> walk_history(const Repository& repo, const HistoryOptions& opts,
                                          const HistorySink& sink) {
    auto commits = VIGIL_TRY(list_commits(raw(repo), opts.all_refs));
    unsigned threads = opts.threads ? opts.threads : util::default_thread_count();

    // One repository handle per worker: libgit2 objects are not to be shared across threads.
    // The handles are bare (the common git dir): history needs only objects, and a work tree
    // would make libgit2 read today's .gitattributes of the work tree for every old file.
    std::string common_dir = git_repository_commondir(raw(repo));
    std::vector<RepoPtr> handles(threads);
    std::mutex open_mutex;
    auto handle_for = [&](unsigned worker) -> git_repository* {
        if (!handles[worker]) {
            std::lock_guard lock(open_mutex);
            git_repository* opened = nullptr;
            if (git_repository_open_bare(&opened, common_dir.c_str()) < 0) {
                throw util::Abort{git_failure("cannot open " + common_dir).error()};
            }
            handles[worker].reset(opened);
        }
        return handles[worker].get();
    };
    auto lookup = [&](git_repository* r, size_t item) {
        git_commit* commit = nullptr;
        if (git_commit_lookup(&commit, r, &commits[item]) < 0) {
            throw util::Abort{git_failure("cannot read commit " + oid_hex(commits[item])).error()};
        }
        return CommitPtr(commit);
    };
    auto value = [](auto&& expected) -> decltype(auto) {
        if (!expected) {
            throw util::Abort{std::move(expected.error())};
        }
        return util::detail::take_value(expected);
    };
    auto diff_some_paths = [&](git_repository* r, git_commit* commit,
                               std::vector<std::string> paths) {
        TreePtr tree = value(tree_of(commit));
        TreePtr parent_tree = value(first_parent_tree(commit));
        core::ChangeSet changes;
        DiffPtr diff =
            value(diff_paths(r, parent_tree.get(), tree.get(), std::move(paths), opts.diff));
        if (diff) {
            value(detect_renames(diff.get(), opts.diff));
            changes = value(to_change_set(r, diff.get(), opts.diff, {}));
        }
        changes.commit = oid_hex(*git_commit_id(commit));
        return changes;
    };

    util::TaskPool pool;
    auto scan_commit = [&](size_t item, unsigned worker) {
        git_repository* r = handle_for(worker);
        CommitPtr commit = lookup(r, item);
        if (git_commit_parentcount(commit.get()) > 1) {
            core::ChangeSet changes = value(diff_commit(r, commit.get(), opts.diff));
            value(keep_lines_new_to_all_parents(r, commit.get(), opts.diff, changes));
            sink(item, std::move(changes));
            return;
        }
        TreePtr tree = value(tree_of(commit.get()));
        TreePtr parent_tree = value(first_parent_tree(commit.get()));
        ChangedPaths changed;
        value(changed_paths(r, parent_tree.get(), tree.get(), "", changed));
        // A commit too large for one worker (an initial import, a vendoring) is split by path
        // so every core diffs a part. Not when something was removed: rename detection must
        // see the removed and the added side together.
        if (changed.paths.size() > k_paths_per_part && !changed.any_removed) {
            for (size_t begin = 0; begin < changed.paths.size(); begin += k_paths_per_part) {
                size_t end = std::min(changed.paths.size(), begin + k_paths_per_part);
                std::vector<std::string> part(changed.paths.begin() + long(begin),
                                              changed.paths.begin() + long(end));
                pool.push([&, item, part = std::move(part)](unsigned w) mutable {
                    git_repository* rr = handle_for(w);
                    CommitPtr c = lookup(rr, item);
                    sink(item, diff_some_paths(rr, c.get(), std::move(part)));
                });
            }
            return;
        }
        sink(item, diff_some_paths(r, commit.get(), std::move(changed.paths)));
    };
    // Oldest first: the root commit is often the largest (an initial import); started last, it
    // would leave the other workers idle at the end. Callers restore the order from `item`.
    for (size_t step = 0; step < commits.size(); ++step) {
        size_t item = commits.size() - 1 - step;
        pool.push([&, item](unsigned worker) { scan_commit(item, worker); });
    }
    pool.run(threads);
    return HistoryStats{commits.size()};
}

} // namespace vigil::git
