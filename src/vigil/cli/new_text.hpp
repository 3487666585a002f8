// cli: where the new text of a changed file comes from, for the stages that parse whole files
// (rule scopes, syntax checks, code context).
#pragma once

#include <string>
#include <vigil/core/text_source.hpp>
#include <vigil/git/repository.hpp>

namespace vigil::cli {

// Reads a changed file's new text: its blob when the diff names one, else — for work-tree
// diffs, whose ids are computed rather than stored — the file under `work_tree` (a path ending
// in "/"; empty for commits and history, where a missing blob means no text). `repo` must
// outlive the source.
core::TextSource new_text_source(const git::Repository& repo, std::string work_tree);

} // namespace vigil::cli
