// forge::publish through the GitHub client against the fake GitHub API: one review for the
// new comments, nothing twice on a re-run, outdated comments edited, pagination, the 422
// fallback and the summary comment.
#include "forge_data.hpp"
#include "support/fake_github.hpp"

#include <gtest/gtest.h>
#include <vigil/forge/forge_client.hpp>

namespace vigil::forge {
namespace {

using test::finding;

CiContext context(const vigil::test::FakeGitHub& fake) {
    CiContext c;
    c.forge = ForgeKind::github;
    c.change_request = true;
    c.number = 7;
    c.repository = "acme/widgets";
    c.api_url = fake.api_url();
    c.head = std::string(40, 'c');
    c.token = "ghs_fake_token";
    return c;
}

ChangedLines added(std::string path, uint32_t first, uint32_t last) {
    ChangedLines c;
    for (uint32_t l = first; l <= last; ++l) {
        c.added[path].insert(l);
    }
    return c;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(ForgeGitHub, FirstRunPostsOneReviewSecondRunNothing) {
    vigil::test::FakeGitHub fake;
    report::ReportData data;
    data.findings = {finding("calc.py", 7), finding("calc.py", 8), finding("calc.py", 30)};
    auto client = make_client(context(fake));
    auto first = publish(*client, data, added("calc.py", 5, 10), {});
    ASSERT_TRUE(first) << first.error().describe();
    EXPECT_EQ(first->posted, 2u);
    EXPECT_EQ(first->in_summary, 1u);
    EXPECT_TRUE(first->summary_written);
    EXPECT_EQ(fake.reviews_created(), 1u);
    ASSERT_EQ(fake.review_comments().size(), 2u);
    ASSERT_EQ(fake.issue_comments().size(), 1u);
    EXPECT_TRUE(has(fake.issue_comments()[0].body, "`calc.py:30`"));
    EXPECT_TRUE(fake.violations().empty()) << fake.violations()[0];

    size_t writes = fake.writes();
    auto second = publish(*client, data, added("calc.py", 5, 10), {});
    ASSERT_TRUE(second) << second.error().describe();
    EXPECT_EQ(second->posted, 0u);
    EXPECT_EQ(second->kept, 2u);
    EXPECT_FALSE(second->summary_written);
    EXPECT_EQ(fake.writes(), writes); // nothing posted or edited
}

TEST(ForgeGitHub, AFixedFindingsCommentIsEditedAsOutdatedOnce) {
    vigil::test::FakeGitHub fake;
    report::ReportData data;
    data.findings = {finding("calc.py", 7), finding("calc.py", 8)};
    auto client = make_client(context(fake));
    ASSERT_TRUE(publish(*client, data, added("calc.py", 7, 8), {}));
    data.findings.pop_back();
    auto again = publish(*client, data, added("calc.py", 7, 8), {});
    ASSERT_TRUE(again) << again.error().describe();
    EXPECT_EQ(again->outdated, 1u);
    auto comments = fake.review_comments();
    ASSERT_EQ(comments.size(), 2u);
    EXPECT_TRUE(has(comments[1].body, "Outdated")) << comments[1].body;
    EXPECT_TRUE(has(comments[1].body, "<!-- vigil:fp=")) << comments[1].body;
    size_t writes = fake.writes();
    auto third = publish(*client, data, added("calc.py", 7, 8), {});
    ASSERT_TRUE(third);
    EXPECT_EQ(third->outdated, 0u);
    EXPECT_EQ(fake.writes(), writes);
}

TEST(ForgeGitHub, ListsEveryPageOfEarlierComments) {
    vigil::test::FakeGitHub fake;
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    for (int i = 0; i < 120; ++i) { // other people's comments fill the first page
        fake.add_review_comment({.path = "calc.py", .line = 1, .body = "nit " + std::to_string(i)});
    }
    fake.add_review_comment(
        {.path = "calc.py",
         .line = 7,
         .body = "earlier\n" + fingerprint_marker(data.findings[0].fingerprint)});
    auto client = make_client(context(fake));
    auto r = publish(*client, data, added("calc.py", 7, 7), {});
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->posted, 0u);
    EXPECT_EQ(r->kept, 1u);
    size_t pages = 0;
    for (const auto& q : fake.requests()) {
        pages += q.method == "GET" && q.path.ends_with("/pulls/7/comments");
    }
    EXPECT_EQ(pages, 2u);
}

TEST(ForgeGitHub, ALineOutsideGitHubsDiffGoesToTheSummary) {
    vigil::test::FakeGitHub fake;
    fake.set_diff({{"calc.py", {7}}});
    report::ReportData data;
    data.findings = {finding("calc.py", 7), finding("calc.py", 8)};
    auto client = make_client(context(fake));
    auto r = publish(*client, data, added("calc.py", 7, 8), {});
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->posted, 1u);
    EXPECT_EQ(r->refused, 1u);
    EXPECT_EQ(fake.reviews_created(), 0u); // the review was refused whole
    ASSERT_EQ(fake.review_comments().size(), 1u);
    EXPECT_EQ(fake.review_comments()[0].line, 7);
    ASSERT_EQ(fake.issue_comments().size(), 1u);
    EXPECT_TRUE(has(fake.issue_comments()[0].body, "`calc.py:8`"));
    EXPECT_TRUE(has(fake.issue_comments()[0].body, "refused"));
}

TEST(ForgeGitHub, EnterpriseApiBaseWithAPathPrefix) {
    vigil::test::FakeGitHub fake({.prefix = "/api/v3"});
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    auto client = make_client(context(fake));
    auto r = publish(*client, data, added("calc.py", 7, 7), {});
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->posted, 1u);
    EXPECT_TRUE(fake.requests().front().path.starts_with("/api/v3/repos/acme/widgets/"));
}

TEST(ForgeGitHub, ABadTokenFailsWithoutShowingIt) {
    vigil::test::FakeGitHub fake;
    CiContext c = context(fake);
    c.token = "ghs_wrong_secret_token";
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    auto r = publish(*make_client(c), data, added("calc.py", 7, 7), {});
    ASSERT_FALSE(r);
    EXPECT_TRUE(has(r.error().describe(), "HTTP 401")) << r.error().describe();
    EXPECT_FALSE(has(r.error().describe() + r.error().hint, c.token));
}

} // namespace
} // namespace vigil::forge
