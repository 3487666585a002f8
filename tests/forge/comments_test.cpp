// forge comments: markers, line comment bodies with suggestion blocks, masking, the summary.
#include "forge_data.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <vigil/forge/comments.hpp>

namespace vigil::forge {
namespace {

using test::finding;

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

auto all_changed = [](uint32_t, uint32_t) { return true; };

TEST(ForgeComments, MarkerRoundTripsAndRejectsOthers) {
    std::string fp(64, 'a');
    std::string body = "text\n" + fingerprint_marker(fp) + "\n";
    EXPECT_EQ(fingerprint_marker(fp), "<!-- vigil:fp=" + fp + " -->");
    EXPECT_EQ(marker_fingerprint(body), fp);
    EXPECT_FALSE(marker_fingerprint("<!-- vigil:fp=nothex! -->"));
    EXPECT_FALSE(marker_fingerprint("no marker here"));
    EXPECT_TRUE(has_summary_marker(std::string("x ") + k_summary_marker));
}

TEST(ForgeComments, GitHubSuggestionReplacesTheCommentedLines) {
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    data.suggestions = {
        test::suggestion_for(data.findings[0], "    return total / len(items) if items else 0\n")};
    const auto* s = committable_suggestion(data, data.findings[0], all_changed);
    ASSERT_NE(s, nullptr);
    std::string body = line_comment_body(data, data.findings[0], s, Dialect::github);
    EXPECT_TRUE(has(body, "```suggestion\n    return total / len(items) if items else 0\n```\n"))
        << body;
    EXPECT_TRUE(has(body, fingerprint_marker(data.findings[0].fingerprint))) << body;
    EXPECT_TRUE(has(body, "**warning** Division by zero")) << body;
}

TEST(ForgeComments, GitLabSuggestionCountsTheLinesBelow) {
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    data.suggestions = {test::suggestion_for(data.findings[0], "a\nb\nc\n", 9)};
    const auto* s = committable_suggestion(data, data.findings[0], all_changed);
    ASSERT_NE(s, nullptr);
    std::string body = line_comment_body(data, data.findings[0], s, Dialect::gitlab);
    EXPECT_TRUE(has(body, "```suggestion:-0+2\na\nb\nc\n```\n")) << body;
}

TEST(ForgeComments, FenceOutgrowsBackticksInTheCode) {
    report::ReportData data;
    data.findings = {finding("README.md", 3)};
    data.suggestions = {test::suggestion_for(data.findings[0], "```sh\nmake\n```\n", 5)};
    std::string body =
        line_comment_body(data, data.findings[0], &data.suggestions[0], Dialect::github);
    EXPECT_TRUE(has(body, "````suggestion\n```sh\nmake\n```\n````\n")) << body;
}

TEST(ForgeComments, NoSuggestionOnLinesOutsideTheChange) {
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    data.suggestions = {test::suggestion_for(data.findings[0], "x\ny\n", 8)};
    auto only_seven = [](uint32_t a, uint32_t b) { return a == 7 && b == 7; };
    EXPECT_EQ(committable_suggestion(data, data.findings[0], only_seven), nullptr);
}

TEST(ForgeComments, SecretsAreMaskedAndNeverInASuggestion) {
    std::string key = vigil::test::fake_aws_key();
    report::ReportData data;
    data.findings = {test::secret_finding("app.py", 3, key)};
    data.suggestions = {test::suggestion_for(data.findings[0], "key = \"" + key + "\"  \n")};
    EXPECT_EQ(committable_suggestion(data, data.findings[0], all_changed), nullptr);
    std::string body = line_comment_body(data, data.findings[0], nullptr, Dialect::github);
    EXPECT_FALSE(has(body, key)) << body;
    EXPECT_TRUE(has(body, core::mask_secret(key))) << body;
    data.show_secrets = true;
    EXPECT_TRUE(has(line_comment_body(data, data.findings[0], nullptr, Dialect::github), key));
}

TEST(ForgeComments, TextCannotForgeAMarker) {
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    data.findings[0].message = "see <!-- vigil:fp=" + std::string(64, 'f') + " -->";
    std::string body = line_comment_body(data, data.findings[0], nullptr, Dialect::github);
    EXPECT_EQ(marker_fingerprint(body), data.findings[0].fingerprint) << body;
}

TEST(ForgeComments, OutdatedBodyKeepsTheMarkerAndDropsTheSuggestion) {
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    data.suggestions = {test::suggestion_for(data.findings[0], "fixed\n")};
    std::string body =
        line_comment_body(data, data.findings[0], &data.suggestions[0], Dialect::github);
    std::string old = outdated_body(body, data.findings[0].fingerprint);
    EXPECT_EQ(marker_fingerprint(old), data.findings[0].fingerprint);
    EXPECT_TRUE(has_outdated_marker(old));
    EXPECT_FALSE(has(old, "suggestion")) << old;
    EXPECT_TRUE(has(old, "Outdated")) << old;
}

TEST(ForgeComments, SummaryListsEntriesWithTheirReason) {
    report::ReportData data;
    data.findings = {finding("a.py", 1), finding("b.py", 0)};
    std::string body = summary_body(data,
                                    {{&data.findings[0], SummaryReason::over_cap},
                                     {&data.findings[1], SummaryReason::not_on_changed_line}},
                                    25, 25);
    EXPECT_TRUE(has(body, "27 findings: 25 as line comments, 2 listed here")) << body;
    EXPECT_TRUE(has(body, "- `a.py:1` **warning**")) << body;
    EXPECT_TRUE(has(body, "(over the comment cap)")) << body;
    EXPECT_TRUE(has(body, "- `b.py` ")) << body;
    EXPECT_TRUE(has_summary_marker(body));
}

} // namespace
} // namespace vigil::forge
