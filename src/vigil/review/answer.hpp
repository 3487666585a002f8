// review: what a model may answer — the small flat JSON schemas of the review, triage and
// verify passes (sent as `format` and pasted into the prompt) and their parsers. A reply is
// data: anything that does not fit the schema is dropped and counted, never acted on.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>

namespace vigil::review {

// What a model may call a problem; findings become rules "model/<category>".
inline constexpr std::string_view k_categories[] = {
    "bug", "security", "error-handling", "concurrency", "performance", "maintainability"};

// One finding as the review model states it. `quote` is 1-3 added lines copied verbatim.
struct ModelFinding {
    std::string quote;
    std::string category;
    core::Severity severity = core::Severity::warning;
    std::string title;
    std::string explanation;
    std::optional<std::string> replacement; // new text for the quoted lines
};

struct ReviewAnswer {
    std::vector<ModelFinding> findings;
    size_t invalid = 0; // entries without a quote, title or known category, or past the cap
};

// JSON Schema of the review answer, at most `max_findings` items.
std::string review_schema(size_t max_findings);
// Parses a review reply (already extracted JSON). nullopt when it is not the object asked for.
std::optional<ReviewAnswer> parse_review_answer(std::string_view json, size_t max_findings);

// Triage: per hunk id, whether the review model should see it, and for what.
struct TriageVerdict {
    bool review = true;
    std::string focus; // "possible off-by-one in the loop bound"; may be empty
};
std::string triage_schema();
// Hunk id -> verdict; ids the reply does not mention are absent (the caller reviews them).
std::optional<std::map<int, TriageVerdict>> parse_triage_answer(std::string_view json);

// Verify: a 0-10 score per finding id.
std::string verify_schema();
std::optional<std::map<int, int>> parse_verify_answer(std::string_view json);

} // namespace vigil::review
