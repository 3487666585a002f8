#include "diff_target.hpp"

namespace vigil::cli {

util::Expected<TargetChanges> read_diff_target(const git::Repository& repo, const DiffTarget& t,
                                               const git::DiffOptions& diff) {
    TargetChanges out;
    if (t.staged) {
        out.label = "staged";
        out.changes = VIGIL_TRY(git::read_staged(repo, diff));
    } else if (t.worktree) {
        out.label = "worktree";
        out.changes = VIGIL_TRY(git::read_worktree(repo, diff));
    } else if (!t.commit.empty()) {
        out.changes = VIGIL_TRY(git::read_commit(repo, t.commit, diff));
        out.label = "commit " + out.changes.commit;
    } else if (t.branch) {
        std::string base;
        out.changes = VIGIL_TRY(git::read_branch(repo, diff, &base));
        out.label = "range " + base + "...HEAD";
    } else {
        out.label = "range " + t.range;
        out.changes = VIGIL_TRY(git::read_range(repo, t.range, diff));
    }
    return out;
}

} // namespace vigil::cli
