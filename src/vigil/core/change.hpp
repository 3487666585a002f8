// core: the plain data every stage after `git` works on — a ChangeSet of files, hunks and lines.
// No libgit2 types appear here, so rules, scan, report and tests need no repository.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core {

enum class LineKind : uint8_t { context, added, removed };

// One line of a hunk. `content` holds the bytes exactly as in the blob, without the final
// "\n" (a CRLF file keeps its "\r"). Line numbers are 1-based; 0 where the side has none.
struct Line {
    LineKind kind = LineKind::context;
    uint32_t old_lineno = 0;
    uint32_t new_lineno = 0;
    bool no_newline_at_eof = false;
    std::string content;

    // content without a trailing "\r": what rules match and columns count against.
    std::string_view text() const {
        std::string_view v = content;
        if (!v.empty() && v.back() == '\r') {
            v.remove_suffix(1);
        }
        return v;
    }
};

struct Hunk {
    uint32_t old_start = 0;
    uint32_t old_lines = 0;
    uint32_t new_start = 0;
    uint32_t new_lines = 0;
    std::vector<Line> lines;
};

enum class FileStatus : uint8_t { added, modified, deleted, renamed, copied, type_changed };

std::string_view to_string(FileStatus status);

// File modes as git records them.
enum class FileMode : uint32_t {
    none = 0,
    regular = 0100644,
    executable = 0100755,
    symlink = 0120000,
    submodule = 0160000,
};

struct FileChange {
    FileStatus status = FileStatus::modified;
    std::string old_path; // empty for added files
    std::string new_path; // empty for deleted files
    std::string old_id;   // full hex blob id; empty when the side does not exist
    std::string new_id;   // empty for work-tree files not yet hashed and for deleted files
    FileMode old_mode = FileMode::none;
    FileMode new_mode = FileMode::none;
    uint32_t similarity = 0; // for renames and copies, 0-100
    std::vector<Hunk> hunks;

    // The path a finding should name: the new path, or the old one for deletions.
    const std::string& path() const { return new_path.empty() ? old_path : new_path; }
    bool mode_changed() const {
        return old_mode != FileMode::none && new_mode != FileMode::none && old_mode != new_mode;
    }
    size_t added_line_count() const;
};

// A file the diff contained but vigil did not read, and why ("binary file", "submodule", ...).
struct SkippedFile {
    std::string path;
    std::string reason;
};

// What one diff source produced: the changed files of one comparison (staged, a commit, ...).
struct ChangeSet {
    std::string commit; // full hex id for commit/history sources; empty otherwise
    std::vector<FileChange> files;
    std::vector<SkippedFile> skipped;
};

} // namespace vigil::core
