// cli: the documented exit codes (docs/cli.md).
#pragma once

#include <vigil/util/error.hpp>

namespace vigil::cli {

enum ExitCode : int {
    k_exit_clean = 0,    // nothing at or above the fail level
    k_exit_findings = 1, // findings at or above --fail-on
    k_exit_usage = 2,    // usage or configuration error
    k_exit_runtime = 3,  // runtime error: unreadable repository, I/O
};

inline int exit_code_for(const util::Error& e) {
    return e.kind == util::ErrorKind::runtime ? k_exit_runtime : k_exit_usage;
}

} // namespace vigil::cli
