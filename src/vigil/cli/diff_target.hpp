// cli: the diff targets `scan` and `context` share — staged, work tree, one commit, a range,
// the current branch — read into a ChangeSet.
#pragma once

#include <string>
#include <vigil/core/change.hpp>
#include <vigil/git/repository.hpp>
#include <vigil/git/sources.hpp>

namespace vigil::cli {

struct DiffTarget {
    bool staged = false;
    bool worktree = false;
    bool branch = false;
    std::string commit; // --commit REV
    std::string range;  // --range A..B
};

struct TargetChanges {
    core::ChangeSet changes;
    std::string label; // "staged", "commit <id>", "range main...HEAD"
};

// Reads the one target `t` names (the caller has checked there is exactly one). Fails as the
// git readers do: an unknown revision (usage), an unreadable repository (runtime).
util::Expected<TargetChanges> read_diff_target(const git::Repository& repo, const DiffTarget& t,
                                               const git::DiffOptions& diff);

} // namespace vigil::cli
