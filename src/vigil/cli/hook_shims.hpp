// cli (private): the hook shims `vigil hook install` writes. Their text lives in hooks/ at the
// top of the source tree and is embedded at build time (cmake/EmbedHookShims.cmake).
#pragma once

#include <string>
#include <string_view>

namespace vigil::cli {

// The hooks vigil installs, in the order it reports them.
inline constexpr std::string_view k_shim_hooks[] = {"pre-commit", "pre-push"};

// The line every shim carries, by which install and uninstall know a hook is vigil's.
inline constexpr std::string_view k_shim_marker = "vigil-hook-shim";

// hooks/<hook> as built in, with its @VIGIL_PATH@ placeholder; empty for another hook name.
std::string_view hook_shim_template(std::string_view hook);

// The shim for `hook` that runs the vigil at `vigil_path` (falling back to PATH when that file
// is gone), the path quoted for sh.
std::string hook_shim(std::string_view hook, const std::string& vigil_path);

} // namespace vigil::cli
