// forge::detect_ci: the range, the API and the token from GitHub Actions' and GitLab CI's
// variables, and GitHub's event file.
#include "support/temp_repo.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <vigil/forge/ci_env.hpp>

namespace vigil::forge {
namespace {

using Vars = std::map<std::string, std::string>;

EnvLookup lookup(const Vars& vars) {
    return [vars](const char* name) -> const char* {
        auto it = vars.find(name);
        return it == vars.end() || it->second.empty() ? nullptr : it->second.c_str();
    };
}

const std::string k_base(40, 'b');
const std::string k_head(40, 'c');
const std::string k_merge(40, 'd');

struct GitHubEvent {
    test::TempDir dir;
    std::string path;
    explicit GitHubEvent(const std::string& json) : path((dir.path() / "event.json").string()) {
        std::ofstream(path) << json;
    }
};

Vars github_vars(const std::string& event, const std::string& path) {
    return {{"GITHUB_ACTIONS", "true"},  {"GITHUB_EVENT_NAME", event},
            {"GITHUB_EVENT_PATH", path}, {"GITHUB_REPOSITORY", "acme/widgets"},
            {"GITHUB_SHA", k_merge},     {"GITHUB_TOKEN", "ghs_x"}};
}

TEST(CiEnv, GitHubPullRequestUsesTheEventsShasNotTheMergeCommit) {
    GitHubEvent e(R"({"pull_request":{"number":7,"base":{"sha":")" + k_base +
                  R"("},"head":{"sha":")" + k_head + R"("}}})");
    auto c = detect_ci(lookup(github_vars("pull_request", e.path)));
    ASSERT_TRUE(c) << c.error().describe();
    EXPECT_EQ(c->forge, ForgeKind::github);
    EXPECT_TRUE(c->change_request);
    EXPECT_EQ(c->number, 7u);
    EXPECT_EQ(c->base, k_base);
    EXPECT_EQ(c->head, k_head);
    EXPECT_TRUE(c->from_merge_base);
    EXPECT_EQ(c->api_url, "https://api.github.com");
    EXPECT_EQ(c->repository, "acme/widgets");
    EXPECT_EQ(c->token, "ghs_x");
}

TEST(CiEnv, GitHubEnterpriseApiBaseComesFromGitHubApiUrl) {
    GitHubEvent e(R"({"pull_request":{"number":7,"base":{"sha":")" + k_base +
                  R"("},"head":{"sha":")" + k_head + R"("}}})");
    Vars v = github_vars("pull_request", e.path);
    v["GITHUB_API_URL"] = "https://ghe.example.com/api/v3/";
    auto c = detect_ci(lookup(v));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->api_url, "https://ghe.example.com/api/v3");
}

TEST(CiEnv, GitHubPushReviewsBeforeToAfterAndANewBranchItsHeadAlone) {
    GitHubEvent push(R"({"before":")" + k_base + R"(","after":")" + k_head + R"("})");
    auto c = detect_ci(lookup(github_vars("push", push.path)));
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->change_request);
    EXPECT_EQ(c->base, k_base);
    EXPECT_EQ(c->head, k_head);
    EXPECT_FALSE(c->from_merge_base);
    GitHubEvent created(R"({"before":")" + std::string(40, '0') + R"(","after":")" + k_head +
                        R"("})");
    auto n = detect_ci(lookup(github_vars("push", created.path)));
    ASSERT_TRUE(n);
    EXPECT_EQ(n->base, "");
    EXPECT_EQ(n->head, k_head);
}

TEST(CiEnv, GitHubWithoutTokenSaysHowToPassOne) {
    GitHubEvent push(R"({"before":")" + k_base + R"(","after":")" + k_head + R"("})");
    Vars v = github_vars("push", push.path);
    v.erase("GITHUB_TOKEN");
    auto c = detect_ci(lookup(v));
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->token.empty());
    EXPECT_NE(c->token_note.find("github.token"), std::string::npos) << c->token_note;
}

TEST(CiEnv, GitHubPullRequestEventWithoutShasFails) {
    GitHubEvent e(R"({"pull_request":{"number":7}})");
    auto c = detect_ci(lookup(github_vars("pull_request", e.path)));
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().kind, util::ErrorKind::runtime);
}

Vars gitlab_vars() {
    return {{"GITLAB_CI", "true"},
            {"CI_PROJECT_ID", "42"},
            {"CI_COMMIT_SHA", k_merge},
            {"CI_API_V4_URL", "https://gitlab.example.com/api/v4"},
            {"CI_PIPELINE_SOURCE", "merge_request_event"},
            {"CI_MERGE_REQUEST_IID", "3"},
            {"CI_MERGE_REQUEST_DIFF_BASE_SHA", k_base},
            {"GITLAB_TOKEN", "glpat-x"}};
}

TEST(CiEnv, GitLabMergeRequestUsesTheDiffBaseAndTheSourceBranchSha) {
    Vars v = gitlab_vars();
    v["CI_MERGE_REQUEST_SOURCE_BRANCH_SHA"] = k_head; // a merged-results pipeline
    auto c = detect_ci(lookup(v));
    ASSERT_TRUE(c) << c.error().describe();
    EXPECT_EQ(c->forge, ForgeKind::gitlab);
    EXPECT_TRUE(c->change_request);
    EXPECT_EQ(c->number, 3u);
    EXPECT_EQ(c->base, k_base);
    EXPECT_EQ(c->head, k_head);
    EXPECT_EQ(c->repository, "42");
    EXPECT_EQ(c->api_url, "https://gitlab.example.com/api/v4");
    v.erase("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA");
    EXPECT_EQ(detect_ci(lookup(v))->head, k_merge); // a detached MR pipeline: the MR head
}

TEST(CiEnv, GitLabJobTokenAloneMeansReportsOnly) {
    Vars v = gitlab_vars();
    v.erase("GITLAB_TOKEN");
    v["CI_JOB_TOKEN"] = "job-token";
    auto c = detect_ci(lookup(v));
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->token.empty());
    EXPECT_NE(c->token_note.find("CI_JOB_TOKEN cannot write"), std::string::npos);
}

TEST(CiEnv, GitLabBranchPipelineReviewsBeforeToCommit) {
    Vars v = gitlab_vars();
    v.erase("CI_MERGE_REQUEST_IID");
    v.erase("CI_MERGE_REQUEST_DIFF_BASE_SHA");
    v["CI_COMMIT_BEFORE_SHA"] = k_base;
    auto c = detect_ci(lookup(v));
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->change_request);
    EXPECT_EQ(c->base, k_base);
    EXPECT_EQ(c->head, k_merge);
    v["CI_COMMIT_BEFORE_SHA"] = std::string(40, '0');
    EXPECT_EQ(detect_ci(lookup(v))->base, "");
}

TEST(CiEnv, OutsideCiIsAUsageError) {
    auto c = detect_ci(lookup({{"CI", "true"}}));
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().kind, util::ErrorKind::usage);
    EXPECT_NE(c.error().hint.find("vigil review"), std::string::npos);
}

} // namespace
} // namespace vigil::forge
