// Helpers for the `vigil ci` end-to-end tests: a pull request's repository (main, a feature
// branch, GitHub's test merge commit), the CI environment each forge sets, and the run.
#pragma once

#include "e2e.hpp"
#include "support/fake_ollama.hpp"

#include <fstream>

namespace vigil::test {

using Env = std::vector<std::pair<std::string, std::string>>;

inline const std::string k_base_text = "def first(items):\n    return items[0]\n";

// The feature's calc.py: a key (line 4, error), trailing blanks (line 5, note with a fix).
inline std::string feature_text(bool trailing = true) {
    return k_base_text + "\n" + secret_line(fake_aws_key()) +
           (trailing ? "count = 1  \n" : "count = 1\n");
}

struct PullRequest {
    TempRepo repo;
    std::string base;  // main's tip, as pull_request.base.sha names it
    std::string head;  // the feature's tip
    std::string merge; // GitHub's test merge commit (GITHUB_SHA)

    // main: calc.py; then the feature branch adds a key, trailing blanks and a .DS_Store
    // (a whole-file finding: no line to comment on); main moves on with a key of its own
    // that the review must not see; the checkout is the test merge, as on GitHub.
    PullRequest() {
        repo.write("calc.py", k_base_text);
        repo.write(".gitignore", "vigil.sarif\ngl-*.json\n"); // the reports of earlier runs
        repo.commit_all("base");
        repo.git({"branch", "-M", "main"});
        repo.git({"checkout", "-q", "-b", "feature"});
        repo.write("calc.py", feature_text());
        repo.write(".DS_Store", "metadata");
        head = repo.commit_all("feature");
        repo.git({"checkout", "-q", "main"});
        repo.write("main_only.py", secret_line(fake_aws_key(1)));
        base = repo.commit_all("main moves on");
        update_merge();
    }

    // A new push to the feature branch: `text` as calc.py.
    void push(const std::string& text) {
        repo.git({"checkout", "-q", "feature"});
        repo.write("calc.py", text);
        head = repo.commit_all("push");
        update_merge();
    }

    void update_merge() {
        repo.git({"checkout", "-q", "--detach", base});
        repo.git({"merge", "-q", "--no-ff", "-m", "merge", head});
        merge = repo.git({"rev-parse", "HEAD"});
    }
};

// Everything a CI could set, removed so the developer's or the real CI's values never leak in.
inline std::vector<std::string> ci_unset() {
    return {"GITHUB_TOKEN",
            "GITHUB_API_URL",
            "GITHUB_EVENT_PATH",
            "GITHUB_EVENT_NAME",
            "GITHUB_REPOSITORY",
            "GITHUB_SHA",
            "GITLAB_TOKEN",
            "CI_JOB_TOKEN",
            "CI_API_V4_URL",
            "CI_PROJECT_ID",
            "CI_COMMIT_SHA",
            "CI_COMMIT_BEFORE_SHA",
            "CI_MERGE_REQUEST_IID",
            "CI_MERGE_REQUEST_DIFF_BASE_SHA",
            "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA",
            "CI_MERGE_REQUEST_PROJECT_ID",
            "VIGIL_CONFIG",
            "VIGIL_MODEL",
            "http_proxy",
            "HTTP_PROXY",
            "https_proxy",
            "HTTPS_PROXY"};
}

// Runs `vigil ci` in the repository with `env`, no model unless `ollama` is given.
inline ProcessResult run_ci(const TempRepo& repo, Env env, std::vector<std::string> args = {},
                            const FakeOllama* ollama = nullptr) {
    ProcessOptions o;
    o.env = std::move(env);
    o.env.push_back({"OLLAMA_HOST",
                     ollama ? ollama->host_port() : "127.0.0.1:" + std::to_string(closed_port())});
    o.env.push_back({"XDG_CACHE_HOME", (repo.home() / "cache").string()});
    o.env.push_back({"XDG_CONFIG_HOME", (repo.home() / "config").string()});
    o.unset_env = ci_unset();
    args.insert(args.begin(), {"ci", "--color", "never"});
    return repo.vigil(args, o);
}

// GitHub Actions' variables for a pull_request event (the event file written to HOME).
inline Env github_env(const PullRequest& pr, const std::string& api_url, bool token = true) {
    std::string path = (pr.repo.home() / "event.json").string();
    std::ofstream(path) << R"({"action":"synchronize","number":7,"pull_request":{"number":7,)"
                        << R"("base":{"ref":"main","sha":")" << pr.base << R"("},)"
                        << R"("head":{"ref":"feature","sha":")" << pr.head << R"("}}})";
    Env env = {{"CI", "true"},
               {"GITHUB_ACTIONS", "true"},
               {"GITHUB_EVENT_NAME", "pull_request"},
               {"GITHUB_EVENT_PATH", path},
               {"GITHUB_REPOSITORY", "acme/widgets"},
               {"GITHUB_SHA", pr.merge},
               {"GITHUB_API_URL", api_url}};
    if (token) {
        env.push_back({"GITHUB_TOKEN", "ghs_fake_token"});
    }
    return env;
}

// GitLab CI's variables for a merge request pipeline.
inline Env gitlab_env(const PullRequest& pr, const std::string& merge_base,
                      const std::string& api_url, bool token = true) {
    Env env = {{"CI", "true"},
               {"GITLAB_CI", "true"},
               {"CI_PIPELINE_SOURCE", "merge_request_event"},
               {"CI_PROJECT_ID", "42"},
               {"CI_COMMIT_SHA", pr.head},
               {"CI_API_V4_URL", api_url},
               {"CI_MERGE_REQUEST_IID", "3"},
               {"CI_MERGE_REQUEST_DIFF_BASE_SHA", merge_base},
               {"CI_JOB_TOKEN", "job-token-value"}};
    if (token) {
        env.push_back({"GITLAB_TOKEN", "glpat-fake-token"});
    }
    return env;
}

// Requests with this method a fake received.
template <class Fake> size_t count_method(const Fake& fake, const std::string& method) {
    size_t n = 0;
    for (const auto& r : fake.requests()) {
        n += r.method == method;
    }
    return n;
}

// Every body sent to a fake server, for "this never left the machine" checks.
template <class Fake> std::string all_bodies(const Fake& fake) {
    std::string out;
    for (const auto& r : fake.requests()) {
        out += r.body + "\n";
    }
    return out;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace vigil::test
