#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vigil/forge/ci_env.hpp>
#include <vigil/util/env.hpp>

namespace vigil::forge {
namespace {

using nlohmann::json;

std::string get(const EnvLookup& env, const char* name) {
    const char* v = env(name);
    return v ? v : "";
}

bool is_true(const EnvLookup& env, const char* name) {
    return get(env, name) == "true";
}

// A push that created a branch names no earlier commit: before is all zeros.
bool null_sha(const std::string& sha) {
    return sha.empty() || sha.find_first_not_of('0') == std::string::npos;
}

std::string trimmed_url(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

util::Expected<json> read_event(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return util::runtime_error("cannot read GITHUB_EVENT_PATH " + path,
                                   "run `vigil ci` as a step of a GitHub Actions job");
    }
    std::stringstream text;
    text << in.rdbuf();
    json doc = json::parse(text.str(), nullptr, false);
    if (!doc.is_object()) {
        return util::runtime_error("GITHUB_EVENT_PATH " + path + " is not a JSON object");
    }
    return doc;
}

std::string string_at(const json& doc, const json::json_pointer& at) {
    return doc.contains(at) && doc.at(at).is_string() ? doc.at(at).get<std::string>() : "";
}

util::Expected<CiContext> github(const EnvLookup& env) {
    CiContext c;
    c.forge = ForgeKind::github;
    c.event = get(env, "GITHUB_EVENT_NAME");
    c.repository = get(env, "GITHUB_REPOSITORY");
    c.api_url = trimmed_url(get(env, "GITHUB_API_URL"));
    if (c.api_url.empty()) {
        c.api_url = "https://api.github.com";
    }
    c.token = get(env, "GITHUB_TOKEN");
    if (c.token.empty()) {
        c.token_note = "GITHUB_TOKEN is not set (pass `${{ github.token }}` to post comments)";
    }
    std::string sha = get(env, "GITHUB_SHA");
    std::string event_path = get(env, "GITHUB_EVENT_PATH");
    if (c.repository.empty() || sha.empty()) {
        return util::usage_error("GITHUB_ACTIONS is set but GITHUB_REPOSITORY or GITHUB_SHA "
                                 "is not",
                                 "run `vigil ci` as a step of a GitHub Actions job");
    }
    json event = json::object();
    if (!event_path.empty()) {
        event = VIGIL_TRY(read_event(event_path));
    }
    if (c.event == "pull_request" || c.event == "pull_request_target") {
        // GITHUB_SHA is the test merge commit here: the PR's own commits are in the event.
        c.change_request = true;
        c.base = string_at(event, "/pull_request/base/sha"_json_pointer);
        c.head = string_at(event, "/pull_request/head/sha"_json_pointer);
        auto number = "/pull_request/number"_json_pointer;
        if (event.contains(number) && event.at(number).is_number_unsigned()) {
            c.number = event.at(number).get<uint64_t>();
        }
        if (c.base.empty() || c.head.empty() || c.number == 0) {
            return util::runtime_error("the pull_request event in GITHUB_EVENT_PATH has no "
                                       "pull_request.base.sha, head.sha or number");
        }
        c.from_merge_base = true;
        return c;
    }
    c.head = sha;
    if (c.event == "push") {
        std::string before = string_at(event, "/before"_json_pointer);
        std::string after = string_at(event, "/after"_json_pointer);
        if (!after.empty()) {
            c.head = after;
        }
        if (!null_sha(before)) {
            c.base = before;
        }
    }
    return c;
}

util::Expected<CiContext> gitlab(const EnvLookup& env) {
    CiContext c;
    c.forge = ForgeKind::gitlab;
    c.api_url = trimmed_url(get(env, "CI_API_V4_URL"));
    if (c.api_url.empty()) {
        c.api_url = "https://gitlab.com/api/v4";
    }
    // The merge request lives in the target project, which differs from CI_PROJECT_ID for
    // pipelines of forks run in the parent project.
    c.repository = get(env, "CI_MERGE_REQUEST_PROJECT_ID");
    if (c.repository.empty()) {
        c.repository = get(env, "CI_PROJECT_ID");
    }
    std::string sha = get(env, "CI_COMMIT_SHA");
    if (c.repository.empty() || sha.empty()) {
        return util::usage_error("GITLAB_CI is set but CI_PROJECT_ID or CI_COMMIT_SHA is not",
                                 "run `vigil ci` in a GitLab CI job");
    }
    c.token = get(env, "GITLAB_TOKEN");
    if (c.token.empty()) {
        c.token_note = get(env, "CI_JOB_TOKEN").empty()
                           ? "GITLAB_TOKEN is not set"
                           : "CI_JOB_TOKEN cannot write discussions; set GITLAB_TOKEN (a "
                             "project access token with the api scope) to post comments";
    }
    c.event = get(env, "CI_PIPELINE_SOURCE");
    std::string iid = get(env, "CI_MERGE_REQUEST_IID");
    if (!iid.empty()) {
        c.change_request = true;
        c.number = std::strtoull(iid.c_str(), nullptr, 10);
        c.base = get(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA");
        // In merged-results pipelines CI_COMMIT_SHA is a temporary merge commit.
        c.head = get(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA");
        if (c.head.empty()) {
            c.head = sha;
        }
        if (c.base.empty() || c.number == 0) {
            return util::usage_error("CI_MERGE_REQUEST_IID is set but "
                                     "CI_MERGE_REQUEST_DIFF_BASE_SHA is not",
                                     "GitLab sets it from 13.7 on, in merge request pipelines");
        }
        return c;
    }
    c.head = sha;
    std::string before = get(env, "CI_COMMIT_BEFORE_SHA");
    if (!null_sha(before)) {
        c.base = before;
    }
    return c;
}

} // namespace

EnvLookup process_env() {
    return [](const char* name) { return util::env_value(name); };
}

util::Expected<CiContext> detect_ci(const EnvLookup& env) {
    if (is_true(env, "GITHUB_ACTIONS")) {
        return github(env);
    }
    if (is_true(env, "GITLAB_CI")) {
        return gitlab(env);
    }
    return util::usage_error("not running in GitHub Actions or GitLab CI (neither "
                             "GITHUB_ACTIONS nor GITLAB_CI is true)",
                             "outside CI, use `vigil review BASE...HEAD`");
}

std::string forge_name(ForgeKind kind) {
    return kind == ForgeKind::github ? "GitHub" : "GitLab";
}

} // namespace vigil::forge
