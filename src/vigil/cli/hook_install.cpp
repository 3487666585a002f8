// `vigil hook install` and `vigil hook uninstall`.
#include "exit_code.hpp"
#include "hook_command.hpp"
#include "hook_shims.hpp"
#include "terminal.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <vigil/git/push.hpp>
#include <vigil/git/repository.hpp>

namespace vigil::cli {
namespace {
namespace fs = std::filesystem;

// The previous hook, chained by the shim (it runs after vigil with the same input).
constexpr std::string_view k_chained_suffix = ".vigil-previous";
// A hook `install --force` replaced: kept for uninstall, never run.
constexpr std::string_view k_replaced_suffix = ".vigil-replaced";

std::string sh_quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

std::vector<std::string_view> chosen_hooks(const HookRequest& r) {
    if (r.pre_commit == r.pre_push) {
        return {std::begin(k_shim_hooks), std::end(k_shim_hooks)};
    }
    return {r.pre_commit ? k_shim_hooks[0] : k_shim_hooks[1]};
}

bool present(const fs::path& p) {
    std::error_code ec;
    return fs::symlink_status(p, ec).type() != fs::file_type::not_found;
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool is_shim(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) && read_text(p).find(k_shim_marker) != std::string::npos;
}

// Written beside the hook and renamed over it, so git never runs half a shim.
util::Expected<void> write_shim(const fs::path& hook, const std::string& text) {
    fs::path tmp = hook;
    tmp += ".vigil-tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) {
            return util::runtime_error("cannot write " + tmp.string());
        }
    }
    std::error_code ec;
    fs::permissions(tmp,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ec);
    fs::rename(tmp, hook, ec);
    if (ec) {
        return util::runtime_error("cannot write " + hook.string() + ": " + ec.message());
    }
    return {};
}

util::Expected<void> move(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) {
        return util::runtime_error("cannot rename " + from.string() + " to " + to.string() + ": " +
                                   ec.message());
    }
    return {};
}

fs::path with_suffix(const fs::path& hook, std::string_view suffix) {
    fs::path p = hook;
    p += std::string(suffix);
    return p;
}

// The running binary, so the hook runs this vigil even when PATH differs at commit time.
std::string own_path() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("vigil") : self.string();
}

util::Expected<std::string> install_one(const fs::path& dir, std::string_view name,
                                        const std::string& text, bool force) {
    fs::path hook = dir / std::string(name);
    fs::path chained = with_suffix(hook, k_chained_suffix);
    fs::path replaced = with_suffix(hook, k_replaced_suffix);
    if (is_shim(hook)) {
        if (read_text(hook) == text) {
            return std::string(name) + ": already installed (" + hook.string() + ")";
        }
        VIGIL_TRY(write_shim(hook, text));
        return std::string(name) + ": updated " + hook.string();
    }
    if (!present(hook)) {
        VIGIL_TRY(write_shim(hook, text));
        return std::string(name) + ": installed " + hook.string() +
               (present(chained) ? " (runs " + chained.filename().string() + " after it)" : "");
    }
    for (const auto& backup : {chained, replaced}) {
        if (present(backup)) {
            return util::config_error("cannot keep the existing " + std::string(name) +
                                          " hook: " + backup.string() + " already exists",
                                      "move one of them away, then run `vigil hook install` again");
        }
    }
    VIGIL_TRY(move(hook, force ? replaced : chained));
    VIGIL_TRY(write_shim(hook, text));
    if (force) {
        return std::string(name) + ": installed " + hook.string() + "; the hook that was there " +
               "is kept as " + replaced.filename().string() + " and no longer runs";
    }
    return std::string(name) + ": installed " + hook.string() + "; the hook that was there " +
           "is kept as " + chained.filename().string() + " and runs after vigil";
}

util::Expected<std::string> uninstall_one(const fs::path& dir, std::string_view name) {
    fs::path hook = dir / std::string(name);
    fs::path backup;
    for (auto suffix : {k_chained_suffix, k_replaced_suffix}) {
        if (present(with_suffix(hook, suffix))) {
            backup = with_suffix(hook, suffix);
            break;
        }
    }
    if (present(hook) && !is_shim(hook)) {
        return std::string(name) + ": " + hook.string() + " is not vigil's; left as it is" +
               (backup.empty() ? "" : " (and so is " + backup.filename().string() + ")");
    }
    bool removed = present(hook);
    if (removed) {
        std::error_code ec;
        fs::remove(hook, ec);
        if (ec) {
            return util::runtime_error("cannot remove " + hook.string() + ": " + ec.message());
        }
    }
    if (!backup.empty()) {
        VIGIL_TRY(move(backup, hook));
        return std::string(name) + ": restored the hook that was there before vigil";
    }
    return std::string(name) + (removed ? ": removed " + hook.string() : ": not installed");
}

util::Expected<fs::path> hooks_folder(const HookRequest& r, bool create) {
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    fs::path dir = VIGIL_TRY(git::hooks_dir(repo));
    std::error_code ec;
    if (create && !fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) {
            return util::runtime_error("cannot create the hooks folder " + dir.string() + ": " +
                                       ec.message());
        }
    }
    return dir;
}

util::Expected<void> install(const HookRequest& r) {
    fs::path dir = VIGIL_TRY(hooks_folder(r, true));
    std::string self = own_path();
    for (auto name : chosen_hooks(r)) {
        std::cout << VIGIL_TRY(install_one(dir, name, hook_shim(name, self), r.force)) << '\n';
    }
    return {};
}

util::Expected<void> uninstall(const HookRequest& r) {
    fs::path dir = VIGIL_TRY(hooks_folder(r, false));
    for (auto name : chosen_hooks(r)) {
        std::cout << VIGIL_TRY(uninstall_one(dir, name)) << '\n';
    }
    return {};
}

int report(const util::Expected<void>& done) {
    if (!done) {
        print_error(done.error());
        return exit_code_for(done.error());
    }
    return k_exit_clean;
}

} // namespace

std::string hook_shim(std::string_view hook, const std::string& vigil_path) {
    std::string text(hook_shim_template(hook));
    const std::string placeholder = "@VIGIL_PATH@";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at)) {
        std::string quoted = sh_quoted(vigil_path);
        text.replace(at, placeholder.size(), quoted);
        at += quoted.size();
    }
    return text;
}

int install_hooks(const HookRequest& request) {
    return report(install(request));
}

int uninstall_hooks(const HookRequest& request) {
    return report(uninstall(request));
}

} // namespace vigil::cli
