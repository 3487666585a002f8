// git: what a git hook needs to know about the repository — where its hooks live, and for a
// ref a push updates, which commits the remote does not have yet.
#pragma once

#include <string>
#include <string_view>
#include <vector>
#include <vigil/git/repository.hpp>

namespace vigil::git {

// The folder git runs hooks from: core.hooksPath when set (`~` expanded; a relative path is
// taken from the top of the work tree, or from the git dir of a bare repository, as git does),
// else `hooks` in the common git dir, which linked worktrees share. Fails (config) when
// core.hooksPath cannot be read.
util::Expected<std::string> hooks_dir(const Repository& repo);

enum class PushKind { create, update, force, remove };

struct OutgoingCommits {
    PushKind kind = PushKind::update;
    std::string tip;  // the pushed commit (a pushed tag peeled to its commit)
    std::string base; // the newest commit the remote has that `commits` build on; empty: none
    std::vector<std::string> commits; // new to the remote, newest first, at most the limit
    size_t total = 0;                 // how many there are without the limit
};

// The commits one pre-push line sends (local and remote object ids as git prints them; all
// zeros for "none"). An update sends remote..local. A force-push (the remote's commit is not
// an ancestor) sends what is not reachable from the remote's commit, on top of their merge
// base. A new ref, or a remote commit this repository does not have, sends what no
// remote-tracking ref reaches (without any: what the default branch does not reach), on top of
// the newest merge base with them. A deletion sends nothing. Fails (usage) when the local id
// names no commit here.
util::Expected<OutgoingCommits> outgoing_commits(const Repository& repo, std::string_view local_id,
                                                 std::string_view remote_id, size_t limit);

// True when `id` is git's all-zeros object id ("no object").
bool is_null_id(std::string_view id);

} // namespace vigil::git
