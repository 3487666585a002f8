// git: three-way merge of texts, as `git merge-file` does — how `vigil apply` takes a
// suggestion made for an older version of a file that has changed since.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::git {

// `ours` and `theirs` both derived from `base`: their changes combined, or nullopt when they
// touch the same lines differently (a conflict) or the merge cannot be made.
std::optional<std::string> merge_texts(std::string_view base, std::string_view ours,
                                       std::string_view theirs);

} // namespace vigil::git
