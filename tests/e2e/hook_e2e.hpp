// Helpers for the git hook tests: hooks installed by `vigil hook install` from the binary under
// test, then run by real `git commit` and `git push` invocations.
#pragma once

#include "e2e.hpp"

#include <filesystem>
#include <fstream>

namespace vigil::test {

// Where git itself runs hooks from (core.hooksPath honoured), as an absolute path.
inline std::filesystem::path git_hooks_dir(const TempRepo& repo,
                                           const std::filesystem::path& cwd = {}) {
    ProcessOptions o;
    o.cwd = cwd.empty() ? repo.path().string() : cwd.string();
    auto r = repo.git_result({"rev-parse", "--path-format=absolute", "--git-path", "hooks"}, o);
    std::string out = r.out.substr(0, r.out.find('\n'));
    return std::filesystem::path(out).lexically_normal();
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes an executable sh script.
inline void write_script(const std::filesystem::path& p, const std::string& body) {
    namespace fs = std::filesystem;
    fs::create_directories(p.parent_path());
    {
        std::ofstream out(p, std::ios::binary | std::ios::trunc);
        out << "#!/bin/sh\n" << body;
    }
    fs::permissions(p, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
}

// No model is reachable unless a test says otherwise, and no user config leaks in.
inline ProcessOptions hook_env(const TempRepo& repo, std::string ollama = "127.0.0.1:9") {
    ProcessOptions o;
    o.env = {{"OLLAMA_HOST", ollama},
             {"XDG_CACHE_HOME", (repo.home() / "cache").string()},
             {"XDG_CONFIG_HOME", (repo.home() / "config").string()},
             {"NO_COLOR", "1"}};
    o.unset_env = {"VIGIL_CONFIG", "VIGIL_MODEL", "VIGIL_SKIP",
                   "PRE_COMMIT",   "http_proxy",  "HTTP_PROXY"};
    return o;
}

// The user's config file, as the hooks under hook_env read it.
inline void write_user_config(const TempRepo& repo, const std::string& text) {
    std::filesystem::create_directories(repo.home() / "config" / "vigil");
    std::ofstream(repo.home() / "config" / "vigil" / "config.toml") << text;
}

inline ProcessResult install_hooks(const TempRepo& repo, std::vector<std::string> extra = {},
                                   const std::filesystem::path& cwd = {}) {
    std::vector<std::string> args = {"hook", "install"};
    args.insert(args.end(), extra.begin(), extra.end());
    ProcessOptions o = hook_env(repo);
    o.cwd = cwd.string();
    return repo.vigil(args, o);
}

// `git commit` through the installed hook, with hook_env.
inline ProcessResult commit(const TempRepo& repo, const std::string& message,
                            std::vector<std::pair<std::string, std::string>> env = {}) {
    ProcessOptions o = hook_env(repo);
    o.env.insert(o.env.end(), env.begin(), env.end());
    return repo.git_result({"commit", "-m", message}, o);
}

} // namespace vigil::test
