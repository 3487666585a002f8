// core: how a stage that needs a changed file's whole new text (a parse for rule scopes or
// code context) asks for it, without knowing where it lives (a blob, the work tree, a file).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vigil/core/change.hpp>

namespace vigil::core {

// The new text of a changed file, or nullopt when it cannot be read. Must be thread-safe.
using TextSource = std::function<std::optional<std::string>(const FileChange&)>;

} // namespace vigil::core
