// cli: the feedback store in commands — findings someone dismissed are left out of every
// report, model findings like ones dismissed again and again are suppressed, fixes people took
// become examples in prompts, and what `vigil review` shows is recorded so `vigil apply` and
// `vigil dismiss` can name it later. The store lives in <git common dir>/vigil/
// (learn/store.hpp).
#pragma once

#include "scan_result.hpp"

#include <optional>
#include <vigil/git/repository.hpp>
#include <vigil/learn/store.hpp>
#include <vigil/review/pipeline.hpp>

namespace vigil::cli {

// The repository's store. With `create` false, nullopt when there is none yet (a scan does
// not make one). Problems become one warning on stderr and nullopt: feedback never fails a run.
std::optional<learn::Store> open_feedback(const git::Repository& repo, bool create);

// Leaves out the findings (and their fixes) the store says were dismissed; says how many.
void drop_dismissed(ScanResult& result, const learn::Store& store);

// Leaves out model findings like ones dismissed at least three times (same category, same
// message shape); security findings are never left out this way. Says how many.
void drop_like_dismissed(ScanResult& result, const learn::Store& store);

// Findings of rules dismissed again and again here and never accepted become notes (never a
// secret rule); says which rules.
void demote_rules(ScanResult& result, const learn::Store& store);

// Records `landed` for each open fix whose replacement is now in the work tree file and whose
// original lines are gone (taken by hand, or by another tool, without `vigil apply`), and
// `reverted` for each taken fix whose original lines are back and its own gone.
void record_landed(learn::Store& store, const git::Repository& repo);

// What the store has learnt, for the review prompts: fixes people took, and what they
// dismissed.
void add_learned_guidance(review::ReviewOptions& options, const learn::Store& store);

// With several models configured for the review role: the one whose fixes people took most
// often here, once each compared has shown enough fixes; "" keeps the role's default. Says
// which and why.
std::string preferred_review_model(const std::vector<std::string>& candidates,
                                   const std::string& default_model, const learn::Store& store);

// Records the run and every finding and model fix it shows.
void record_shown(learn::Store& store, std::string_view command, const ScanResult& result);

} // namespace vigil::cli
