#include "repository_impl.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <vigil/git/push.hpp>

namespace vigil::git {
namespace fs = std::filesystem;
using detail::git_failure;
using detail::oid_hex;
using detail::raw;

namespace {

// The commit `rev` names here (an id as git prints it, or `id^` as the pre-commit framework
// passes it), peeled: a pushed annotated tag names a tag object. nullopt when this repository
// does not have it.
std::optional<git_oid> commit_of(git_repository* repo, std::string_view rev) {
    std::string text(rev);
    git_object* obj = nullptr;
    if (git_revparse_single(&obj, repo, text.c_str()) < 0) {
        return std::nullopt;
    }
    detail::ObjectPtr owned(obj);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
        return std::nullopt;
    }
    git_oid out = *git_object_id(peeled);
    git_object_free(peeled);
    return out;
}

bool same(const git_oid& a, const git_oid& b) {
    return git_oid_equal(&a, &b) != 0;
}

// `ancestor` is `of` or reachable from it.
bool reaches(git_repository* repo, const git_oid& of, const git_oid& ancestor) {
    return same(of, ancestor) || git_graph_descendant_of(repo, &of, &ancestor) == 1;
}

// The commits remote-tracking refs point at: what the remote is known to have. Without any,
// the default branch stands in, unless it already reaches the tip (pushing it for the first
// time must not hide the push itself).
std::vector<git_oid> known_to_remotes(git_repository* repo, const git_oid& tip) {
    std::vector<git_oid> out;
    git_reference_iterator* it = nullptr;
    if (git_reference_iterator_glob_new(&it, repo, "refs/remotes/*") == 0) {
        git_reference* ref = nullptr;
        while (git_reference_next(&ref, it) == 0) {
            detail::ReferencePtr owned(ref);
            git_object* obj = nullptr;
            if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0) {
                out.push_back(*git_object_id(obj));
                git_object_free(obj);
            }
        }
        git_reference_iterator_free(it);
    }
    if (!out.empty()) {
        return out;
    }
    for (const char* name : {"refs/heads/main", "refs/heads/master"}) {
        git_oid id;
        if (git_reference_name_to_id(&id, repo, name) == 0 && !reaches(repo, id, tip)) {
            out.push_back(id);
            break;
        }
    }
    return out;
}

// The newest merge base of `tip` with any of `known`, for the diff the push is reviewed as.
std::optional<git_oid> newest_merge_base(git_repository* repo, const git_oid& tip,
                                         const std::vector<git_oid>& known) {
    std::optional<git_oid> best;
    for (const auto& k : known) {
        git_oid base;
        if (git_merge_base(&base, repo, &tip, &k) < 0) {
            continue;
        }
        if (!best || git_graph_descendant_of(repo, &base, &*best) == 1) {
            best = base;
        }
    }
    return best;
}

util::Expected<void> walk(git_repository* repo, const git_oid& tip,
                          const std::vector<git_oid>& hidden, size_t limit, OutgoingCommits& out) {
    git_revwalk* walk_raw = nullptr;
    if (git_revwalk_new(&walk_raw, repo) < 0) {
        return git_failure("cannot walk the pushed commits");
    }
    detail::RevwalkPtr walker(walk_raw);
    git_revwalk_sorting(walker.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (git_revwalk_push(walker.get(), &tip) < 0) {
        return git_failure("cannot walk from " + oid_hex(tip));
    }
    for (const auto& h : hidden) {
        git_revwalk_hide(walker.get(), &h);
    }
    git_oid id;
    while (git_revwalk_next(&id, walker.get()) == 0) {
        if (out.commits.size() < limit) {
            out.commits.push_back(oid_hex(id));
        }
        ++out.total;
    }
    return {};
}

} // namespace

bool is_null_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c == '0'; });
}

util::Expected<std::string> hooks_dir(const Repository& repo) {
    git_repository* r = raw(repo);
    git_config* config = nullptr;
    if (git_repository_config_snapshot(&config, r) < 0) {
        return git_failure("cannot read the repository's git config");
    }
    std::unique_ptr<git_config, detail::Deleter<git_config, git_config_free>> owned(config);
    git_buf value = GIT_BUF_INIT;
    int rc = git_config_get_path(&value, config, "core.hooksPath");
    if (rc == 0) {
        fs::path path(value.ptr);
        git_buf_dispose(&value);
        if (path.is_relative()) {
            path = fs::path(repo.is_bare() ? repo.git_dir() : repo.workdir()) / path;
        }
        return path.lexically_normal().string();
    }
    git_buf_dispose(&value);
    if (rc != GIT_ENOTFOUND) {
        auto failure = git_failure("cannot read core.hooksPath");
        failure.error().kind = util::ErrorKind::config;
        return failure;
    }
    return (fs::path(git_repository_commondir(r)) / "hooks").lexically_normal().string();
}

util::Expected<OutgoingCommits> outgoing_commits(const Repository& repo, std::string_view local_id,
                                                 std::string_view remote_id, size_t limit) {
    OutgoingCommits out;
    if (is_null_id(local_id)) {
        out.kind = PushKind::remove;
        return out;
    }
    git_repository* r = raw(repo);
    auto tip = commit_of(r, local_id);
    if (!tip) {
        return util::usage_error("the pushed object " + std::string(local_id) +
                                 " is not a commit in this repository");
    }
    out.tip = oid_hex(*tip);
    auto remote = is_null_id(remote_id) ? std::nullopt : commit_of(r, remote_id);
    std::vector<git_oid> hidden;
    std::optional<git_oid> base;
    if (remote && reaches(r, *tip, *remote)) {
        out.kind = PushKind::update;
        hidden = {*remote};
        base = *remote;
    } else if (remote) {
        out.kind = PushKind::force;
        hidden = {*remote};
        base = newest_merge_base(r, *tip, hidden);
    }
    if (!base) {
        // A new ref, a remote commit not fetched here, or a force-push onto unrelated history.
        out.kind = is_null_id(remote_id) ? PushKind::create : out.kind;
        auto known = known_to_remotes(r, *tip);
        hidden.insert(hidden.end(), known.begin(), known.end());
        base = newest_merge_base(r, *tip, known);
    }
    if (base) {
        out.base = oid_hex(*base);
    }
    VIGIL_TRY(walk(r, *tip, hidden, limit, out));
    return out;
}

} // namespace vigil::git
