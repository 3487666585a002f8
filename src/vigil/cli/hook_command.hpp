// cli: `vigil hook install|uninstall|run` — git hooks. install writes the shims (hooks/) into
// the folder git runs hooks from, keeping and chaining a hook that was there; uninstall puts it
// back. `hook run pre-commit` checks the index with the rules; `hook run pre-push` reviews the
// pushed commits. Only findings block: a model, grammar or repository config that fails is
// reported in one line and the hook decides on what it could check.
#pragma once

#include <string>
#include <vector>

namespace vigil::cli {

struct HookRequest {
    std::string action;      // "install", "uninstall" or "run"
    bool pre_commit = false; // install/uninstall: this hook (neither flag: both)
    bool pre_push = false;
    bool force = false; // install: replace a foreign hook instead of chaining it (still kept)
    std::string hook;   // run: "pre-commit" or "pre-push"
    std::vector<std::string> args; // run: what git passed the hook
    std::string repo_dir = ".";
    std::string color = "auto";
};

// Returns the exit code (docs/hooks.md); reports its own errors on stderr.
int run_hook(const HookRequest& request);

// The parts, one file each.
int install_hooks(const HookRequest& request);
int uninstall_hooks(const HookRequest& request);
int run_pre_commit(const HookRequest& request);
int run_pre_push(const HookRequest& request);

} // namespace vigil::cli
