// report: writers that turn findings into the formats people and tools read. Each writer is a
// pure function of the findings and summary; none of them touches the terminal or a file.
#pragma once

#include <iosfwd>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/core/summary.hpp>

namespace vigil::report {

struct TextOptions {
    bool color = false;
    bool show_secrets = false;
};

// Compiler-style lines, one per finding: "path:line:col: severity: message [rule-id]" with
// the column counted in characters. Secrets are masked unless show_secrets.
void write_text(std::ostream& out, const std::vector<core::Finding>& findings,
                const TextOptions& opts);

// The one-line summary: counts by severity, files and lines scanned, skipped files.
std::string summary_line(const std::vector<core::Finding>& findings,
                         const core::RunSummary& summary);

// The JSON report (schema: docs/json-format.md, version 1). Always valid UTF-8.
void write_json(std::ostream& out, const std::vector<core::Finding>& findings,
                const core::RunSummary& summary, bool show_secrets, std::string_view version);

} // namespace vigil::report
