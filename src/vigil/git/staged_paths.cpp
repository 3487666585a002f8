#include "staged_paths.hpp"

#include <map>
#include <set>

namespace vigil::git::detail {
namespace {

struct Walk {
    git_repository* repo;
    git_index* index;
    const CacheTree& cache;
    std::vector<std::string> paths;
    bool unsupported = false;
};

// Index entries directly in `dir` (path -> entry), and the names of its subfolders.
void index_entries_in(Walk& w, const std::string& dir,
                      std::map<std::string, const git_index_entry*>& files,
                      std::set<std::string>& folders) {
    std::string prefix = dir.empty() ? std::string() : dir + "/";
    size_t pos = 0;
    if (!prefix.empty() && git_index_find_prefix(&pos, w.index, prefix.c_str()) != 0) {
        return; // nothing under it
    }
    for (size_t n = git_index_entrycount(w.index); pos < n; ++pos) {
        const git_index_entry* e = git_index_get_byindex(w.index, pos);
        std::string_view path = e->path;
        if (!path.starts_with(prefix)) {
            break;
        }
        if (git_index_entry_stage(e) != 0) {
            w.unsupported = true; // conflicts: let the full diff report them
            return;
        }
        std::string_view rest = path.substr(prefix.size());
        size_t slash = rest.find('/');
        if (slash == std::string_view::npos) {
            files.emplace(std::string(path), e);
        } else {
            folders.emplace(rest.substr(0, slash));
        }
    }
}

util::Expected<void> walk(Walk& w, const git_tree* head, const std::string& dir) {
    if (head) {
        auto known = w.cache.valid.find(dir);
        if (known != w.cache.valid.end() && git_oid_equal(&known->second, git_tree_id(head))) {
            return {}; // the index's tree for this folder is HEAD's: nothing changed below
        }
    }
    std::map<std::string, const git_index_entry*> files;
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
            git_tree* sub = nullptr;
            if (git_tree_lookup(&sub, w.repo, git_tree_entry_id(e)) < 0) {
                return git_failure("cannot read tree " + oid_hex(*git_tree_entry_id(e)));
            }
            TreePtr owned(sub);
            folders.erase(git_tree_entry_name(e));
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
        const git_index_entry* ie = in_index->second;
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
staged_paths(git_repository* repo, git_index* index, git_tree* head_tree, const CacheTree& cache) {
    Walk w{repo, index, cache, {}, false};
    VIGIL_TRY(walk(w, head_tree, ""));
    if (w.unsupported) {
        return std::optional<std::vector<std::string>>();
    }
    return std::optional<std::vector<std::string>>(std::move(w.paths));
}

} // namespace vigil::git::detail
