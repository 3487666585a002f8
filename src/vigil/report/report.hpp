// report: the formats findings reach people and tools in. Every writer is fed the same
// ReportData and writes to a stream; none touches the terminal or a file (the cli does).
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/core/rule_info.hpp>
#include <vigil/core/suggestion.hpp>
#include <vigil/core/summary.hpp>

namespace vigil::report {

enum class Format {
    text,           // compiler-style lines with code frames, help and suggested diffs
    short_text,     // the first lines only (editor quickfix)
    json,           // vigil's own schema (docs/json-format.md)
    sarif,          // SARIF 2.1.0 for GitHub code scanning
    codequality,    // GitLab Code Quality
    gitlab_secrets, // GitLab secret-detection report (schema 15.x)
    gitlab_sast,    // GitLab SAST report (schema 15.x)
    patch,          // every suggestion as a unified diff for `git apply`
    rdjsonl,        // reviewdog diagnostics, one JSON object per line
};

// "text", "short", "json", "sarif", "codequality", "gitlab-secrets", "gitlab-sast", "patch",
// "rdjsonl".
std::string_view to_string(Format format);
std::optional<Format> parse_format(std::string_view name);
const std::vector<std::string_view>& format_names();

struct ReportData {
    std::vector<core::Finding> findings;       // in report order (path, then line)
    std::vector<core::Suggestion> suggestions; // each tied to a finding by fingerprint
    std::vector<core::RuleInfo> rules;         // at least every rule a finding names
    core::RunSummary summary;
    std::string tool_version;  // vigil's version
    std::string mode = "scan"; // the command: SARIF's automationDetails.id is "vigil/<mode>/"
    bool show_secrets = false;
    std::string start_time; // UTC, "yyyy-mm-ddThh:mm:ss" (GitLab reports)
    std::string end_time;
    // The whole text of a file (new side) as the scan saw it at `commit` (empty outside
    // commit and history scans), or nullopt when it cannot be read. SARIF's
    // primaryLocationLineHash and combined patches need it. May be left empty.
    std::function<std::optional<std::string>(std::string_view path, std::string_view commit)>
        source;
};

struct WriteOptions {
    bool color = false; // ANSI colours (text formats only)
};

// Writes `data` in `format`.
void write_report(Format format, std::ostream& out, const ReportData& data,
                  const WriteOptions& options = {});

// The one-line summary: counts by severity, files and lines scanned, skipped files, fixes.
std::string summary_line(const ReportData& data);

} // namespace vigil::report
