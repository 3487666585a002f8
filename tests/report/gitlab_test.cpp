// GitLab security reports, the edges: fields the 15.x schema caps, whole-file findings,
// commit scans, --show-secrets, history occurrences and byte-for-byte determinism.
#include "report_test_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vigil/report/report.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

report::ReportData one_secret(const std::string& commit = {}) {
    report::ReportData data;
    data.tool_version = "1.2.3";
    data.start_time = "2026-11-22T10:00:00";
    data.end_time = "2026-11-22T10:00:01";
    std::string key = fake_key();
    data.findings.push_back(secret_finding("a.py", 4, "K = '" + key + "'", key));
    data.findings.back().commit = commit;
    return data;
}

TEST(GitlabSecrets, CommitScansNameTheCommit) {
    std::string sha(40, 'c');
    json doc = json::parse(render(report::Format::gitlab_secrets, one_secret(sha)));
    EXPECT_EQ(doc["vulnerabilities"][0]["location"]["commit"]["sha"], sha);
}

TEST(GitlabSecrets, ShowSecretsShowsTheExtractAndOnlyThen) {
    auto data = one_secret();
    data.show_secrets = true;
    json doc = json::parse(render(report::Format::gitlab_secrets, data));
    EXPECT_EQ(doc["vulnerabilities"][0]["raw_source_code_extract"], fake_key());
    data.show_secrets = false;
    EXPECT_EQ(render(report::Format::gitlab_secrets, data).find(fake_key()), std::string::npos);
}

TEST(GitlabSecrets, TheSameSecretInTwoCommitsIsTwoVulnerabilities) {
    auto data = one_secret(std::string(40, 'a'));
    data.findings.push_back(data.findings[0]);
    data.findings.back().commit = std::string(40, 'b');
    json doc = json::parse(render(report::Format::gitlab_secrets, data));
    ASSERT_EQ(doc["vulnerabilities"].size(), 2u);
    EXPECT_NE(doc["vulnerabilities"][0]["id"], doc["vulnerabilities"][1]["id"]);
}

TEST(GitlabSast, LongNamesAreClippedToTheSchemaLimits) {
    report::ReportData data;
    auto f = plain_finding("b.py", 0, core::Severity::warning, std::string(300, 'r'), "m");
    f.category = "safety";
    data.findings.push_back(f);
    // 300 two-byte characters: clipped by characters, never inside one.
    std::string long_text;
    for (int i = 0; i < 300; ++i) {
        long_text += "\xC3\xA9";
    }
    data.rules = {
        {f.rule_id, long_text, std::string(8000, 'h'), "safety", core::Severity::warning, {}}};
    std::string text = render(report::Format::gitlab_sast, data);
    EXPECT_TRUE(util::is_valid_utf8(text));
    json v = json::parse(text)["vulnerabilities"][0];
    EXPECT_EQ(util::count_chars(v["name"].get<std::string>()), 255u);
    EXPECT_EQ(util::count_chars(v["solution"].get<std::string>()), 7000u);
    EXPECT_LE(util::count_chars(v["identifiers"][0]["name"].get<std::string>()), 255u);
    EXPECT_LE(util::count_chars(v["identifiers"][0]["value"].get<std::string>()), 255u);
    // A whole-file finding (line 0) points at line 1, as GitLab needs a line.
    EXPECT_EQ(v["location"]["start_line"], 1);
    EXPECT_EQ(v["location"]["end_line"], 1);
}

TEST(GitlabSast, EmptyReportStillCarriesScan) {
    report::ReportData data;
    json doc = json::parse(render(report::Format::gitlab_sast, data));
    EXPECT_TRUE(doc["vulnerabilities"].empty());
    EXPECT_FALSE(doc.contains("remediations"));
    EXPECT_EQ(doc["scan"]["status"], "success");
    // No times given: the writer falls back to now, still in GitLab's format.
    EXPECT_EQ(doc["scan"]["start_time"].get<std::string>().size(), 19u);
}

TEST(GitlabReports, SameInputSameBytes) {
    for (auto format : {report::Format::gitlab_secrets, report::Format::gitlab_sast,
                        report::Format::codequality, report::Format::rdjsonl}) {
        EXPECT_EQ(render(format, one_secret()), render(format, one_secret()))
            << report::to_string(format);
    }
}

} // namespace
} // namespace vigil::test
