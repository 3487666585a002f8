// reviewdog's rdjsonl, the edges: original_output, whole-file findings, byte columns on
// non-ASCII lines, insertions, commits and invalid UTF-8.
#include "report_test_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vigil/core/suggestion.hpp>
#include <vigil/report/report.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

json only_line(const report::ReportData& data) {
    std::ostringstream out;
    report::write_report(report::Format::rdjsonl, out, data);
    std::string text = out.str();
    EXPECT_TRUE(util::is_valid_utf8(text));
    EXPECT_EQ(text.find(fake_key()), std::string::npos) << text;
    EXPECT_EQ(text.find('\n'), text.size() - 1) << "one diagnostic, one line";
    return json::parse(text);
}

TEST(RdjsonlEdges, OriginalOutputIsTheMaskedCompilerLine) {
    report::ReportData data;
    std::string key = fake_key();
    data.findings.push_back(secret_finding("a.py", 4, "K = '" + key + "'", key));
    data.findings.back().commit = std::string(40, 'e');
    json d = only_line(data);
    EXPECT_EQ(d["original_output"], "a.py:4:6: error: AWS access key ID " +
                                        fake_key().substr(0, 4) +
                                        "\xE2\x80\xA6 [aws-access-token] (commit eeeeeeeeeeee)");
}

TEST(RdjsonlEdges, WholeFileFindingHasNoRange) {
    report::ReportData data;
    data.findings.push_back(
        plain_finding("big.bin", 0, core::Severity::warning, "large-file", "Large file"));
    json d = only_line(data);
    EXPECT_EQ(d["location"], json({{"path", "big.bin"}}));
    EXPECT_EQ(d["original_output"], "big.bin: warning: Large file [large-file]");
}

TEST(RdjsonlEdges, ColumnsCountUtf8Bytes) {
    report::ReportData data;
    auto f = plain_finding("é.py", 1, core::Severity::note, "todo", "TODO");
    f.line_text = "# \xC3\xA9\xC3\xA9 TODO";
    f.location.column = 8; // byte column; the char column would be 6
    f.location.end_column = 12;
    f.location.char_column = 6;
    f.location.char_end_column = 10;
    data.findings.push_back(f);
    json d = only_line(data);
    EXPECT_EQ(d["location"]["path"], "é.py");
    EXPECT_EQ(d["location"]["range"]["start"]["column"], 8);
    EXPECT_EQ(d["location"]["range"]["end"]["column"], 12);
}

TEST(RdjsonlEdges, PureInsertionIsAnEmptyRange) {
    report::ReportData data;
    auto f = plain_finding("m.py", 2, core::Severity::note, "missing-line", "Missing");
    data.findings.push_back(f);
    core::Suggestion s;
    s.path = f.location.path;
    s.fingerprint = f.fingerprint;
    s.start_line = 2;
    s.end_line = 1; // insertion before line 2
    s.inserted = "new\n";
    ASSERT_TRUE(core::complete_suggestion(s, "a\nb\n"));
    data.suggestions.push_back(s);
    json d = only_line(data);
    ASSERT_TRUE(d.contains("suggestions")) << d;
    EXPECT_EQ(d["suggestions"][0]["range"]["start"], d["suggestions"][0]["range"]["end"]);
    EXPECT_EQ(d["suggestions"][0]["range"]["start"]["line"], 2);
    EXPECT_EQ(d["suggestions"][0]["text"], "new\n");
}

core::Suggestion fix_of(const core::Finding& f, uint32_t start, uint32_t end, std::string inserted,
                        std::string_view base) {
    core::Suggestion s;
    s.path = f.location.path;
    s.fingerprint = f.fingerprint;
    s.start_line = start;
    s.end_line = end;
    s.inserted = std::move(inserted);
    EXPECT_TRUE(core::complete_suggestion(s, base));
    return s;
}

TEST(RdjsonlEdges, ReplacedLinesAreLineWiseWithoutTheLastBreak) {
    report::ReportData data;
    auto f = plain_finding("m.py", 2, core::Severity::note, "fix", "Fix");
    data.findings.push_back(f);
    // The last line of a file without a final newline: no line after it to point at.
    data.suggestions.push_back(fix_of(f, 2, 3, "B\r\nC", "a\r\nb\r\nc"));
    json s = only_line(data)["suggestions"][0];
    EXPECT_EQ(s["range"], json::parse(R"({"start":{"line":2},"end":{"line":3}})"));
    EXPECT_EQ(s["text"], "B\r\nC");
    // Deleting lines: an empty text over them.
    data.suggestions = {fix_of(f, 2, 2, "", "a\nb\nc\n")};
    s = only_line(data)["suggestions"][0];
    EXPECT_EQ(s["text"], "");
    EXPECT_EQ(s["range"]["end"], json::parse(R"({"line":2})"));
    // Two empty lines: one break dropped, one kept.
    data.suggestions = {fix_of(f, 2, 2, "\n\n", "a\nb\nc\n")};
    EXPECT_EQ(only_line(data)["suggestions"][0]["text"], "\n");
}

TEST(RdjsonlEdges, OneEmptyLineKeepsColumnsSinceEmptyLineWiseTextDeletes) {
    report::ReportData data;
    auto f = plain_finding("m.py", 2, core::Severity::note, "trailing-whitespace", "Blank");
    data.findings.push_back(f);
    data.suggestions.push_back(fix_of(f, 2, 2, "\n", "a\n   \nc\n"));
    json s = only_line(data)["suggestions"][0];
    EXPECT_EQ(s["range"],
              json::parse(R"({"start":{"line":2,"column":1},"end":{"line":3,"column":1}})"));
    EXPECT_EQ(s["text"], "\n");
}

TEST(RdjsonlEdges, InvalidUtf8IsReplacedNotPassedOn) {
    report::ReportData data;
    data.findings.push_back(
        plain_finding("bad\xFF.py", 1, core::Severity::note, "todo", "odd \xC3 byte"));
    json d = only_line(data);
    EXPECT_TRUE(d["message"].is_string());
}

} // namespace
} // namespace vigil::test
