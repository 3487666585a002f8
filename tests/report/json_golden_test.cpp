// Golden-file tests of the JSON and Code Quality reports: the same findings give the same
// bytes, run after run. To accept a deliberate change, run with VIGIL_UPDATE_GOLDEN=1 and
// review the diff of tests/data/golden/ before committing it.
#include "report_test_helpers.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <vigil/core/suggestion.hpp>
#include <vigil/report/report.hpp>

namespace vigil::test {
namespace {

report::ReportData sample() {
    report::ReportData data;
    data.tool_version = "1.2.3";
    data.summary.target = "staged";
    data.summary.files = 3;
    data.summary.lines = 42;
    data.summary.skipped = {{"logo.png", "binary file", ""}};
    std::string key = fake_key();
    data.findings.push_back(secret_finding("config/app.py", 3, "AWS_KEY = \"" + key + "\"", key));
    data.findings.back().location.end_line = 3;
    auto ws = plain_finding("src/util.py", 2, core::Severity::note, "trailing-whitespace",
                            "Line ends with spaces or tabs");
    ws.line_text = "b  ";
    ws.match = {1, 3};
    ws.location.end_line = 2;
    data.findings.push_back(ws);
    core::Suggestion fix;
    fix.path = ws.location.path;
    fix.rule_id = ws.rule_id;
    fix.fingerprint = ws.fingerprint;
    fix.description = "the fix of rule trailing-whitespace";
    fix.start_line = 2;
    fix.end_line = 2;
    fix.inserted = "b\n";
    fix.safe = true;
    EXPECT_TRUE(core::complete_suggestion(fix, "a\nb  \nc\n"));
    data.suggestions.push_back(fix);
    data.rules = {{"aws-access-token",
                   "AWS access key ID",
                   "Rotate the key.",
                   "secret",
                   core::Severity::error,
                   {"aws"}},
                  {"trailing-whitespace",
                   "Trailing whitespace",
                   "Delete it.",
                   "hygiene",
                   core::Severity::note,
                   {}}};
    return data;
}

TEST(JsonGolden, SameFindingsSameBytes) {
    std::ostringstream first, second;
    report::write_report(report::Format::json, first, sample());
    report::write_report(report::Format::json, second, sample());
    EXPECT_EQ(first.str(), second.str());
    EXPECT_EQ(first.str().find(fake_key()), std::string::npos);
    expect_golden("report.json", first.str());
}

TEST(CodeQualityGolden, SameFindingsSameBytes) {
    std::ostringstream out;
    report::write_report(report::Format::codequality, out, sample());
    EXPECT_EQ(out.str().find(fake_key()), std::string::npos);
    expect_golden("codequality.json", out.str());
}

} // namespace
} // namespace vigil::test
