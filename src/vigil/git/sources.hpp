// git: the diff sources — staged, work tree, one commit, a range, the whole history — each
// producing core::ChangeSet data. Nothing after this module sees libgit2.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vigil/core/change.hpp>
#include <vigil/git/repository.hpp>

namespace vigil::git {

inline constexpr uint64_t k_default_max_file_bytes = 10 * 1024 * 1024;

struct DiffOptions {
    // Files larger than this (new side) are skipped with a note, not read.
    uint64_t max_file_bytes = k_default_max_file_bytes;
    uint32_t context_lines = 0;
    // Detect renames and copies (from modified files), as `git diff -M -C` does.
    bool detect_renames = true;
    // Load the removed lines of deleted files (a scan of added lines does not need them).
    bool read_deleted_files = true;
    // --staged: skip folders the index's cache-tree proves unchanged (off only in tests that
    // compare with the full diff).
    bool use_cache_tree = true;
};

// The index (GIT_INDEX_FILE when set) against HEAD, or against the empty tree when HEAD is
// unborn. Fails (usage) on a bare repository.
util::Expected<core::ChangeSet> read_staged(const Repository& repo, const DiffOptions& opts);

// The work tree against the index, untracked (not ignored) files included as added.
// Fails (usage) on a bare repository.
util::Expected<core::ChangeSet> read_worktree(const Repository& repo, const DiffOptions& opts);

// A commit against its first parent (a root commit against the empty tree).
// Fails (usage) when rev does not name a commit.
util::Expected<core::ChangeSet> read_commit(const Repository& repo, std::string_view rev,
                                            const DiffOptions& opts);

// "A..B": the tree of A against the tree of B; "A...B": their merge base against B.
// Fails (usage) on a malformed range or unknown revisions.
util::Expected<core::ChangeSet> read_range(const Repository& repo, std::string_view range,
                                           const DiffOptions& opts);

// The current branch against its merge base with its upstream, or else with the default
// branch (origin/HEAD, origin/main, origin/master, main, master). `base` receives the name of
// what it compared with. A detached HEAD (as in CI checkouts) is compared with the default
// branch. Fails (usage) when no base branch exists.
util::Expected<core::ChangeSet> read_branch(const Repository& repo, const DiffOptions& opts,
                                            std::string* base = nullptr);

struct HistoryOptions {
    DiffOptions diff;
    bool all_refs = false; // every ref, as `git log --all`; otherwise what HEAD reaches
    unsigned threads = 0;  // 0: one per core
};

struct HistoryStats {
    size_t commits = 0;
};

// Called from worker threads (concurrently: must be thread-safe) once per commit, or once per
// part of a commit that was split by path; `order` is the commit's position newest-first, so
// callers can restore a stable order (parts of one commit arrive in any order).
using HistorySink = std::function<void(size_t order, core::ChangeSet&& changes)>;

// Every commit reachable from HEAD (or every ref), each once, diffed in parallel; only one
// ChangeSet per worker is alive at a time. A commit is diffed against its first parent; for a
// merge, only lines that are new against every parent count as added (git's combined diff),
// so what a branch brought is reported at its own commits, not again at the merge, while a
// line written during the merge itself is still caught.
util::Expected<HistoryStats> walk_history(const Repository& repo, const HistoryOptions& opts,
                                          const HistorySink& sink);

} // namespace vigil::git
