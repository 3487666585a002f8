// config: the repository's review guidance — `[review]` in the rule file a run uses (--config
// FILE, else .vigil.toml at the top). It only tells the review model what to look for, as
// fenced data in the prompt; it cannot change models, endpoints, budgets or the answer format.
//
//   [review]
//   instructions = "We use SQLAlchemy sessions; flag queries built from strings."
//   [[review.paths]]
//   paths = ["migrations/**", "*.sql"]
//   instructions = "Every migration must be reversible."
#pragma once

#include <string>
#include <vector>
#include <vigil/review/pipeline.hpp>
#include <vigil/util/error.hpp>

namespace vigil::config {

struct ReviewConfigRequest {
    std::string config_file; // --config; empty: .vigil.toml in `root`
    std::string root;        // the repository's work tree; may be empty
};

// Guidance for every path first, then per-path entries in file order. No file or no [review]:
// none. Fails (config error) naming file:line for an unknown key or a value of the wrong type.
util::Expected<std::vector<review::PathInstruction>>
load_review_instructions(const ReviewConfigRequest& request);

} // namespace vigil::config
