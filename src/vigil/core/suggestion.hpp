// core: a suggested change — lines of one file replaced by new text, recorded against the
// exact blob it was made for, so it can be shown, written as a patch and applied later only
// if that blob is still what the file holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core {

struct Suggestion {
    std::string path; // the file as its finding names it
    // The file as `git apply` expects it in the diff headers: relative to the top of the work
    // tree, '/'-separated. Empty: the same as path.
    std::string patch_path;
    std::string rule_id;     // the finding's rule
    std::string fingerprint; // the finding's fingerprint
    std::string description; // one line: what the change does
    std::string base_id;     // full hex blob id of the bytes the change was made for
    std::string new_id;      // full hex blob id of the result
    uint32_t mode = 0100644; // the file's git mode, for the patch's index line
    // Lines start_line..end_line (1-based, inclusive) of the base are replaced; end_line is
    // start_line - 1 for a pure insertion before start_line.
    uint32_t start_line = 0;
    uint32_t end_line = 0;
    std::string removed;  // the exact bytes of those lines, newlines included
    std::string inserted; // their replacement, newlines included
    // The change as a unified diff that `git apply` takes: diff --git, index with full ids,
    // 3 lines of context. Empty when it could not be made.
    std::string diff;
    // Machine-applicable: made by a deterministic rule. Model-made fixes are never safe.
    bool safe = false;
};

} // namespace vigil::core

namespace vigil::core {

// Completes `s` — whose path, mode, start_line, end_line and inserted are set — against
// `base`, the whole file it was made for: fills removed, base_id, new_id and diff. A
// non-empty `inserted` that replaces lines before the end of the file gets a final newline.
// Returns false, leaving the rest untouched, when the lines are outside the file or the
// change would leave the file as it is.
// `base_id`, when given, is git's blob id of `base` (saves hashing it again per suggestion).
bool complete_suggestion(Suggestion& s, std::string_view base, std::string_view base_id = {});

// One diff for several suggestions on the same file, all made for `base`: hunks merged where
// their context meets. Suggestions whose lines overlap an earlier one's are left out; their
// indices are appended to `left_out` when given. Empty when nothing applies.
std::string combined_diff(const std::vector<const Suggestion*>& suggestions, std::string_view base,
                          std::vector<size_t>* left_out = nullptr);

// `path` as git writes it in a patch header: C-quoted when it holds '"', '\\', control
// characters or bytes above 0x7f; as is otherwise. `prefix` is "a/" or "b/".
std::string patch_path(std::string_view prefix, std::string_view path);

} // namespace vigil::core
