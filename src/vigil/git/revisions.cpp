#include "revisions.hpp"

#include <string>

namespace vigil::git::detail {

util::Expected<TreePtr> head_tree_or_empty(git_repository* repo) {
    int unborn = git_repository_head_unborn(repo);
    if (unborn == 1) {
        return TreePtr();
    }
    git_object* obj = nullptr;
    if (unborn < 0 || git_revparse_single(&obj, repo, "HEAD^{tree}") < 0) {
        return git_failure("cannot read HEAD");
    }
    return TreePtr(reinterpret_cast<git_tree*>(obj));
}

util::Expected<CommitPtr> resolve_commit(git_repository* repo, std::string_view rev) {
    std::string spec(rev);
    git_object* obj = nullptr;
    if (git_revparse_single(&obj, repo, spec.c_str()) < 0) {
        return util::usage_error("unknown revision '" + spec + "': " + last_error_text(),
                                 "name a commit, branch or tag that exists in this repository");
    }
    ObjectPtr owned(obj);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
        return util::usage_error("'" + spec + "' does not name a commit");
    }
    return CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

util::Expected<std::pair<CommitPtr, CommitPtr>> resolve_range(git_repository* repo,
                                                              std::string_view range) {
    size_t dots = range.find("..");
    if (dots == std::string_view::npos) {
        return util::usage_error("'" + std::string(range) + "' is not a range",
                                 "write A..B (A's tree against B's) or A...B (from their merge "
                                 "base)");
    }
    bool merge_base = range.substr(dots).starts_with("...");
    std::string_view left = range.substr(0, dots);
    std::string_view right = range.substr(dots + (merge_base ? 3 : 2));
    CommitPtr from = VIGIL_TRY(resolve_commit(repo, left.empty() ? "HEAD" : left));
    CommitPtr to = VIGIL_TRY(resolve_commit(repo, right.empty() ? "HEAD" : right));
    if (merge_base) {
        git_oid base;
        if (git_merge_base(&base, repo, git_commit_id(from.get()), git_commit_id(to.get())) < 0) {
            return util::usage_error("'" + std::string(left) + "' and '" + std::string(right) +
                                     "' have no common ancestor");
        }
        git_commit* base_commit = nullptr;
        if (git_commit_lookup(&base_commit, repo, &base) < 0) {
            return git_failure("cannot read the merge base");
        }
        from.reset(base_commit);
    }
    return std::pair{std::move(from), std::move(to)};
}

util::Expected<std::string> default_base_branch(git_repository* repo) {
    git_reference* head = nullptr;
    if (git_repository_head(&head, repo) == 0) {
        ReferencePtr owned_head(head);
        git_reference* upstream = nullptr;
        if (git_reference_is_branch(head) && git_branch_upstream(&upstream, head) == 0) {
            ReferencePtr owned_upstream(upstream);
            return std::string(git_reference_shorthand(upstream));
        }
    }
    git_reference* origin_head = nullptr;
    if (git_reference_lookup(&origin_head, repo, "refs/remotes/origin/HEAD") == 0) {
        ReferencePtr owned(origin_head);
        if (const char* target = git_reference_symbolic_target(origin_head)) {
            std::string name = target;
            const std::string prefix = "refs/remotes/";
            return name.starts_with(prefix) ? name.substr(prefix.size()) : name;
        }
    }
    for (const char* candidate : {"refs/remotes/origin/main", "refs/remotes/origin/master",
                                  "refs/heads/main", "refs/heads/master"}) {
        git_oid id;
        if (git_reference_name_to_id(&id, repo, candidate) == 0) {
            std::string name = candidate;
            return name.substr(name.find('/', 5) + 1);
        }
    }
    return util::usage_error("cannot tell which branch this one should be compared with (no "
                             "upstream, no origin/HEAD, no main or master)",
                             "pass --range BASE...HEAD");
}

util::Expected<TreePtr> tree_of(git_commit* commit) {
    git_tree* tree = nullptr;
    if (git_commit_tree(&tree, commit) < 0) {
        return git_failure("cannot read the tree of commit " + oid_hex(*git_commit_id(commit)));
    }
    return TreePtr(tree);
}

util::Expected<TreePtr> first_parent_tree(git_commit* commit) {
    if (git_commit_parentcount(commit) == 0) {
        return TreePtr();
    }
    git_commit* parent = nullptr;
    if (git_commit_parent(&parent, commit, 0) < 0) {
        return git_failure("cannot read the parent of commit " + oid_hex(*git_commit_id(commit)));
    }
    CommitPtr owned(parent);
    return tree_of(parent);
}

} // namespace vigil::git::detail
