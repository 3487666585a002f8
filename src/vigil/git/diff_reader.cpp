#include "diff_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <vigil/util/text.hpp>

namespace vigil::git::detail {
namespace {

std::optional<core::FileStatus> status_of(git_delta_t status) {
    switch (status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_UNTRACKED:
        return core::FileStatus::added;
    case GIT_DELTA_DELETED:
        return core::FileStatus::deleted;
    case GIT_DELTA_MODIFIED:
        return core::FileStatus::modified;
    case GIT_DELTA_RENAMED:
        return core::FileStatus::renamed;
    case GIT_DELTA_COPIED:
        return core::FileStatus::copied;
    case GIT_DELTA_TYPECHANGE:
        return core::FileStatus::type_changed;
    default:
        return std::nullopt; // unmodified, ignored, unreadable, conflicted
    }
}

bool side_exists(const git_diff_file& f) {
    return (f.flags & GIT_DIFF_FLAG_EXISTS) != 0;
}

std::string id_or_empty(const git_diff_file& f) {
    if (git_oid_is_zero(&f.id) || !(f.flags & GIT_DIFF_FLAG_VALID_ID)) {
        return {};
    }
    return oid_hex(f.id);
}

// The new side's size without loading it, where that is cheap: a stat in the work tree.
// Blobs in the object database are sized by libgit2 as it loads them (see to_change_set).
std::optional<uint64_t> workdir_size(const git_diff_file& f, const std::string& workdir) {
    std::error_code ec;
    auto size = std::filesystem::file_size(workdir + f.path, ec);
    return ec ? std::nullopt : std::optional<uint64_t>(size);
}

uint64_t odb_size(git_repository* repo, const git_diff_file& f) {
    if (f.flags & GIT_DIFF_FLAG_VALID_SIZE) {
        return f.size;
    }
    git_odb* odb = nullptr;
    size_t len = 0;
    git_object_t type;
    if (git_repository_odb(&odb, repo) == 0) {
        OdbPtr owned(odb);
        if (git_odb_read_header(&len, &type, odb, &f.id) == 0) {
            return len;
        }
    }
    return 0;
}

// A Git LFS pointer, judged from the lines the patch shows (context 0 shows only the changed
// ones): every line is one of the pointer's key/value lines and one is its oid.
bool is_lfs_pointer_change(const core::FileChange& change) {
    bool has_oid = false;
    for (const auto& hunk : change.hunks) {
        for (const auto& line : hunk.lines) {
            std::string_view t = line.text();
            if (t.starts_with("oid sha256:")) {
                has_oid = true;
            } else if (!t.starts_with("version https://git-lfs.github.com/spec/") &&
                       !t.starts_with("size ") && !t.starts_with("ext-")) {
                return false;
            }
        }
    }
    return has_oid;
}

// LFS pointers are tiny text files (the spec caps them at 1024 bytes).
constexpr uint64_t k_lfs_pointer_max = 1024;

void append_hunks(git_patch* patch, core::FileChange& change) {
    size_t hunk_count = git_patch_num_hunks(patch);
    change.hunks.reserve(hunk_count);
    for (size_t h = 0; h < hunk_count; ++h) {
        const git_diff_hunk* gh = nullptr;
        size_t line_count = 0;
        git_patch_get_hunk(&gh, &line_count, patch, h);
        core::Hunk hunk{uint32_t(gh->old_start),
                        uint32_t(gh->old_lines),
                        uint32_t(gh->new_start),
                        uint32_t(gh->new_lines),
                        {}};
        hunk.lines.reserve(line_count);
        for (size_t l = 0; l < line_count; ++l) {
            const git_diff_line* gl = nullptr;
            git_patch_get_line_in_hunk(&gl, patch, h, l);
            core::LineKind kind;
            switch (gl->origin) {
            case GIT_DIFF_LINE_CONTEXT:
                kind = core::LineKind::context;
                break;
            case GIT_DIFF_LINE_ADDITION:
                kind = core::LineKind::added;
                break;
            case GIT_DIFF_LINE_DELETION:
                kind = core::LineKind::removed;
                break;
            default:
                continue; // "\ No newline at end of file" markers: derived from content below
            }
            std::string_view content(gl->content, gl->content_len);
            core::Line line;
            line.kind = kind;
            line.old_lineno = gl->old_lineno > 0 ? uint32_t(gl->old_lineno) : 0;
            line.new_lineno = gl->new_lineno > 0 ? uint32_t(gl->new_lineno) : 0;
            if (!content.empty() && content.back() == '\n') {
                content.remove_suffix(1);
            } else {
                line.no_newline_at_eof = true;
            }
            line.content.assign(content);
            hunk.lines.push_back(std::move(line));
        }
        change.hunks.push_back(std::move(hunk));
    }
}

} // namespace

bool is_lfs_pointer(std::string_view content) {
    return content.size() <= k_lfs_pointer_max &&
           util::starts_with(content, "version https://git-lfs.github.com/spec/v1\n") &&
           content.find("\noid sha256:") != std::string_view::npos;
}

bool looks_binary(std::string_view content) {
    return content.substr(0, 8000).find('\0') != std::string_view::npos;
}

git_diff_options make_diff_options(const DiffOptions& opts, bool include_untracked) {
    git_diff_options o = GIT_DIFF_OPTIONS_INIT;
    o.context_lines = opts.context_lines;
    o.interhunk_lines = 0;
    o.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
    if (include_untracked) {
        o.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
                   GIT_DIFF_SHOW_UNTRACKED_CONTENT;
    }
    // Blobs over the limit are then flagged binary by libgit2 without being read.
    o.max_size = git_off_t(std::min<uint64_t>(opts.max_file_bytes, INT64_MAX));
    return o;
}

void limit_to_paths(git_diff_options& o, std::vector<std::string>& paths,
                    std::vector<char*>& storage) {
    storage.clear();
    storage.reserve(paths.size());
    for (auto& p : paths) {
        storage.push_back(p.data());
    }
    o.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    o.pathspec = {storage.data(), storage.size()};
}

util::Expected<void> detect_renames(git_diff* diff, const DiffOptions& opts) {
    if (!opts.detect_renames) {
        return {};
    }
    git_diff_find_options fo = GIT_DIFF_FIND_OPTIONS_INIT;
    fo.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_COPIES | GIT_DIFF_FIND_FOR_UNTRACKED;
    if (git_diff_find_similar(diff, &fo) < 0) {
        return git_failure("rename detection failed");
    }
    return {};
}

util::Expected<core::ChangeSet> to_change_set(git_repository* repo, git_diff* diff,
                                              const DiffOptions& opts, const std::string& workdir) {
    core::ChangeSet out;

    size_t count = git_diff_num_deltas(diff);
    out.files.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff, i);
        auto status = status_of(d->status);
        if (!status) {
            if (d->status == GIT_DELTA_CONFLICTED) {
                out.skipped.push_back({d->new_file.path, "unmerged (conflicted) path"});
            }
            continue;
        }
        core::FileChange change;
        change.status = *status;
        bool has_old = side_exists(d->old_file) && *status != core::FileStatus::added;
        bool has_new = side_exists(d->new_file) && *status != core::FileStatus::deleted;
        if (has_old) {
            change.old_path = d->old_file.path;
            change.old_id = id_or_empty(d->old_file);
            change.old_mode = core::FileMode(d->old_file.mode);
        }
        if (has_new) {
            change.new_path = d->new_file.path;
            change.new_id = id_or_empty(d->new_file);
            change.new_mode = core::FileMode(d->new_file.mode);
        }
        change.similarity = d->similarity;
        const std::string& path = change.path();

        if (has_new && change.new_mode == core::FileMode::submodule) {
            out.skipped.push_back({path, "submodule"});
            continue;
        }
        if (has_new && change.new_mode == core::FileMode::symlink) {
            out.skipped.push_back({path, "symbolic link"});
            continue;
        }
        if (!has_new && !opts.read_deleted_files) {
            out.files.push_back(std::move(change));
            continue;
        }
        auto too_large = [&](uint64_t size) {
            out.skipped.push_back({path, "larger than the size limit (" + std::to_string(size) +
                                             " > " + std::to_string(opts.max_file_bytes) +
                                             " bytes)"});
        };
        if (has_new && !workdir.empty()) {
            if (auto size = workdir_size(d->new_file, workdir);
                size && *size > opts.max_file_bytes) {
                too_large(*size);
                continue;
            }
        }
        // libgit2 sizes the blob as it loads it, and treats a blob over max_size as binary
        // without reading its content; the size then tells the two reasons apart.
        git_patch* patch_raw = nullptr;
        if (git_patch_from_diff(&patch_raw, diff, i) < 0) {
            return git_failure("cannot read the change to " + path);
        }
        PatchPtr patch(patch_raw);
        const git_diff_delta* loaded = patch ? git_patch_get_delta(patch.get()) : d;
        if (loaded->flags & GIT_DIFF_FLAG_BINARY) {
            uint64_t size = has_new && workdir.empty() ? odb_size(repo, loaded->new_file) : 0;
            if (size > opts.max_file_bytes) {
                too_large(size);
            } else {
                out.skipped.push_back({path, "binary file"});
            }
            continue;
        }
        if (patch) {
            append_hunks(patch.get(), change);
        }
        if (has_new && is_lfs_pointer_change(change)) {
            out.skipped.push_back({path, "Git LFS pointer (content not in the repository)"});
            continue;
        }
        if (change.new_id.empty() && has_new && (loaded->new_file.flags & GIT_DIFF_FLAG_VALID_ID)) {
            change.new_id = id_or_empty(loaded->new_file);
        }
        out.files.push_back(std::move(change));
    }
    return out;
}

} // namespace vigil::git::detail
