// GitLab Code Quality, GitLab security reports (schema 15.x) and reviewdog's rdjsonl: the
// fields their consumers require, stable ids, and masking.
#include "report_test_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <vigil/core/suggestion.hpp>
#include <vigil/report/report.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

std::string decode_base64(const std::string& text) {
    const std::string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    uint32_t bits = 0;
    int count = 0;
    for (char c : text) {
        if (c == '=') {
            break;
        }
        bits = bits << 6 | uint32_t(digits.find(c));
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += char((bits >> count) & 0xff);
        }
    }
    return out;
}

report::ReportData sample() {
    report::ReportData data;
    data.tool_version = "1.2.3";
    data.start_time = "2026-11-22T10:00:00";
    data.end_time = "2026-11-22T10:00:01";
    std::string key = fake_key();
    data.findings.push_back(secret_finding("app.py", 3, "KEY = \"" + key + "\"", key));
    auto a = plain_finding("util.py", 2, core::Severity::note, "trailing-whitespace", "Trailing");
    a.line_text = "b  ";
    auto b = a; // the same text on another line: same fingerprint, another occurrence
    b.location.line = 7;
    data.findings.push_back(a);
    data.findings.push_back(b);
    auto safety = plain_finding("run.py", 5, core::Severity::warning, "py-eval", "eval()");
    safety.category = "safety";
    data.findings.push_back(safety);
    core::Suggestion fix;
    fix.path = "util.py";
    fix.rule_id = a.rule_id;
    fix.fingerprint = a.fingerprint;
    fix.description = "strip it";
    fix.start_line = 2;
    fix.end_line = 2;
    fix.inserted = "b\n";
    EXPECT_TRUE(core::complete_suggestion(fix, "a\nb  \nc\n"));
    data.suggestions.push_back(fix);
    data.rules = {{"aws-access-token",
                   "AWS access key ID",
                   "Rotate it.",
                   "secret",
                   core::Severity::error,
                   {}},
                  {"py-eval",
                   "eval of dynamic input",
                   "Parse instead.",
                   "safety",
                   core::Severity::warning,
                   {}}};
    return data;
}

TEST(CodeQuality, EveryFieldGitlabReadsWithUniqueStableFingerprints) {
    auto data = sample();
    std::string text = render(report::Format::codequality, data);
    EXPECT_EQ(text.find(fake_key()), std::string::npos) << text;
    json doc = json::parse(text);
    ASSERT_TRUE(doc.is_array());
    ASSERT_EQ(doc.size(), 4u);
    std::set<std::string> prints;
    std::set<std::string> severities = {"info", "minor", "major", "critical", "blocker"};
    for (const auto& issue : doc) {
        EXPECT_TRUE(issue["description"].is_string());
        EXPECT_TRUE(issue["check_name"].is_string());
        EXPECT_TRUE(severities.count(issue["severity"].get<std::string>())) << issue;
        EXPECT_TRUE(issue["location"]["path"].is_string());
        EXPECT_GE(issue["location"]["lines"]["begin"].get<int>(), 1);
        std::string fp = issue["fingerprint"];
        EXPECT_TRUE(std::regex_match(fp, std::regex("[0-9a-f]{32}"))) << fp;
        prints.insert(fp);
    }
    EXPECT_EQ(prints.size(), 4u) << "two equal lines must not collapse into one entry";
    EXPECT_EQ(doc[0]["severity"], "blocker");
    // Lines added above move the findings but keep their fingerprints.
    auto moved = data;
    for (auto& f : moved.findings) {
        f.location.line += 10;
    }
    json again = json::parse(render(report::Format::codequality, moved));
    for (size_t i = 0; i < doc.size(); ++i) {
        EXPECT_EQ(again[i]["fingerprint"], doc[i]["fingerprint"]);
    }
}

void expect_gitlab_shape(const json& doc, const char* type) {
    EXPECT_EQ(doc["version"], "15.0.7");
    const json& scan = doc["scan"];
    EXPECT_EQ(scan["type"], type);
    EXPECT_EQ(scan["status"], "success");
    for (const char* part : {"analyzer", "scanner"}) {
        for (const char* key : {"id", "name", "version"}) {
            EXPECT_TRUE(scan[part][key].is_string()) << part << "." << key;
        }
        EXPECT_TRUE(scan[part]["vendor"]["name"].is_string());
    }
    std::regex time("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}");
    EXPECT_TRUE(std::regex_match(scan["start_time"].get<std::string>(), time));
    EXPECT_TRUE(std::regex_match(scan["end_time"].get<std::string>(), time));
    std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> severities = {"Info", "Unknown", "Low", "Medium", "High", "Critical"};
    for (const auto& v : doc["vulnerabilities"]) {
        EXPECT_TRUE(std::regex_match(v["id"].get<std::string>(), uuid)) << v["id"];
        EXPECT_TRUE(severities.count(v["severity"].get<std::string>())) << v;
        ASSERT_FALSE(v["identifiers"].empty());
        for (const char* key : {"type", "name", "value"}) {
            EXPECT_TRUE(v["identifiers"][0][key].is_string());
        }
        EXPECT_TRUE(v["location"]["file"].is_string());
        EXPECT_GE(v["location"]["start_line"].get<int>(), 1);
    }
}

TEST(GitlabReports, SecretDetectionCarriesOnlySecretsMasked) {
    auto data = sample();
    std::string text = render(report::Format::gitlab_secrets, data);
    EXPECT_EQ(text.find(fake_key()), std::string::npos) << text;
    json doc = json::parse(text);
    expect_gitlab_shape(doc, "secret_detection");
    ASSERT_EQ(doc["vulnerabilities"].size(), 1u);
    const json& v = doc["vulnerabilities"][0];
    EXPECT_EQ(v["severity"], "Critical");
    EXPECT_EQ(v["location"]["commit"]["sha"], "0000000");
    EXPECT_EQ(v["raw_source_code_extract"], fake_key().substr(0, 4) + "\xE2\x80\xA6");
    EXPECT_EQ(v["identifiers"][0]["value"], "aws-access-token");
    EXPECT_EQ(v["solution"], "Rotate it.");
}

TEST(GitlabReports, SastCarriesTheRestWithRemediations) {
    auto data = sample();
    json doc = json::parse(render(report::Format::gitlab_sast, data));
    expect_gitlab_shape(doc, "sast");
    ASSERT_EQ(doc["vulnerabilities"].size(), 3u);
    std::set<std::string> ids;
    for (const auto& v : doc["vulnerabilities"]) {
        ids.insert(v["id"].get<std::string>());
        EXPECT_FALSE(v["location"].contains("commit"));
    }
    EXPECT_EQ(ids.size(), 3u);
    ASSERT_EQ(doc["remediations"].size(), 1u);
    const json& r = doc["remediations"][0];
    EXPECT_EQ(r["fixes"][0]["id"], doc["vulnerabilities"][0]["id"]);
    EXPECT_EQ(decode_base64(r["diff"]), data.suggestions[0].diff);
    // Stable: the same input gives the same ids.
    EXPECT_EQ(json::parse(render(report::Format::gitlab_sast, data))["vulnerabilities"],
              doc["vulnerabilities"]);
}

TEST(Rdjsonl, OneDiagnosticPerLineWithByteColumnsAndSuggestions) {
    auto data = sample();
    std::string text = render(report::Format::rdjsonl, data);
    EXPECT_EQ(text.find(fake_key()), std::string::npos) << text;
    std::istringstream in(text);
    std::vector<json> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(json::parse(line));
    }
    ASSERT_EQ(lines.size(), 4u);
    const json& secret = lines[0];
    EXPECT_EQ(secret["severity"], "ERROR");
    EXPECT_EQ(secret["code"]["value"], "aws-access-token");
    EXPECT_EQ(secret["source"]["name"], "vigil");
    EXPECT_EQ(secret["location"]["path"], "app.py");
    EXPECT_EQ(secret["location"]["range"]["start"]["line"], 3);
    EXPECT_EQ(secret["location"]["range"]["start"]["column"], data.findings[0].location.column);
    EXPECT_EQ(lines[1]["severity"], "INFO");
    ASSERT_TRUE(lines[1].contains("suggestions"));
    // Line-wise (no columns), the text without its last line break: what reviewdog's GitHub
    // reporter turns into a suggestion block on the commented lines.
    EXPECT_EQ(lines[1]["suggestions"][0]["text"], "b");
    EXPECT_EQ(lines[1]["suggestions"][0]["range"],
              json::parse(R"({"start":{"line":2},"end":{"line":2}})"));
    EXPECT_FALSE(lines[2].contains("suggestions")) << "the fix belongs to line 2 only";
    EXPECT_EQ(lines[3]["severity"], "WARNING");
}

} // namespace
} // namespace vigil::test
