// review: the checks a model's proposed replacement must pass before it becomes a Suggestion —
// it applies to the blob it was made for, parses with no new syntax errors, adds no secret or
// unsafe pattern the rules know, is not a no-op, leaves no placeholder, keeps every function
// and import (unless the finding says to remove them), and does not undo the change under
// review. Nothing a model writes reaches the user without them.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/suggestion.hpp>
#include <vigil/rules/rule_set.hpp>

namespace vigil::review {

// A replacement for lines start_line..end_line (1-based, inclusive) of the file's new text.
struct FixProposal {
    std::string path;      // the file, as findings name it (also the patch path)
    std::string grammar;   // lang grammar name; "" when none parses the file (no syntax check)
    std::string base_text; // the whole new-side text the finding was made on
    std::string base_id;   // git blob id of base_text; "" to have it computed
    uint32_t mode = 0100644;
    uint32_t start_line = 0;
    uint32_t end_line = 0;
    // The lines the anchor resolved to, without line breaks: base_text must still hold them.
    std::vector<std::string> anchored_lines;
    // The model's new text for those lines ("\n"-separated, no final line break needed). Empty:
    // delete the lines.
    std::string replacement;
    // The lines the change under review removed in the hunk the anchor is in (without line
    // breaks): a replacement that puts them back undoes the change.
    std::vector<std::string> removed_lines;
    std::string finding_text; // the finding's title and explanation (may ask for a removal)
    std::string rule_id;      // "model/<category>"
    std::string fingerprint;  // the finding's
    std::string description;  // one line for the suggestion
};

enum class FixRejection {
    does_not_apply, // the base no longer holds the anchored lines, or they are outside it
    no_op,          // the replacement leaves the lines as they are (whitespace aside)
    syntax_error,   // the patched file has syntax errors the base did not have
    adds_secret,    // the rules find a secret in the new lines that the old ones did not have
    adds_unsafe,    // the rules find a safety finding the old lines did not have
    placeholder,    // TODO, "implement this", an ellipsis or an empty body standing in for code
    drops_symbol,   // a function, class or method of the base is gone
    drops_import,   // an import of the base is gone
    undoes_change,  // the replacement restores what the change under review removed
};
inline constexpr FixRejection k_fix_rejections[] = {
    FixRejection::does_not_apply, FixRejection::no_op,        FixRejection::syntax_error,
    FixRejection::adds_secret,    FixRejection::adds_unsafe,  FixRejection::placeholder,
    FixRejection::drops_symbol,   FixRejection::drops_import, FixRejection::undoes_change};

// "does not apply", "no-op", "syntax error", "adds a secret", "adds an unsafe pattern",
// "placeholder", "drops a symbol", "drops an import", "undoes the change".
std::string_view to_string(FixRejection rejection);

// Runs every check, cheapest first; the first that fails is the answer. On success the
// Suggestion is complete (removed, inserted, base_id, new_id, diff) and not `safe`.
// `rules` is the run's rule set (secret and safety findings are what matter).
std::expected<core::Suggestion, FixRejection> check_fix(const FixProposal& proposal,
                                                        const rules::RuleSet& rules);

} // namespace vigil::review
