// forge: the text of the comments vigil leaves on a pull or merge request — a line comment per
// finding with a committable suggestion when a checked fix exists, the one summary comment,
// and the hidden markers that let a later run recognise its own comments.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/core/suggestion.hpp>
#include <vigil/report/report.hpp>

namespace vigil::forge {

// GitHub writes ```suggestion (the comment's lines are replaced); GitLab ```suggestion:-0+N
// (the commented line and N below).
enum class Dialect { github, gitlab };

// "<!-- vigil:fp=<fingerprint> -->": the finding's content fingerprint, as the reports carry it.
std::string fingerprint_marker(const std::string& fingerprint);
inline constexpr const char* k_outdated_marker = "<!-- vigil:outdated -->";
inline constexpr const char* k_summary_marker = "<!-- vigil:summary -->";

// The fingerprint in a comment's marker, or nullopt when the comment is not vigil's.
std::optional<std::string> marker_fingerprint(const std::string& body);
bool has_outdated_marker(const std::string& body);
bool has_summary_marker(const std::string& body);

// The finding's one-line description with its secret masked (unless data.show_secrets), as
// Markdown, with anything that could open an HTML comment (and so forge a marker) defused.
std::string finding_text(const report::ReportData& data, const core::Finding& finding);

// The suggestion a line comment may carry for `finding`: a checked fix (rule or model) whose
// lines are all added lines of the change (`changed(first, last)`) and whose text shows no
// secret (unless data.show_secrets). nullptr otherwise.
const core::Suggestion*
committable_suggestion(const report::ReportData& data, const core::Finding& finding,
                       const std::function<bool(uint32_t, uint32_t)>& changed);

// A line comment's body: the finding, the suggestion block when given, the marker.
std::string line_comment_body(const report::ReportData& data, const core::Finding& finding,
                              const core::Suggestion* suggestion, Dialect dialect);

// The body an earlier comment gets once its finding is gone: a note, the old text without
// its suggestion (an outdated fix must not be committable), the marker and k_outdated_marker.
std::string outdated_body(const std::string& body, const std::string& fingerprint);

// Why a finding is in the summary rather than on its line.
enum class SummaryReason { not_on_changed_line, over_cap, refused };

struct SummaryEntry {
    const core::Finding* finding = nullptr;
    SummaryReason reason = SummaryReason::not_on_changed_line;
};

// The summary comment: counts, the entries (at most 100 listed), k_summary_marker.
// `line_comments` counts the findings that have their own line comment.
std::string summary_body(const report::ReportData& data, const std::vector<SummaryEntry>& entries,
                         size_t line_comments, size_t cap);

} // namespace vigil::forge
