// The JSON report (docs/json-format.md, schema version 1), read back with nlohmann::json.
#include "report_test_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vigil/report/report.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

const std::string k_ellipsis = "\xE2\x80\xA6";

std::string json_text(const std::vector<core::Finding>& findings, const core::RunSummary& summary,
                      bool show_secrets = false) {
    report::ReportData data;
    data.findings = findings;
    data.summary = summary;
    data.show_secrets = show_secrets;
    data.tool_version = "9.8.7";
    std::ostringstream out;
    report::write_report(report::Format::json, out, data);
    return out.str();
}

json parsed(const std::string& text) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        ADD_FAILURE() << "not valid JSON (" << e.what() << "):\n" << text;
        return json();
    }
}

core::RunSummary staged_summary() {
    core::RunSummary s;
    s.target = "staged";
    s.files = 2;
    s.lines = 17;
    return s;
}

TEST(JsonReport, EmptyReport) {
    std::string text = json_text({}, staged_summary());
    EXPECT_TRUE(text.ends_with("}\n"));
    json doc = parsed(text);
    EXPECT_EQ(doc["schema_version"], 1);
    EXPECT_EQ(doc["tool"]["name"], "vigil");
    EXPECT_EQ(doc["tool"]["version"], "9.8.7");
    EXPECT_EQ(doc["target"], "staged");
    EXPECT_TRUE(doc["findings"].is_array());
    EXPECT_TRUE(doc["findings"].empty());
    EXPECT_TRUE(doc["skipped"].is_array());
    EXPECT_TRUE(doc["skipped"].empty());
    EXPECT_EQ(doc["summary"], json({{"findings", 0},
                                    {"errors", 0},
                                    {"warnings", 0},
                                    {"notes", 0},
                                    {"files", 2},
                                    {"lines", 17},
                                    {"commits", 0},
                                    {"baseline_known", 0},
                                    {"suggestions", 0}}));
}

TEST(JsonReport, TopLevelKeysInDocumentedOrder) {
    std::string text = json_text({}, staged_summary());
    std::vector<size_t> at;
    for (const char* key : {"\"schema_version\"", "\"tool\"", "\"target\"", "\"findings\"",
                            "\"skipped\"", "\"summary\""}) {
        at.push_back(text.find(key));
        ASSERT_NE(at.back(), std::string::npos) << key;
    }
    EXPECT_TRUE(std::is_sorted(at.begin(), at.end())) << text;
}

TEST(JsonReport, SecretFindingFieldsWithTheSecretMasked) {
    std::string key = fake_key();
    auto f = secret_finding("src/\xC3\xA9.py", 3, "KEY = \"" + key + "\"", key);
    f.location.char_column = 7; // pretend the é counted as one character earlier on the line
    f.location.char_end_column = 27;
    f.commit = "0123456789abcdef0123456789abcdef01234567";
    std::string text = json_text({f}, staged_summary());
    EXPECT_EQ(text.find(key), std::string::npos) << "secret leaked:\n" << text;
    json doc = parsed(text);
    ASSERT_EQ(doc["findings"].size(), 1u);
    const json& j = doc["findings"][0];
    EXPECT_EQ(j["rule_id"], "aws-access-token");
    EXPECT_EQ(j["category"], "secret");
    EXPECT_EQ(j["severity"], "error");
    EXPECT_EQ(j["message"], "AWS access key ID");
    EXPECT_EQ(j["path"], "src/\xC3\xA9.py");
    EXPECT_EQ(j["line"], 3);
    EXPECT_EQ(j["column"], 7);
    EXPECT_EQ(j["end_column"], 27);
    EXPECT_EQ(j["byte_column"], 8);
    EXPECT_EQ(j["byte_end_column"], 28);
    EXPECT_EQ(j["commit"], "0123456789abcdef0123456789abcdef01234567");
    EXPECT_EQ(j["snippet"], "KEY = \"AKIA" + k_ellipsis + "\"");
    EXPECT_EQ(j["secret"], "AKIA" + k_ellipsis);
    EXPECT_DOUBLE_EQ(j["entropy"].get<double>(), 3.5);
    EXPECT_EQ(j["fingerprint"], f.fingerprint);
    EXPECT_EQ(j["fingerprint"].get<std::string>().size(), 64u);
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) {
        keys.push_back(k);
    }
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(keys,
              (std::vector<std::string>{"byte_column", "byte_end_column", "category", "column",
                                        "commit", "end_column", "end_line", "entropy",
                                        "fingerprint", "help", "line", "message", "path", "rule_id",
                                        "secret", "severity", "snippet", "suggestion"}));
    EXPECT_EQ(doc["summary"]["findings"], 1);
    EXPECT_EQ(doc["summary"]["errors"], 1);
}

TEST(JsonReport, ShowSecretsPutsThemInFull) {
    std::string key = fake_key();
    auto f = secret_finding("a.py", 1, "k=" + key, key);
    json doc = parsed(json_text({f}, staged_summary(), true));
    EXPECT_EQ(doc["findings"][0]["secret"], key);
    EXPECT_EQ(doc["findings"][0]["snippet"], "k=" + key);
}

TEST(JsonReport, NonSecretFindingHasNullSecretNoEntropyAndNullCommit) {
    auto f = plain_finding("b.py", 4, core::Severity::warning, "todo", "leftover TODO");
    json doc = parsed(json_text({f}, staged_summary()));
    const json& j = doc["findings"][0];
    EXPECT_TRUE(j["secret"].is_null());
    EXPECT_FALSE(j.contains("entropy"));
    EXPECT_TRUE(j["commit"].is_null());
    EXPECT_EQ(j["snippet"], "TODO: tidy");
    EXPECT_EQ(j["severity"], "warning");
    EXPECT_EQ(doc["summary"]["warnings"], 1);
}

TEST(JsonReport, SummaryCountsBySeverity) {
    std::vector<core::Finding> findings = {
        plain_finding("a", 1, core::Severity::error, "r", "m"),
        plain_finding("a", 2, core::Severity::note, "r", "m"),
        plain_finding("a", 3, core::Severity::note, "r", "m"),
        plain_finding("a", 4, core::Severity::warning, "r", "m"),
    };
    core::RunSummary s;
    s.target = "history";
    s.files = 9;
    s.lines = 99;
    s.commits = 4;
    json doc = parsed(json_text(findings, s));
    EXPECT_EQ(doc["target"], "history");
    EXPECT_EQ(doc["summary"], json({{"findings", 4},
                                    {"errors", 1},
                                    {"warnings", 1},
                                    {"notes", 2},
                                    {"files", 9},
                                    {"lines", 99},
                                    {"commits", 4},
                                    {"baseline_known", 0},
                                    {"suggestions", 0}}));
}

TEST(JsonReport, SkippedFilesWithReasonAndCommit) {
    core::RunSummary s = staged_summary();
    s.skipped = {{"img.png", "binary file", ""},
                 {"big.sql", "larger than the size limit (200 > 100 bytes)", "abc123"}};
    json doc = parsed(json_text({}, s));
    ASSERT_EQ(doc["skipped"].size(), 2u);
    EXPECT_EQ(doc["skipped"][0],
              json({{"path", "img.png"}, {"reason", "binary file"}, {"commit", nullptr}}));
    EXPECT_EQ(doc["skipped"][1]["reason"], "larger than the size limit (200 > 100 bytes)");
    EXPECT_EQ(doc["skipped"][1]["commit"], "abc123");
}

TEST(JsonReport, InvalidUtf8YieldsValidJson) {
    std::string secret = "tok_\xFF\xFE"
                         "abcdefghijklmnop";
    auto f =
        secret_finding("bad\xC0\xAF/na\xEDme.txt", 1, "x\x80 = " + secret + " \xE2\x82", secret);
    f.message = "msg \xF5";
    f.rule_id = "rule\xFF";
    core::RunSummary s = staged_summary();
    s.skipped = {{"skip\xFF.bin", "binary file", ""}};
    for (bool show : {false, true}) {
        std::string text = json_text({f}, s, show);
        json doc = parsed(text);
        ASSERT_FALSE(doc.is_null());
        const json& j = doc["findings"][0];
        EXPECT_EQ(j["path"], "bad\xEF\xBF\xBD\xEF\xBF\xBD/na\xEF\xBF\xBDme.txt");
        EXPECT_EQ(j["message"], "msg \xEF\xBF\xBD");
        EXPECT_TRUE(j["snippet"].get<std::string>().starts_with("x\xEF\xBF\xBD = tok_"));
        EXPECT_TRUE(j["snippet"].get<std::string>().ends_with(" \xEF\xBF\xBD\xEF\xBF\xBD"));
        EXPECT_EQ(doc["skipped"][0]["path"], "skip\xEF\xBF\xBD.bin");
        EXPECT_FALSE(j["rule_id"].get<std::string>().empty());
        if (show) {
            EXPECT_EQ(j["secret"], "tok_\xEF\xBF\xBD\xEF\xBF\xBD"
                                   "abcdefghijklmnop");
        } else {
            EXPECT_EQ(j["secret"], "tok_" + k_ellipsis);
        }
    }
}

TEST(JsonReport, ControlCharactersAreEscaped) {
    auto f = plain_finding("a\x1b[31m.py", 1, core::Severity::note, "r", "line1\nline2");
    std::string text = json_text({f}, staged_summary());
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    json doc = parsed(text);
    EXPECT_EQ(doc["findings"][0]["path"], "a\x1b[31m.py"); // escaped as \u001b, data intact
    EXPECT_EQ(doc["findings"][0]["message"], "line1\nline2");
}

TEST(JsonReport, SecretsAreMaskedEverywhereUnlessShown) {
    std::vector<std::string> secrets = {fake_key(), std::string("gh") + "p_" + std::string(36, 'Q'),
                                        "short7x",
                                        "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9zzzzzzzzzzzzzz"};
    std::vector<core::Finding> findings;
    uint32_t line = 1;
    for (const auto& s : secrets) {
        findings.push_back(secret_finding("f.txt", line++, "value: " + s + " # end", s));
    }
    std::string masked = json_text(findings, staged_summary());
    std::string shown = json_text(findings, staged_summary(), true);
    for (const auto& s : secrets) {
        EXPECT_EQ(masked.find(s), std::string::npos) << s;
        EXPECT_NE(shown.find(s), std::string::npos) << s;
    }
}

TEST(JsonReport, SnippetMasksEverySecretOnTheLine) {
    // With two secrets on one line, each finding's snippet must hide the other secret too. The
    // scanner records every secret span of the line in Finding::line_secrets.
    std::string first = fake_key();
    std::string second = std::string("gh") + "p_" + "q8Xv2LmN4pR7sT1uW3yZ5aB6cD9eF0gH2jK4";
    std::string line = "keys = " + first + ", " + second;
    auto a = secret_finding("two.txt", 1, line, first);
    auto b = secret_finding("two.txt", 1, line, second);
    b.rule_id = "github-pat";
    a.line_secrets = b.line_secrets = {a.secret, b.secret};
    std::string text = json_text({a, b}, staged_summary());
    EXPECT_EQ(text.find(first), std::string::npos) << text;
    EXPECT_EQ(text.find(second), std::string::npos) << text;
    json doc = parsed(text);
    EXPECT_EQ(doc["findings"][0]["snippet"], "keys = AKIA" + k_ellipsis + ", ghp_" + k_ellipsis);
    EXPECT_EQ(doc["findings"][1]["snippet"], doc["findings"][0]["snippet"]);
    json shown = parsed(json_text({a, b}, staged_summary(), true));
    EXPECT_EQ(shown["findings"][0]["snippet"], line);
}

TEST(JsonReport, SameInputSameBytes) {
    std::string key = fake_key();
    std::vector<core::Finding> findings = {
        secret_finding("a.py", 1, key, key),
        plain_finding("b.py", 2, core::Severity::note, "r", "m")};
    core::RunSummary s = staged_summary();
    s.skipped = {{"x.bin", "binary file", ""}};
    EXPECT_EQ(json_text(findings, s), json_text(findings, s));
    EXPECT_EQ(json_text(findings, s, true), json_text(findings, s, true));
}

TEST(JsonReport, IndentedTwoSpacesEndingWithNewline) {
    std::string text = json_text({}, staged_summary());
    EXPECT_TRUE(
        text.starts_with("{\n  \"schema_version\": 1,\n  \"tool\": {\n    \"name\": \"vigil\""))
        << text;
}

} // namespace
} // namespace vigil::test
