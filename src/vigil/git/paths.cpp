#include "diff_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <vigil/git/paths.hpp>
#include <vigil/util/parallel.hpp>

namespace vigil::git {
namespace fs = std::filesystem;
using namespace detail;

namespace {

// Ignore rules of the repository (if any) that contains a folder being walked. One repository
// per walked root and thread: opening one per folder would dominate the walk, and libgit2's
// repositories are not for sharing between threads. libgit2 stats every folder's .gitignore
// on the way down for each path it is asked about, so files are asked about on the reading
// threads, folders (which can prune the walk) on the walking one.
class IgnoreCheck {
public:
    explicit IgnoreCheck(const fs::path& root) : m_given(root.native()) {
        std::error_code ec;
        fs::path abs = fs::absolute(root, ec).lexically_normal();
        m_abs_root = abs.native();
        if (m_abs_root.size() > 1 && m_abs_root.ends_with('/')) {
            m_abs_root.pop_back();
        }
        git_repository* repo = nullptr;
        if (git_repository_open_ext(&repo, abs.c_str(), 0, nullptr) == 0 &&
            !git_repository_is_bare(repo)) {
            m_repo.reset(repo);
            m_workdir = git_repository_workdir(repo);
            // A folder named on the command line is scanned even when git ignores it (as
            // ripgrep does); then the ignore rules do not apply below it either.
            if (ignored(root / "")) {
                m_repo.reset();
            }
        } else {
            git_repository_free(repo);
        }
    }

    // path: the walked root or below it (as the walk gives it), a folder with a trailing '/'.
    bool ignored(const fs::path& path) const {
        if (!m_repo) {
            return false;
        }
        std::string abs = absolute(path);
        if (!abs.starts_with(m_workdir)) {
            return false;
        }
        int is_ignored = 0;
        return git_ignore_path_is_ignored(&is_ignored, m_repo.get(),
                                          abs.c_str() + m_workdir.size()) == 0 &&
               is_ignored;
    }

private:
    // fs::absolute without asking for the current folder each time: the walk's paths all
    // start with the root as given.
    std::string absolute(const fs::path& path) const {
        const std::string& p = path.native();
        if (!p.starts_with(m_given)) {
            std::error_code ec;
            return fs::absolute(path, ec).lexically_normal().string();
        }
        std::string rest = p.substr(m_given.size());
        std::string abs = m_abs_root;
        if (!rest.empty() && rest.front() != '/' && !abs.ends_with('/')) {
            abs += '/';
        }
        abs += rest;
        if (p.ends_with('/') && !abs.ends_with('/')) {
            abs += '/'; // a folder stays one
        }
        return fs::path(abs).lexically_normal().string();
    }

    RepoPtr m_repo;
    std::string m_workdir;
    std::string m_given;    // the root as the walk was given it
    std::string m_abs_root; // absolute and normal, without a final '/'
};

std::string display_path(const fs::path& p) {
    std::string s = p.lexically_normal().generic_string();
    while (s.starts_with("./")) {
        s.erase(0, 2);
    }
    return s;
}

// The whole file in one read (its size is known; a file that grows meanwhile is read to its end).
std::optional<std::string> read_file(const fs::path& file, uintmax_t size) {
    std::ifstream in(file, std::ios::binary);
    if (!in || size == static_cast<uintmax_t>(-1)) { // file_size failed
        return std::nullopt;
    }
    std::string content(size_t(size), '\0');
    in.read(content.data(), std::streamsize(size));
    content.resize(size_t(in.gcount()));
    if (in.gcount() == std::streamsize(size)) {
        std::string rest(std::istreambuf_iterator<char>(in), {});
        content += rest;
    }
    if (in.bad()) {
        return std::nullopt;
    }
    return content;
}

void read_one(const fs::path& file, const PathOptions& opts,
              const std::function<void(core::ChangeSet&&)>& sink) {
    core::ChangeSet out;
    std::string shown = display_path(file);
    std::error_code ec;
    auto status = fs::symlink_status(file, ec);
    if (fs::is_symlink(status)) {
        out.skipped.push_back({shown, "symbolic link"});
    } else if (!fs::is_regular_file(status)) {
        out.skipped.push_back({shown, "not a regular file"});
    } else if (auto size = fs::file_size(file, ec); !ec && size > opts.max_file_bytes) {
        out.skipped.push_back({shown, "larger than the size limit (" + std::to_string(size) +
                                          " > " + std::to_string(opts.max_file_bytes) + " bytes)"});
    } else {
        auto content = read_file(file, size);
        if (!content) {
            out.skipped.push_back({shown, "unreadable"});
        } else if (looks_binary(*content)) {
            out.skipped.push_back({shown, "binary file"});
        } else if (is_lfs_pointer(*content)) {
            out.skipped.push_back({shown, "Git LFS pointer (content not in the repository)"});
        } else {
            out.files.push_back(file_as_added(shown, *content));
        }
    }
    sink(std::move(out));
}

} // namespace

core::FileChange file_as_added(std::string path, std::string_view content) {
    core::FileChange change;
    change.status = core::FileStatus::added;
    change.new_path = std::move(path);
    change.new_mode = core::FileMode::regular;
    core::Hunk hunk;
    hunk.new_start = 1;
    // One allocation for the lines (growing the vector would move each of them again).
    hunk.lines.reserve(size_t(std::count(content.begin(), content.end(), '\n')) + 1);
    uint32_t lineno = 0;
    size_t pos = 0;
    while (pos < content.size()) {
        size_t end = content.find('\n', pos);
        core::Line line;
        line.kind = core::LineKind::added;
        line.new_lineno = ++lineno;
        if (end == std::string_view::npos) {
            line.content.assign(content.substr(pos));
            line.no_newline_at_eof = true;
            pos = content.size();
        } else {
            line.content.assign(content.substr(pos, end - pos));
            pos = end + 1;
        }
        hunk.lines.push_back(std::move(line));
    }
    hunk.new_lines = lineno;
    if (lineno > 0) {
        change.hunks.push_back(std::move(hunk));
    }
    return change;
}

util::Expected<void> read_paths(const std::vector<std::string>& paths, const PathOptions& opts,
                                const std::function<void(core::ChangeSet&&)>& sink) {
    ensure_libgit2();
    for (const auto& p : paths) {
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(p, ec))) {
            return util::usage_error("no such file or folder: " + p);
        }
    }
    std::vector<fs::path> files;
    // Per file: the index of the walked root it was found under (its ignore rules are checked
    // when it is read), or k_named for a file named on the command line (always read).
    constexpr size_t k_named = size_t(-1);
    std::vector<size_t> root_of;
    std::vector<fs::path> roots;
    for (const auto& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(fs::symlink_status(p, ec))) {
            files.emplace_back(p);
            root_of.push_back(k_named);
            continue;
        }
        IgnoreCheck ignore(p);
        // Sorted walk so output order does not depend on the file system.
        std::vector<fs::path> found;
        fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const auto& entry = *it;
            if (entry.path().filename() == ".git") {
                it.disable_recursion_pending();
                continue;
            }
            if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
                if (ignore.ignored(entry.path() / "")) {
                    it.disable_recursion_pending();
                }
                continue;
            }
            found.push_back(entry.path());
        }
        if (ec) {
            return util::runtime_error("cannot read folder " + p + ": " + ec.message());
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
        root_of.insert(root_of.end(), found.size(), roots.size());
        roots.emplace_back(p);
    }
    // Opening and reading files dominates on slow file systems: read them on all threads.
    unsigned threads = std::max(1u, opts.threads);
    std::vector<std::vector<std::unique_ptr<IgnoreCheck>>> checks(threads);
    for (auto& per_thread : checks) {
        per_thread.resize(roots.size());
    }
    util::parallel_for(files.size(), threads, [&](unsigned worker, size_t i) {
        if (size_t root = root_of[i]; root != k_named) {
            auto& check = checks[worker][root];
            if (!check) {
                check = std::make_unique<IgnoreCheck>(roots[root]);
            }
            if (check->ignored(files[i])) {
                return;
            }
        }
        read_one(files[i], opts, sink);
    });
    return {};
}

} // namespace vigil::git
