// Test support: a fake GitLab REST API (v4) for one merge request, on loopback. It checks
// what vigil sends against the real API's shapes (PRIVATE-TOKEN, a text position with the
// MR's diff_refs SHAs and both paths) and answers like GitLab: the MR with diff_refs,
// discussions paginated with X-Next-Page (per_page, page), 400 "line_code can't be blank" for
// a line outside the diff, resolve through PUT ?resolved=true, notes for the summary.
#pragma once

#include "fake_forge.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::test {

struct GitLabDiscussion {
    std::string id; // 40 hex, as GitLab's
    uint64_t note_id = 0;
    std::string body;             // of its first note
    bool individual_note = false; // a plain MR note (the summary), not a diff thread
    bool resolved = false;
    std::string new_path;
    int new_line = 0;
};

class FakeGitLab {
public:
    struct Options {
        std::string project = "42";
        int iid = 3;
        std::string token = "glpat-fake-token";    // required as PRIVATE-TOKEN
        std::string base_sha, start_sha, head_sha; // diff_refs; set with set_diff_refs
    };
    FakeGitLab();
    explicit FakeGitLab(Options options);
    ~FakeGitLab();

    std::string api_url() const; // what CI_API_V4_URL would be
    void set_diff_refs(std::string base, std::string start, std::string head);
    void set_diff(DiffLines lines);
    // A discussion already on the merge request (by someone else or an earlier run).
    std::string add_discussion(GitLabDiscussion discussion);

    std::vector<GitLabDiscussion> discussions() const;
    std::vector<ForgeRequest> requests() const { return m_server.requests(); }
    std::vector<std::string> violations() const { return m_server.violations(); }
    size_t writes() const; // POST and PUT requests

private:
    void install_routes();

    Options m_options;
    ForgeServer m_server;
    DiffLines m_diff;
    std::vector<GitLabDiscussion> m_discussions;
    uint64_t m_next_id = 501;
};

} // namespace vigil::test
