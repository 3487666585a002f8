// review: the prompts — one review request per group of hunks (the hunks that share an
// enclosing function, or one hunk), one triage request per batch of hunks (from any files),
// one verify request per group.
// Code, comments and repository text are fenced data: the system prompt says so, and the
// answer is only ever parsed as JSON (answer.hpp). Secrets are redacted before anything is
// written into a prompt (redact.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/change.hpp>
#include <vigil/core/finding.hpp>
#include <vigil/lang/context.hpp>
#include <vigil/llm/types.hpp>
#include <vigil/review/answer.hpp>
#include <vigil/review/redact.hpp>

namespace vigil::review {

// Part of the response cache key: a change to any prompt text below must change these.
inline constexpr std::string_view k_review_template = "vigil-review-1";
inline constexpr std::string_view k_triage_template = "vigil-triage-2";
inline constexpr std::string_view k_verify_template = "vigil-verify-1";
inline constexpr std::string_view k_explain_template = "vigil-explain-1";

// What one review request is about.
struct PromptParts {
    const core::FileChange* file = nullptr;
    const lang::FileContext* context = nullptr;      // nullptr: no context (the hunks alone)
    std::vector<size_t> hunks;                       // indices into file->hunks
    std::vector<const core::Finding*> rule_findings; // already reported on these lines
    std::string instructions;       // the repository's review instructions for this path
    std::vector<std::string> focus; // what triage asked the review to look at
    size_t max_findings = 3;
    // Learned from this repository's feedback: fixes people took (before, after), and
    // findings they dismissed.
    std::vector<std::pair<std::string, std::string>> examples;
    std::vector<std::string> avoid;
};

struct BuiltPrompt {
    std::vector<llm::Message> messages;
    std::vector<std::string> left_out; // context dropped to fit: "definitions", "imports", ...
};

// The review request's messages, fitting `max_tokens` (an upper estimate) by leaving out, in
// turn, definitions, imports and the enclosing source. nullopt when the hunks alone do not fit.
std::optional<BuiltPrompt> review_prompt(const PromptParts& parts, const Redactor& redactor,
                                         uint64_t max_tokens);

// A hunk for triage: hunk `hunk` of `file`.
struct TriageItem {
    const core::FileChange* file = nullptr;
    size_t hunk = 0;
};

// One triage request for hunks of one or more files; hunk ids in the prompt are 1-based
// positions in `hunks`.
std::vector<llm::Message> triage_prompt(const std::vector<TriageItem>& hunks,
                                        const Redactor& redactor);

// One verify request: the group's change and its findings, ids 1-based positions in `findings`.
std::vector<llm::Message> verify_prompt(const PromptParts& parts,
                                        const std::vector<ModelFinding>& findings,
                                        const Redactor& redactor);

// What `vigil explain` asks about: lines of a file, with their context, and the finding on them.
struct ExplainParts {
    std::string path;
    uint32_t line = 0;
    uint32_t end_line = 0;
    const lang::FileContext* context = nullptr; // its first hunk covers the lines
    std::string finding; // "error model/bug: Division by zero. ..."; "" for a plain question
};

// The explain request: prose, streamed to the terminal (no schema).
std::vector<llm::Message> explain_prompt(const ExplainParts& parts, const Redactor& redactor);

// A fence line of '~' longer than any run of '~' in `texts` (so no quoted text can end it).
std::string fence_for(const std::vector<std::string_view>& texts);

} // namespace vigil::review
