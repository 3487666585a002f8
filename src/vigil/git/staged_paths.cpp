#include "staged_paths.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace vigil::git::detail {
namespace {

struct Walk {
    git_repository* repo;
    const IndexFile& index;
    std::vector<std::string> paths;
    bool unsupported = false;
};

// Index entries directly in `dir` (path -> entry), and the names of its subfolders.
void index_entries_in(Walk& w, const std::string& dir,
                      std::map<std::string, const IndexEntry*>& files,
                      std::set<std::string>& folders) {
    std::string prefix = dir.empty() ? std::string() : dir + "/";
    const auto& entries = w.index.entries;
    auto it =
        std::lower_bound(entries.begin(), entries.end(), prefix,
                         [](const IndexEntry& e, const std::string& p) { return e.path < p; });
    for (; it != entries.end() && std::string_view(it->path).starts_with(prefix); ++it) {
        if (it->stage != 0) {
            w.unsupported = true; // conflicts: let the full diff report them
            return;
        }
        std::string_view rest = std::string_view(it->path).substr(prefix.size());
        size_t slash = rest.find('/');
        if (slash == std::string_view::npos) {
            files.emplace(std::string(it->path), &*it);
            continue;
        }
        // Entries are sorted, so a folder's entries are consecutive: jump past all of them.
        std::string folder(rest.substr(0, slash + 1));
        folders.emplace(folder.substr(0, slash));
        std::string next = prefix + folder;
        next.back() = '/' + 1; // the first path after every "prefix/folder/..." one
        it = std::lower_bound(
            it, entries.end(), next,
            [](const IndexEntry& e, const std::string& p) { return e.path < std::string_view(p); });
        --it;
    }
}

util::Expected<void> walk(Walk& w, const git_tree* head, const std::string& dir) {
    if (head) {
        auto known = w.index.cache.valid.find(dir);
        if (known != w.index.cache.valid.end() &&
            git_oid_equal(&known->second, git_tree_id(head))) {
            return {}; // the index's tree for this folder is HEAD's: nothing changed below
        }
    }
    std::map<std::string, const IndexEntry*> files;
    std::set<std::string> folders;
    index_entries_in(w, dir, files, folders);
    if (w.unsupported) {
        return {};
    }
    std::string prefix = dir.empty() ? std::string() : dir + "/";
    for (size_t i = 0, n = head ? git_tree_entrycount(head) : 0; i < n; ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(head, i);
        std::string path = prefix + git_tree_entry_name(e);
        if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
            folders.erase(git_tree_entry_name(e));
            auto known = w.index.cache.valid.find(path);
            if (known != w.index.cache.valid.end() &&
                git_oid_equal(&known->second, git_tree_entry_id(e)) && !files.contains(path)) {
                continue; // unchanged: not even opened
            }
            git_tree* sub = nullptr;
            if (git_tree_lookup(&sub, w.repo, git_tree_entry_id(e)) < 0) {
                return git_failure("cannot read tree " + oid_hex(*git_tree_entry_id(e)));
            }
            TreePtr owned(sub);
            VIGIL_TRY(walk(w, sub, path));
            if (files.contains(path)) {
                w.paths.push_back(path); // a folder in HEAD became a file
                files.erase(path);
            }
            continue;
        }
        auto in_index = files.find(path);
        if (in_index == files.end()) {
            w.paths.push_back(path); // deleted, or became a folder (listed below)
            continue;
        }
        const IndexEntry* ie = in_index->second;
        if (!git_oid_equal(&ie->id, git_tree_entry_id(e)) ||
            ie->mode != uint32_t(git_tree_entry_filemode(e))) {
            w.paths.push_back(path);
        }
        files.erase(in_index);
    }
    for (const auto& [path, entry] : files) {
        w.paths.push_back(path); // only in the index: added
    }
    for (const auto& folder : folders) {
        w.paths.push_back(prefix + folder + "/"); // a folder only the index has
    }
    return {};
}

} // namespace

util::Expected<std::optional<std::vector<std::string>>>
staged_paths(git_repository* repo, const IndexFile& index, git_tree* head_tree) {
    Walk w{repo, index, {}, false};
    VIGIL_TRY(walk(w, head_tree, ""));
    if (w.unsupported) {
        return std::optional<std::vector<std::string>>();
    }
    return std::optional<std::vector<std::string>>(std::move(w.paths));
}

util::Expected<IndexPtr> partial_index(const IndexFile& index,
                                       const std::vector<std::string>& paths) {
    std::set<std::string_view> files;
    std::vector<std::string_view> folders;
    for (const auto& p : paths) {
        if (p.ends_with('/')) {
            folders.push_back(p);
        } else {
            files.insert(p);
        }
    }
    git_index* raw_index = nullptr;
    if (git_index_new(&raw_index) < 0) {
        return git_failure("cannot make an index in memory");
    }
    IndexPtr out(raw_index);
    for (const auto& e : index.entries) {
        std::string_view path = e.path;
        if (!files.contains(path) && std::none_of(folders.begin(), folders.end(),
                                                  [&](auto f) { return path.starts_with(f); })) {
            continue;
        }
        git_index_entry entry{};
        entry.mode = e.mode;
        entry.id = e.id;
        std::string entry_path(e.path); // NUL-terminated for libgit2, which copies it
        entry.path = entry_path.c_str();
        if (git_index_add(out.get(), &entry) < 0) {
            return git_failure("cannot add " + entry_path + " to an index in memory");
        }
    }
    return out;
}

} // namespace vigil::git::detail
