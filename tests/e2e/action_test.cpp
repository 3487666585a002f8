// The CI integration files: action.yml and the example workflow pass @action-validator/cli
// (installed with npm into the build tree by tests/support/action_validator.sh; skipped
// without npm), the action's script runs `vigil ci` and records its exit code for the SARIF
// upload step, and the GitLab template names the reports `vigil ci` writes.
#include "ci_support.hpp"
#include "support/fake_github.hpp"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

fs::path source_dir() {
    return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

struct Validator {
    std::string skip;
    std::string error;
    fs::path binary;
};

const Validator& validator() {
    static const Validator v = [] {
        Validator out;
        fs::path dir = fs::path(vigil_binary()).parent_path() / "action-validator";
        out.binary = dir / "node_modules/.bin/action-validator";
        auto r = run_process(
            {"bash", (source_dir() / "tests/support/action_validator.sh").string(), dir.string()});
        if (r.exit_code == 77) {
            out.skip = "action-validator not installed (" + r.err.substr(0, r.err.find('\n')) +
                       "): install Node.js with npm to validate action.yml";
        } else if (r.exit_code != 0) {
            out.error = "installing @action-validator/cli failed:\n" + r.err + r.out;
        }
        return out;
    }();
    return v;
}

ProcessResult validate(const fs::path& file) {
    return run_process({validator().binary.string(), file.string()});
}

#define REQUIRE_VALIDATOR()                                                                        \
    do {                                                                                           \
        if (!validator().skip.empty()) {                                                           \
            GTEST_SKIP() << validator().skip;                                                      \
        }                                                                                          \
        ASSERT_TRUE(validator().error.empty()) << validator().error;                               \
    } while (false)

TEST(E2eAction, ActionYmlPassesTheValidator) {
    REQUIRE_VALIDATOR();
    auto r = validate(source_dir() / "action.yml");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST(E2eAction, ExampleWorkflowPassesTheValidator) {
    REQUIRE_VALIDATOR();
    auto r = validate(source_dir() / "ci/github/vigil-review.yml");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST(E2eAction, TheValidatorRejectsARunStepWithoutShell) {
    REQUIRE_VALIDATOR();
    TempDir dir;
    fs::path bad = dir.path() / "action.yml";
    std::ofstream(bad) << "name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n"
                          "    - run: echo hi\n";
    auto r = validate(bad);
    EXPECT_NE(r.exit_code, 0) << describe(r);
}

TEST(E2eAction, ActionUploadsSarifWithACategoryAfterAnyOutcome) {
    std::string action = read_file(source_dir() / "action.yml");
    EXPECT_TRUE(contains(action, "uses: github/codeql-action/upload-sarif@v3"));
    EXPECT_TRUE(contains(action, "category: ${{ inputs.category }}"));
    EXPECT_TRUE(contains(action, "if: always()"));
    EXPECT_TRUE(contains(action, "using: composite"));
}

TEST(E2eAction, ActionScriptRunsVigilCiAndRecordsTheExitCode) {
    PullRequest pr;
    FakeGitHub fake;
    fs::path output = pr.repo.home() / "github_output";
    Env env = github_env(pr, fake.api_url());
    std::string path = fs::path(vigil_binary()).parent_path().string() + ":/usr/bin:/bin";
    env.insert(env.end(), {{"PATH", path},
                           {"GITHUB_OUTPUT", output.string()},
                           {"VIGIL_INPUT_FAIL_ON", "error"},
                           {"VIGIL_INPUT_POST_COMMENTS", "true"},
                           {"VIGIL_INPUT_MAX_COMMENTS", "25"},
                           {"VIGIL_INPUT_SARIF", "out/review.sarif"},
                           {"VIGIL_INPUT_ARGS", "--no-llm"}});
    fs::create_directories(pr.repo.path() / "out");
    ProcessOptions o;
    o.cwd = pr.repo.path().string();
    o.env = env;
    o.env.push_back({"HOME", pr.repo.home().string()});
    o.unset_env = ci_unset();
    auto r = run_process({"bash", (source_dir() / "ci/github/run-vigil.sh").string()}, o);
    EXPECT_EQ(r.exit_code, 0) << describe(r); // the upload step still runs
    EXPECT_EQ(read_file(output), "exit-code=1\n") << describe(r);
    EXPECT_TRUE(fs::exists(pr.repo.path() / "out/review.sarif")) << describe(r);
    EXPECT_EQ(fake.reviews_created(), 1u) << describe(r);
}

TEST(E2eAction, GitLabTemplateNamesTheReportsVigilWrites) {
    std::string t = read_file(source_dir() / "ci/gitlab/vigil.gitlab-ci.yml");
    EXPECT_TRUE(contains(t, "codequality: gl-code-quality-report.json"));
    EXPECT_TRUE(contains(t, "sast: gl-sast-report.json"));
    EXPECT_TRUE(contains(t, "secret_detection: gl-secret-detection-report.json"));
    EXPECT_TRUE(contains(t, "vigil ci"));
    EXPECT_TRUE(contains(t, "GIT_DEPTH: \"0\""));
}

} // namespace
} // namespace vigil::test
