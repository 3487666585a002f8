// git: reading and writing blobs by id — the file text a report quotes, the bases of
// suggested patches.
#pragma once

#include <string>
#include <string_view>
#include <vigil/git/repository.hpp>

namespace vigil::git {

// The bytes of blob `id` (full hex). Fails (runtime) when it is not in the object database.
util::Expected<std::string> read_blob(const Repository& repo, std::string_view id);

// Writes `content` into the object database (so `git apply --3way` finds a patch's base);
// returns its id.
util::Expected<std::string> write_blob(const Repository& repo, std::string_view content);

// Stages `content` as the file `path` (from the top, '/'-separated) with git mode `mode`, as
// `git apply --index` would: only when the index holds the blob `expected_id` for it (the
// file as it was before), so nothing staged differently is overwritten. Fails (runtime) when
// the index differs, is locked or cannot be written.
util::Expected<void> stage_file(const Repository& repo, const std::string& path,
                                std::string_view content, uint32_t mode,
                                std::string_view expected_id);

} // namespace vigil::git
