#include "tree_walk.hpp"

#include "diff_reader.hpp"

#include <map>

namespace vigil::git::detail {
namespace {

using EntryPair = std::pair<const git_tree_entry*, const git_tree_entry*>;

bool is_tree(const git_tree_entry* e) {
    return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

util::Expected<TreePtr> subtree(git_repository* repo, const git_tree_entry* e) {
    if (!is_tree(e)) {
        return TreePtr();
    }
    git_tree* t = nullptr;
    if (git_tree_lookup(&t, repo, git_tree_entry_id(e)) < 0) {
        return git_failure("cannot read tree " + oid_hex(*git_tree_entry_id(e)));
    }
    return TreePtr(t);
}

} // namespace

util::Expected<void> changed_paths(git_repository* repo, const git_tree* a, const git_tree* b,
                                   const std::string& prefix, ChangedPaths& out) {
    // Pair entries by name (a file and a folder of the same name pair up as a type change).
    std::map<std::string_view, EntryPair> by_name;
    for (size_t i = 0, n = a ? git_tree_entrycount(a) : 0; i < n; ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(a, i);
        by_name[git_tree_entry_name(e)].first = e;
    }
    for (size_t i = 0, n = b ? git_tree_entrycount(b) : 0; i < n; ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(b, i);
        by_name[git_tree_entry_name(e)].second = e;
    }
    for (const auto& [name, pair] : by_name) {
        auto [ea, eb] = pair;
        if (ea && eb && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
            git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb)) {
            continue;
        }
        std::string path = prefix + std::string(name);
        out.any_removed = out.any_removed || (ea && (!eb || is_tree(ea) != is_tree(eb)));
        if (is_tree(ea) || is_tree(eb)) {
            TreePtr ta = VIGIL_TRY(subtree(repo, ea));
            TreePtr tb = VIGIL_TRY(subtree(repo, eb));
            VIGIL_TRY(changed_paths(repo, ta.get(), tb.get(), path + "/", out));
            if ((ea && !is_tree(ea)) || (eb && !is_tree(eb))) {
                out.paths.push_back(path); // a file on the other side
            }
        } else {
            out.paths.push_back(std::move(path));
        }
    }
    return {};
}

util::Expected<DiffPtr> diff_paths(git_repository* repo, git_tree* old_tree, git_tree* new_tree,
                                   std::vector<std::string> paths, const DiffOptions& opts) {
    if (paths.empty()) {
        return DiffPtr();
    }
    git_diff_options o = make_diff_options(opts, false);
    std::vector<char*> pathspec;
    limit_to_paths(o, paths, pathspec);
    git_diff* diff = nullptr;
    if (git_diff_tree_to_tree(&diff, repo, old_tree, new_tree, &o) < 0) {
        return git_failure("cannot diff two trees");
    }
    return DiffPtr(diff);
}

util::Expected<DiffPtr> diff_trees(git_repository* repo, git_tree* old_tree, git_tree* new_tree,
                                   const DiffOptions& opts) {
    ChangedPaths changed;
    VIGIL_TRY(changed_paths(repo, old_tree, new_tree, "", changed));
    return diff_paths(repo, old_tree, new_tree, std::move(changed.paths), opts);
}

} // namespace vigil::git::detail
