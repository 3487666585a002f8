// `vigil ci` in GitLab CI, through the real binary, against the fake GitLab API: the merge
// request's range from CI_MERGE_REQUEST_DIFF_BASE_SHA, the three GitLab reports, a positioned
// discussion per finding with a suggestion, the summary note, nothing twice after a new push,
// threads of fixed findings resolved, CI_JOB_TOKEN alone reporting only, a shallow clone.
#include "ci_support.hpp"
#include "support/fake_gitlab.hpp"

#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

struct MergeRequest {
    PullRequest pr;
    FakeGitLab fake;
    std::string merge_base;
    MergeRequest() {
        merge_base = pr.repo.git({"merge-base", pr.base, pr.head});
        refs();
    }
    void refs() { fake.set_diff_refs(merge_base, pr.base, pr.head); }
    Env env(bool token = true) const { return gitlab_env(pr, merge_base, fake.api_url(), token); }
};

size_t count_with(const std::vector<GitLabDiscussion>& ds, const std::string& part) {
    size_t n = 0;
    for (const auto& d : ds) {
        n += contains(d.body, part);
    }
    return n;
}

TEST(E2eCiGitLab, FirstRunPostsSecondRunAfterAPushPostsNothingTwice) {
    MergeRequest mr;
    auto r = run_ci(mr.pr.repo, mr.env());
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(mr.fake.violations().empty()) << mr.fake.violations()[0];
    auto ds = mr.fake.discussions();
    ASSERT_GE(ds.size(), 3u) << describe(r); // two line threads and the summary
    EXPECT_EQ(count_with(ds, "```suggestion:-0+0\ncount = 1\n```"), 1u);
    EXPECT_EQ(count_with(ds, "<!-- vigil:summary -->"), 1u);
    EXPECT_EQ(count_with(ds, "`.DS_Store`"), 1u);
    EXPECT_FALSE(contains(all_bodies(mr.fake), fake_aws_key()));
    for (const char* report : {"gl-code-quality-report.json", "gl-sast-report.json",
                               "gl-secret-detection-report.json"}) {
        auto text = read_file(mr.pr.repo.path() / report);
        EXPECT_FALSE(json::parse(text, nullptr, false).is_discarded()) << report;
        EXPECT_FALSE(contains(text, "main_only.py")) << report;
    }

    mr.pr.push(feature_text(false));
    mr.refs();
    size_t posts = count_method(mr.fake, "POST");
    size_t puts = count_method(mr.fake, "PUT");
    auto again = run_ci(mr.pr.repo, mr.env());
    EXPECT_EQ(again.exit_code, 1) << describe(again);
    EXPECT_EQ(mr.fake.discussions().size(), ds.size());
    EXPECT_EQ(count_method(mr.fake, "POST"), posts) << describe(again);
    EXPECT_EQ(count_method(mr.fake, "PUT"), puts + 2) << describe(again); // resolve, summary
    size_t resolved = 0;
    for (const auto& d : mr.fake.discussions()) {
        resolved += d.resolved;
        if (d.resolved) {
            EXPECT_TRUE(contains(d.body, "count = 1")) << d.body;
        }
    }
    EXPECT_EQ(resolved, 1u);
    EXPECT_TRUE(contains(again.err, "1 resolved")) << again.err;
    size_t writes = mr.fake.writes();
    auto third = run_ci(mr.pr.repo, mr.env());
    EXPECT_EQ(mr.fake.writes(), writes) << describe(third);
    EXPECT_TRUE(mr.fake.violations().empty()) << mr.fake.violations()[0];
}

TEST(E2eCiGitLab, ALineGitLabRefusesLandsInTheSummary) {
    MergeRequest mr;
    mr.fake.set_diff({{"calc.py", {4}}});
    auto r = run_ci(mr.pr.repo, mr.env());
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    auto ds = mr.fake.discussions();
    for (const auto& d : ds) {
        if (!d.individual_note) {
            EXPECT_EQ(d.new_line, 4);
        }
    }
    EXPECT_EQ(count_with(ds, "`calc.py:5`"), 1u);
}

TEST(E2eCiGitLab, JobTokenAloneWritesTheReportsOnly) {
    MergeRequest mr;
    auto r = run_ci(mr.pr.repo, mr.env(false));
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(mr.fake.requests().empty());
    EXPECT_TRUE(contains(r.err, "CI_JOB_TOKEN cannot write discussions")) << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "job-token-value"));
    EXPECT_TRUE(std::filesystem::exists(mr.pr.repo.path() / "gl-code-quality-report.json"));
}

TEST(E2eCiGitLab, AShallowCloneSaysToSetGitDepth) {
    MergeRequest mr;
    TempDir dir;
    auto clone = run_process({"git", "clone", "-q", "--depth", "1", "--branch", "feature",
                              "file://" + mr.pr.repo.path().string(), (dir.path() / "c").string()},
                             {.env = mr.pr.repo.base_env()});
    ASSERT_EQ(clone.exit_code, 0) << describe(clone);
    auto r = run_ci(mr.pr.repo, mr.env(), {"-C", (dir.path() / "c").string()});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "the base commit")) << r.err;
    EXPECT_TRUE(contains(r.err, "GIT_DEPTH")) << r.err;
    EXPECT_TRUE(mr.fake.requests().empty());
}

} // namespace
} // namespace vigil::test
