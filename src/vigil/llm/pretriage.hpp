// llm: deterministic pre-triage — the hunks no model needs to see, decided before any request:
// lock files, generated and vendored files, binary files, deleted files, pure deletions, and
// hunks that change only whitespace or only comments. Comment lines are recognised by simple
// per-language prefixes for now (tree-sitter scopes can replace this later).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/change.hpp>

namespace vigil::llm {

struct HunkRef {
    size_t file = 0; // index into ChangeSet::files
    size_t hunk = 0; // index into FileChange::hunks
};

struct PretriageSkip {
    std::string path;
    std::optional<size_t> hunk; // nullopt: the whole file
    std::string reason;         // "lock file", "comment-only change", ...
};

struct Pretriage {
    std::vector<HunkRef> review; // what may go to a model, in ChangeSet order
    std::vector<PretriageSkip> skipped;
};

Pretriage pretriage(const core::ChangeSet& changes);

// Why a whole file needs no model, or nullopt.
std::optional<std::string> file_skip_reason(const core::FileChange& file);
// Why one hunk of the file at `path` needs no model, or nullopt.
std::optional<std::string> hunk_skip_reason(std::string_view path, const core::Hunk& hunk);

} // namespace vigil::llm
