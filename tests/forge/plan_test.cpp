// forge::plan_comments: which findings get line comments, which go to the summary, and what
// happens to the comments of earlier runs.
#include "forge_data.hpp"

#include <gtest/gtest.h>
#include <vigil/forge/plan.hpp>

namespace vigil::forge {
namespace {

using test::finding;

ChangedLines lines(std::string path, std::set<uint32_t> added) {
    ChangedLines c;
    c.added[std::move(path)] = std::move(added);
    return c;
}

TEST(ForgePlan, OnlyAddedLinesGetLineComments) {
    report::ReportData data;
    data.findings = {finding("calc.py", 7), finding("calc.py", 2), finding("other.py", 1)};
    Plan p = plan_comments(data, lines("calc.py", {6, 7}), {}, Dialect::github, 25);
    ASSERT_EQ(p.post.size(), 1u);
    EXPECT_EQ(p.post[0].path, "calc.py");
    EXPECT_EQ(p.post[0].line, 7u);
    ASSERT_EQ(p.summary.size(), 2u);
    EXPECT_EQ(p.summary[0].reason, SummaryReason::not_on_changed_line);
}

TEST(ForgePlan, TheCapSendsTheRestToTheSummaryErrorsFirst) {
    report::ReportData data;
    std::set<uint32_t> added;
    for (uint32_t l = 1; l <= 5; ++l) {
        data.findings.push_back(finding("a.py", l));
        added.insert(l);
    }
    data.findings.push_back(finding("a.py", 5, "aws-access-token", core::Severity::error));
    data.findings.back().fingerprint = "ee";
    Plan p = plan_comments(data, lines("a.py", added), {}, Dialect::github, 2);
    ASSERT_EQ(p.post.size(), 2u);
    EXPECT_EQ(p.post[0].fingerprint, "ee"); // the error first
    EXPECT_EQ(p.summary.size(), 4u);
    EXPECT_EQ(p.summary[0].reason, SummaryReason::over_cap);
}

TEST(ForgePlan, EarlierCommentsAreKeptOutdatedOrRevived) {
    report::ReportData data;
    data.findings = {finding("a.py", 1), finding("a.py", 2)};
    Existing e;
    e.comments = {{"1", data.findings[0].fingerprint, "old", false},
                  {"2", "gone", "old", false},
                  {"3", data.findings[1].fingerprint, "old", true}};
    Plan p = plan_comments(data, lines("a.py", {1, 2}), e, Dialect::github, 25);
    EXPECT_TRUE(p.post.empty());
    EXPECT_EQ(p.kept, 2u);
    ASSERT_EQ(p.outdated.size(), 1u);
    EXPECT_EQ(e.comments[p.outdated[0]].id, "2");
    ASSERT_EQ(p.revived.size(), 1u);
    EXPECT_EQ(e.comments[p.revived[0].first].id, "3");
}

TEST(ForgePlan, ASuggestionSetsTheCommentRange) {
    report::ReportData data;
    data.findings = {finding("a.py", 3)};
    data.suggestions = {test::suggestion_for(data.findings[0], "x\ny\n", 4)};
    Plan p = plan_comments(data, lines("a.py", {3, 4}), {}, Dialect::github, 25);
    ASSERT_EQ(p.post.size(), 1u);
    EXPECT_EQ(p.post[0].start_line, 3u);
    EXPECT_EQ(p.post[0].line, 4u);
}

TEST(ForgePlan, RenamedFilesCarryTheirOldPath) {
    report::ReportData data;
    data.findings = {finding("new.py", 1)};
    ChangedLines c = lines("new.py", {1});
    c.old_paths["new.py"] = "old.py";
    Plan p = plan_comments(data, c, {}, Dialect::gitlab, 25);
    ASSERT_EQ(p.post.size(), 1u);
    EXPECT_EQ(p.post[0].old_path, "old.py");
}

} // namespace
} // namespace vigil::forge
