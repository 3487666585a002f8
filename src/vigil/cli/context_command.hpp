// cli: `vigil context` — what vigil knows about each hunk of a change (symbols, source,
// definitions used, imports): the context a model review is given, shown on its own.
#pragma once

#include "diff_target.hpp"

#include <string>

namespace vigil::cli {

struct ContextRequest {
    DiffTarget target;
    std::string repo_dir = ".";
    std::string format = "text"; // text | json
    std::string max_file_size = "10M";
    unsigned threads = 0;
};

// Prints the context of every hunk of the target on stdout and returns the exit code: 0, or 2
// for a usage error (no target, two targets, an unknown format), 3 for an unreadable
// repository. Files vigil cannot parse still get a line window and the reason.
int run_context(const ContextRequest& request);

} // namespace vigil::cli
