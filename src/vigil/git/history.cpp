#include "repository_impl.hpp"
#include "revisions.hpp"

#include <mutex>
#include <optional>
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

} // namespace

util::Expected<HistoryStats> walk_history(const Repository& repo, const HistoryOptions& opts,
                                          const HistorySink& sink) {
    auto commits = VIGIL_TRY(list_commits(raw(repo), opts.all_refs));
    unsigned threads = opts.threads ? opts.threads : util::default_thread_count();

    // One repository handle per worker: libgit2 objects are not to be shared across threads.
    std::vector<std::optional<Repository>> handles(threads);
    std::mutex open_mutex;
    auto handle_for = [&](unsigned worker) -> git_repository* {
        if (!handles[worker]) {
            std::lock_guard lock(open_mutex);
            auto opened = repo.reopen();
            if (!opened) {
                throw util::Abort{std::move(opened.error())};
            }
            handles[worker].emplace(std::move(*opened));
        }
        return raw(*handles[worker]);
    };

    util::parallel_for(commits.size(), threads, [&](unsigned worker, size_t item) {
        git_repository* r = handle_for(worker);
        git_commit* commit = nullptr;
        if (git_commit_lookup(&commit, r, &commits[item]) < 0) {
            throw util::Abort{git_failure("cannot read commit " + oid_hex(commits[item])).error()};
        }
        CommitPtr owned(commit);
        auto changes = diff_commit(r, commit, opts.diff);
        if (!changes) {
            throw util::Abort{std::move(changes.error())};
        }
        sink(item, std::move(*changes));
    });
    return HistoryStats{commits.size()};
}

} // namespace vigil::git
