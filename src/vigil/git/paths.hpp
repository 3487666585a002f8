// git: plain files and folders as a ChangeSet source (`vigil scan PATH...`), honouring
// .gitignore when a path lies inside a repository. Needs no repository.
#pragma once

#include <functional>
#include <string>
#include <vector>
#include <vigil/core/change.hpp>
#include <vigil/git/sources.hpp>

namespace vigil::git {

struct PathOptions {
    uint64_t max_file_bytes = k_default_max_file_bytes;
    unsigned threads = 1; // files are read (and sunk) on this many threads
};

// Calls sink once per file read, with a ChangeSet holding that one file as added (every line
// added) or the reason it was skipped. With threads > 1, sink runs on several threads at once
// and in no set order (it must be thread-safe). Files met while walking a folder are skipped when git
// ignores them (and .git folders always); files named on the command line are always read.
// Fails (usage) on a path that does not exist.
util::Expected<void> read_paths(const std::vector<std::string>& paths, const PathOptions& opts,
                                const std::function<void(core::ChangeSet&&)>& sink);

// One FileChange with every line of content as an added line (shared with tests).
core::FileChange file_as_added(std::string path, std::string_view content);

} // namespace vigil::git
