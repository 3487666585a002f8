// forge::publish through the GitLab client against the fake GitLab API: positioned
// discussions with the MR's diff_refs, nothing twice on a re-run, resolved threads,
// X-Next-Page pagination, a 400 for a line outside the diff, the summary note.
#include "forge_data.hpp"
#include "support/fake_gitlab.hpp"

#include <gtest/gtest.h>
#include <vigil/forge/forge_client.hpp>

namespace vigil::forge {
namespace {

using test::finding;

const std::string k_base(40, 'b'), k_start(40, 'a'), k_head(40, 'c');

CiContext context(const vigil::test::FakeGitLab& fake) {
    CiContext c;
    c.forge = ForgeKind::gitlab;
    c.change_request = true;
    c.number = 3;
    c.repository = "42";
    c.api_url = fake.api_url();
    c.head = k_head;
    c.token = "glpat-fake-token";
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

TEST(ForgeGitLab, DiscussionsOnTheDiffRefsAndNothingTwice) {
    vigil::test::FakeGitLab fake;
    fake.set_diff_refs(k_base, k_start, k_head);
    report::ReportData data;
    data.findings = {finding("calc.py", 7), finding("calc.py", 30)};
    data.suggestions = {test::suggestion_for(data.findings[0], "fixed\n")};
    auto client = make_client(context(fake));
    auto first = publish(*client, data, added("calc.py", 7, 7), {});
    ASSERT_TRUE(first) << first.error().describe();
    EXPECT_EQ(first->posted, 1u);
    EXPECT_TRUE(first->summary_written);
    EXPECT_TRUE(fake.violations().empty()) << fake.violations()[0];
    auto d = fake.discussions();
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0].new_line, 7);
    EXPECT_TRUE(has(d[0].body, "```suggestion:-0+0\nfixed\n```")) << d[0].body;
    EXPECT_TRUE(d[1].individual_note);
    EXPECT_TRUE(has(d[1].body, "`calc.py:30`"));

    size_t writes = fake.writes();
    auto second = publish(*client, data, added("calc.py", 7, 7), {});
    ASSERT_TRUE(second) << second.error().describe();
    EXPECT_EQ(second->posted, 0u);
    EXPECT_EQ(second->kept, 1u);
    EXPECT_EQ(fake.writes(), writes);
}

TEST(ForgeGitLab, AGoneFindingsThreadIsResolvedAndAResolvedOneStaysResolved) {
    vigil::test::FakeGitLab fake;
    fake.set_diff_refs(k_base, k_start, k_head);
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    auto old = finding("calc.py", 9);
    fake.add_discussion({.body = "old\n" + fingerprint_marker(old.fingerprint),
                         .new_path = "calc.py",
                         .new_line = 9});
    fake.add_discussion(
        {.body = "mine, resolved by a person\n" + fingerprint_marker(data.findings[0].fingerprint),
         .resolved = true,
         .new_path = "calc.py",
         .new_line = 7});
    auto r = publish(*make_client(context(fake)), data, added("calc.py", 7, 9), {});
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->outdated, 1u);
    EXPECT_EQ(r->posted, 0u);
    auto d = fake.discussions();
    EXPECT_TRUE(d[0].resolved);
    EXPECT_TRUE(d[1].resolved);
    EXPECT_EQ(d.size(), 2u); // no summary: nothing outside the changed lines
}

TEST(ForgeGitLab, FollowsXNextPage) {
    vigil::test::FakeGitLab fake;
    fake.set_diff_refs(k_base, k_start, k_head);
    report::ReportData data;
    data.findings = {finding("calc.py", 7)};
    for (int i = 0; i < 130; ++i) {
        fake.add_discussion({.body = "note " + std::to_string(i), .individual_note = true});
    }
    fake.add_discussion({.body = fingerprint_marker(data.findings[0].fingerprint),
                         .new_path = "calc.py",
                         .new_line = 7});
    auto r = publish(*make_client(context(fake)), data, added("calc.py", 7, 7), {});
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->kept, 1u);
    EXPECT_EQ(fake.writes(), 0u);
}

TEST(ForgeGitLab, ALineOutsideGitLabsDiffGoesToTheSummary) {
    vigil::test::FakeGitLab fake;
    fake.set_diff_refs(k_base, k_start, k_head);
    fake.set_diff({{"calc.py", {7}}});
    report::ReportData data;
    data.findings = {finding("calc.py", 7), finding("calc.py", 8)};
    auto r = publish(*make_client(context(fake)), data, added("calc.py", 7, 8), {});
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->posted, 1u);
    EXPECT_EQ(r->refused, 1u);
    auto d = fake.discussions();
    ASSERT_EQ(d.size(), 2u);
    EXPECT_TRUE(has(d[1].body, "`calc.py:8`"));
}

} // namespace
} // namespace vigil::forge
