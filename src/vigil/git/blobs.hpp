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

} // namespace vigil::git
