// Test support: a fake GitHub REST API for one pull request, on loopback. It checks what
// vigil sends against the real API's shapes (headers, review event, comment fields) and
// answers like GitHub: review and issue comments paginated with a Link header (per_page,
// page), 422 "Unprocessable Entity" with GitHub's error JSON for a comment outside the diff
// (which fails the whole review), 401 without the token, 404 for unknown ids.
#pragma once

#include "fake_forge.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::test {

struct GitHubComment {
    uint64_t id = 0;
    std::string path; // empty for issue comments
    int line = 0;
    int start_line = 0; // 0: one line
    std::string body;
    std::string commit_id;
    std::string user = "github-actions[bot]";
};

class FakeGitHub {
public:
    struct Options {
        std::string prefix; // "/api/v3" for GitHub Enterprise Server
        std::string repository = "acme/widgets";
        int pull = 7;
        std::string token = "ghs_fake_token"; // required as "Authorization: Bearer <token>"
    };
    FakeGitHub();
    explicit FakeGitHub(Options options);
    ~FakeGitHub();

    std::string api_url() const; // what GITHUB_API_URL would be
    void set_diff(DiffLines lines);
    // Comments already on the pull request (by other people or an earlier run).
    uint64_t add_review_comment(GitHubComment comment);
    uint64_t add_issue_comment(std::string body, std::string user = "someone");

    std::vector<GitHubComment> review_comments() const;
    std::vector<GitHubComment> issue_comments() const;
    std::vector<ForgeRequest> requests() const { return m_server.requests(); }
    std::vector<std::string> violations() const { return m_server.violations(); }
    // Requests that change something (POST, PATCH), the count a re-run must keep at zero.
    size_t writes() const;
    size_t reviews_created() const;

private:
    void install_routes();

    Options m_options;
    ForgeServer m_server;
    DiffLines m_diff;
    std::vector<GitHubComment> m_review_comments;
    std::vector<GitHubComment> m_issue_comments;
    uint64_t m_next_id = 1001;
    size_t m_reviews = 0;
};

} // namespace vigil::test
