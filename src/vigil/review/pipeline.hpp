// review: the model review of a change — pre-triage, triage, review, anchors, verify, fix
// checks — turning what models say into Findings and Suggestions that passed every check, and
// a ReviewSummary that says what was reviewed, what was not and why, and what it cost.
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <vigil/core/change.hpp>
#include <vigil/core/finding.hpp>
#include <vigil/core/suggestion.hpp>
#include <vigil/core/summary.hpp>
#include <vigil/core/text_source.hpp>
#include <vigil/lang/context.hpp>
#include <vigil/llm/routing.hpp>
#include <vigil/rules/rule_set.hpp>

namespace vigil::review {

// Review guidance from configuration for the paths a glob matches ("" or "**": every path).
struct PathInstruction {
    std::string paths;
    std::string text;
};

// A fix this repository's people took before: shown in prompts for files of its language.
struct LearnedExample {
    std::string path;
    std::string message;
    std::string before; // the lines it replaced
    std::string after;
};

struct ReviewOptions {
    std::vector<PathInstruction> instructions;
    size_t max_findings = 3;            // per request
    uint64_t max_request_tokens = 6000; // prompt estimate per request; context shrinks to fit
    uint64_t max_run_tokens = 200000;   // prompt estimates over the run; the rest is listed
    bool triage = true;                 // ask the triage model first (when it is not the reviewer)
    bool verify = false;                // score each finding with the verify model
    int min_score = 5;                  // verify: lower scores are dropped
    unsigned threads = 2;               // requests in flight
    std::vector<LearnedExample> examples; // up to two of the file's language go in each prompt
    std::vector<std::string> avoid;       // messages of dismissed findings: "do not suggest"
    std::string review_model; // one of the review role's configured models; "": its default
};

struct ReviewInput {
    const core::ChangeSet& changes;
    const std::vector<lang::FileContext>& context; // by path; may miss files
    const core::TextSource& new_text;              // the new side's whole text of a file
    const std::vector<core::Finding>& rule_findings;
    const rules::RuleSet& rules;
};

struct ReviewResult {
    std::vector<core::Finding> findings; // rule ids "model/<category>", in path/line order
    std::vector<core::Suggestion> suggestions;
    core::ReviewSummary summary;
};

// Reviews the change through `router`. Never fails: a model that cannot be reached, answers
// badly or runs out of budget leaves its hunks listed in summary.not_reviewed with the reason.
ReviewResult review_changes(llm::Router& router, const ReviewInput& input,
                            const ReviewOptions& options);

// Whether `path` is one a PathInstruction's glob names (fnmatch: "*" and "**" also cross
// '/'); a glob without '/' matches the file name in any folder; "" matches every path.
bool instruction_applies(std::string_view glob, std::string_view path);

// How a model's finding is named and fingerprinted: "model/<category>", and the fingerprint of
// the anchored lines with whitespace collapsed (no line number: it survives edits above).
std::string model_rule_id(std::string_view category);
std::string model_fingerprint(std::string_view rule_id, std::string_view path,
                              const std::vector<std::string>& lines);

} // namespace vigil::review
