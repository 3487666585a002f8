// `vigil ci` on GitHub Actions, through the real binary, against the fake GitHub API: the pull
// request's own range (not the test merge), SARIF, one review with line comments and a
// committable suggestion, a summary for what has no line, nothing twice after a new push,
// outdated comments marked, the 422 fallback, the cap, no token, GitHub Enterprise, a shallow
// clone, and secrets and the token never leaving masked.
#include "ci_support.hpp"
#include "support/fake_github.hpp"

#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

size_t count_with(const std::vector<GitHubComment>& comments, const std::string& part) {
    size_t n = 0;
    for (const auto& c : comments) {
        n += contains(c.body, part);
    }
    return n;
}

TEST(E2eCiGitHub, FirstRunPostsSecondRunAfterAPushPostsNothingTwice) {
    PullRequest pr;
    FakeGitHub fake;
    auto r = run_ci(pr.repo, github_env(pr, fake.api_url()));
    EXPECT_EQ(r.exit_code, 1) << describe(r); // the key is an error
    EXPECT_TRUE(fake.violations().empty()) << fake.violations()[0];
    EXPECT_EQ(fake.reviews_created(), 1u);
    auto comments = fake.review_comments();
    ASSERT_GE(comments.size(), 2u) << describe(r);
    for (const auto& c : comments) {
        EXPECT_EQ(c.commit_id, pr.head); // never GitHub's test merge commit
        EXPECT_TRUE(contains(c.body, "<!-- vigil:fp=")) << c.body;
        EXPECT_EQ(c.path, "calc.py");
    }
    EXPECT_EQ(count_with(comments, "```suggestion\ncount = 1\n```"), 1u);
    ASSERT_EQ(fake.issue_comments().size(), 1u);
    EXPECT_TRUE(contains(fake.issue_comments()[0].body, "`.DS_Store`"));
    EXPECT_TRUE(contains(r.err, "GitHub: ")) << r.err;
    // Main's own change is not the pull request's.
    EXPECT_FALSE(contains(r.out + all_bodies(fake), "main_only.py")) << r.out;
    EXPECT_TRUE(std::filesystem::exists(pr.repo.path() / "vigil.sarif"));
    json sarif = json::parse(read_file(pr.repo.path() / "vigil.sarif"));
    EXPECT_FALSE(sarif["runs"][0]["results"].empty());

    // A new push fixes the trailing blanks; the key stays.
    pr.push(feature_text(false));
    size_t posts = count_method(fake, "POST");
    size_t patches = count_method(fake, "PATCH");
    size_t before = fake.review_comments().size();
    auto again = run_ci(pr.repo, github_env(pr, fake.api_url()));
    EXPECT_EQ(again.exit_code, 1) << describe(again);
    EXPECT_EQ(fake.reviews_created(), 1u) << describe(again);
    EXPECT_EQ(fake.review_comments().size(), before);
    EXPECT_EQ(fake.issue_comments().size(), 1u);
    EXPECT_EQ(count_method(fake, "POST"), posts) << describe(again);
    // The outdated comment and the summary's counts are edited in place.
    EXPECT_EQ(count_method(fake, "PATCH"), patches + 2) << describe(again);
    EXPECT_EQ(count_with(fake.review_comments(), "<!-- vigil:outdated -->"), 1u);
    EXPECT_EQ(count_with(fake.review_comments(), "```suggestion"), 0u);
    EXPECT_TRUE(contains(again.err, "1 marked outdated")) << again.err;

    size_t writes = fake.writes();
    auto third = run_ci(pr.repo, github_env(pr, fake.api_url()));
    EXPECT_EQ(fake.writes(), writes) << describe(third); // nothing changed: nothing written
    EXPECT_TRUE(fake.violations().empty()) << fake.violations()[0];
}

TEST(E2eCiGitHub, SecretsAndTheTokenNeverLeaveUnmasked) {
    PullRequest pr;
    FakeGitHub fake;
    auto r = run_ci(pr.repo, github_env(pr, fake.api_url()));
    ASSERT_EQ(r.exit_code, 1) << describe(r);
    std::string everything =
        r.out + r.err + all_bodies(fake) + read_file(pr.repo.path() / "vigil.sarif");
    EXPECT_FALSE(contains(everything, fake_aws_key())) << everything;
    EXPECT_FALSE(contains(r.out + r.err, "ghs_fake_token"));
    EXPECT_EQ(count_with(fake.review_comments(), fake_aws_key().substr(0, 4) + "\xE2\x80\xA6"), 1u);
}

TEST(E2eCiGitHub, ALineGitHubRefusesLandsInTheSummary) {
    PullRequest pr;
    FakeGitHub fake;
    fake.set_diff({{"calc.py", {4}}}); // GitHub's diff disagrees about line 5
    auto r = run_ci(pr.repo, github_env(pr, fake.api_url()));
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(fake.reviews_created(), 0u);
    for (const auto& c : fake.review_comments()) {
        EXPECT_EQ(c.line, 4);
    }
    ASSERT_EQ(fake.issue_comments().size(), 1u);
    EXPECT_TRUE(contains(fake.issue_comments()[0].body, "`calc.py:5`"))
        << fake.issue_comments()[0].body;
    EXPECT_TRUE(contains(r.err, "refused (outside its diff)")) << r.err;
}

TEST(E2eCiGitHub, TheCapSendsTheRestToTheSummary) {
    PullRequest pr;
    FakeGitHub fake;
    auto r = run_ci(pr.repo, github_env(pr, fake.api_url()), {"--max-comments", "1"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    ASSERT_EQ(fake.review_comments().size(), 1u);
    // The error (the key) is the one posted; the note waits in the summary.
    EXPECT_TRUE(contains(fake.review_comments()[0].body, "**error**"));
    ASSERT_EQ(fake.issue_comments().size(), 1u);
    EXPECT_TRUE(contains(fake.issue_comments()[0].body, "(over the comment cap)"));
}

TEST(E2eCiGitHub, WithoutATokenReportsOnly) {
    PullRequest pr;
    FakeGitHub fake;
    auto r = run_ci(pr.repo, github_env(pr, fake.api_url(), false));
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(fake.requests().empty());
    EXPECT_TRUE(contains(r.err, "reports only, no comments: GITHUB_TOKEN is not set")) << r.err;
    EXPECT_TRUE(std::filesystem::exists(pr.repo.path() / "vigil.sarif"));
}

TEST(E2eCiGitHub, NoCommentsAndFailOnNever) {
    PullRequest pr;
    FakeGitHub fake;
    auto r =
        run_ci(pr.repo, github_env(pr, fake.api_url()), {"--no-comments", "--fail-on", "never"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(fake.requests().empty());
}

TEST(E2eCiGitHub, GitHubEnterpriseApiBase) {
    PullRequest pr;
    FakeGitHub fake({.prefix = "/api/v3"});
    auto r = run_ci(pr.repo, github_env(pr, fake.api_url()));
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(fake.reviews_created(), 1u) << describe(r);
    for (const auto& q : fake.requests()) {
        EXPECT_TRUE(q.path.starts_with("/api/v3/repos/acme/widgets/")) << q.path;
    }
}

TEST(E2eCiGitHub, AModelsCheckedFixBecomesACommittableSuggestion) {
    PullRequest pr;
    FakeGitHub fake;
    FakeOllama ollama;
    ollama.add_model({.name = "qwen2.5-coder:7b"});
    json answer = {
        {"findings", json::array({{{"quote", "    return items[0]"},
                                   {"category", "bug"},
                                   {"severity", "warning"},
                                   {"title", "IndexError on an empty list"},
                                   {"explanation", "items may be empty."},
                                   {"replacement", "    return items[0] if items else None"}}})}};
    pr.push(k_base_text + "\n\ndef last(items):\n    return items[0]\n");
    ollama.set_default_reply({.content = answer.dump()});
    auto r = run_ci(pr.repo, github_env(pr, fake.api_url()), {"--fail-on", "never"}, &ollama);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(count_with(fake.review_comments(),
                         "```suggestion\n    return items[0] if items else None\n```"),
              1u)
        << describe(r);
    EXPECT_TRUE(fake.violations().empty()) << fake.violations()[0];
}

TEST(E2eCiGitHub, PushEventReviewsBeforeToAfterWithoutComments) {
    PullRequest pr;
    FakeGitHub fake;
    std::string path = (pr.repo.home() / "push.json").string();
    std::ofstream(path) << R"({"before":")" << pr.base << R"(","after":")" << pr.merge << R"("})";
    Env env = github_env(pr, fake.api_url());
    for (auto& [k, v] : env) {
        if (k == "GITHUB_EVENT_NAME") {
            v = "push";
        } else if (k == "GITHUB_EVENT_PATH") {
            v = path;
        }
    }
    auto r = run_ci(pr.repo, env);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "calc.py:4")) << r.out;
    EXPECT_FALSE(contains(r.out, "main_only.py")) << r.out; // before..after: the merge's part
    EXPECT_TRUE(fake.requests().empty());
    EXPECT_TRUE(contains(r.err, "no pull request in this pipeline")) << r.err;
}

TEST(E2eCiGitHub, AShallowCloneSaysToFetchTheHistory) {
    PullRequest pr;
    FakeGitHub fake;
    TempDir dir;
    auto clone = run_process({"git", "clone", "-q", "--depth", "1",
                              "file://" + pr.repo.path().string(), (dir.path() / "c").string()},
                             {.env = pr.repo.base_env()});
    ASSERT_EQ(clone.exit_code, 0) << describe(clone);
    // The clone has main's tip only: the feature's head is not there.
    Env env = github_env(pr, fake.api_url());
    auto r = run_ci(pr.repo, env, {"-C", (dir.path() / "c").string()});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "is not in this clone (the clone is shallow)")) << r.err;
    EXPECT_TRUE(contains(r.err, "fetch-depth: 0")) << r.err;
    EXPECT_TRUE(fake.requests().empty());
}

TEST(E2eCiGitHub, OutsideCiIsAUsageError) {
    TempRepo repo;
    repo.write("a.py", "x = 1\n");
    repo.commit_all("one");
    auto r = run_ci(repo, {});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "not running in GitHub Actions or GitLab CI")) << r.err;
}

} // namespace
} // namespace vigil::test
