// report (private): the pieces of vigil's SARIF that are decisions rather than plumbing —
// URIs, levels, GitHub's security-severity and precision, regions in UTF-16 columns, and
// which results survive GitHub's limits. sarif.cpp assembles them; docs/report-sarif.md
// documents them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/core/suggestion.hpp>

namespace vigil::report::sarif {

// GitHub keeps only the 5,000 most severe results of a run (and rejects a run above 25,000
// results or 25,000 rules). vigil keeps the same 5,000 itself and says so in the run, so what
// GitHub shows is what vigil chose and the log states that something was left out.
inline constexpr size_t k_max_results = 5000;
inline constexpr size_t k_max_rules = 25000;
// GitHub: rule name <= 255 characters, shortDescription <= 1024, tags <= 20 per rule.
inline constexpr size_t k_max_name = 255;
inline constexpr size_t k_max_short_description = 1024;
inline constexpr size_t k_max_tags = 20;

// A repository-relative path as a relative URI reference (RFC 3986): backslashes become '/',
// a leading "./" goes, and every byte but unreserved characters and '/' is percent-encoded
// (so spaces, '%', '#', '?', ':' and non-ASCII survive any URI parser). An absolute path
// ("/x", "C:\\x") becomes a file URI ("file:///x", "file:///C:/x").
std::string artifact_uri(std::string_view path);

// result.level and defaultConfiguration.level: "error", "warning", "note".
std::string_view level(core::Severity severity);

// properties.problem.severity: "error", "warning", "recommendation".
std::string_view problem_severity(core::Severity severity);

// properties.security-severity ("0.0"-"10.0") for security categories (secret, safety); none
// for the others, which keeps them out of GitHub's security alerts.
std::optional<std::string> security_severity(std::string_view category, core::Severity severity);

// properties.precision: how often the category's rules are right ("very-high" .. "low").
std::string_view precision(std::string_view category);

// Tags for a rule: "security" (and CWE-798 for secrets) for security categories, the category,
// then its own with "cwe-N" spelled "external/cwe/cwe-N" as GitHub wants; no duplicates, at
// most k_max_tags.
std::vector<std::string> rule_tags(std::string_view category, const std::vector<std::string>& own);

// A rule's friendly name (UpperCamelCase, as SARIF suggests): "aws-access-token" ->
// "AwsAccessToken". At most k_max_name characters.
std::string rule_name(std::string_view id);

// `text` cut to at most `max` bytes on a UTF-8 boundary, with "…" when cut.
std::string clipped(std::string_view text, size_t max);

// Plain `text` as Markdown that shows it as written: characters Markdown would act on
// (emphasis, HTML, links, headings, tables, strikethrough) are backslash-escaped, except inside
// `code spans`, which rule help uses on purpose.
std::string markdown_escaped(std::string_view text);

struct Region {
    uint32_t start_line = 1;
    uint32_t start_column = 1;
    uint32_t end_line = 1;
    uint32_t end_column = 1; // exclusive
};

// The finding's region in UTF-16 code units (columnKind utf16CodeUnits), computed from the
// byte columns over line_text; the character columns when line_text cannot place them. A
// whole-file finding (line 0) gets the first line of `source` (1:1-1:1 without a source):
// GitHub needs a startLine (Multitool GH1003), and line 1 is where upload-sarif would hash it.
Region finding_region(const core::Finding& finding, const std::optional<std::string>& source);

// The bytes of line_text the finding's columns cover (byte column .. end column on end_line),
// or nullopt when line_text does not hold them.
std::optional<core::Span> region_bytes(const core::Finding& finding);

// line_text[span] with every secret of the line masked (unless show_secrets); a secret cut by
// the span's edge is masked as far as it reaches into it.
std::string shown_text(const core::Finding& finding, core::Span span, bool show_secrets);

// The region of the unmodified file a suggestion replaces: whole lines start_line..end_line,
// newline included; an empty region before start_line for a pure insertion.
Region deleted_region(const core::Suggestion& suggestion);

// Indices of the findings to report, in report order: all of them when there are at most
// `limit`, else the `limit` most severe (errors first; report order within a severity).
std::vector<size_t> kept_results(const std::vector<core::Finding>& findings, size_t limit);

} // namespace vigil::report::sarif
