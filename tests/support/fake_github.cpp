#include "fake_github.hpp"

namespace vigil::test {

FakeGitHub::FakeGitHub() : FakeGitHub(Options{}) {}

FakeGitHub::FakeGitHub(Options options) : m_options(std::move(options)) {
    install_routes();
    m_server.start();
}

FakeGitHub::~FakeGitHub() {
    m_server.stop();
}

std::string FakeGitHub::api_url() const {
    return m_server.origin() + m_options.prefix;
}

void FakeGitHub::set_diff(DiffLines lines) {
    std::lock_guard lock(m_server.mutex());
    m_diff = std::move(lines);
}

uint64_t FakeGitHub::add_review_comment(GitHubComment c) {
    std::lock_guard lock(m_server.mutex());
    c.id = m_next_id++;
    m_review_comments.push_back(c);
    return c.id;
}

uint64_t FakeGitHub::add_issue_comment(std::string body, std::string user) {
    std::lock_guard lock(m_server.mutex());
    GitHubComment c;
    c.id = m_next_id++;
    c.body = std::move(body);
    c.user = std::move(user);
    m_issue_comments.push_back(c);
    return c.id;
}

std::vector<GitHubComment> FakeGitHub::review_comments() const {
    std::lock_guard lock(m_server.mutex());
    return m_review_comments;
}

std::vector<GitHubComment> FakeGitHub::issue_comments() const {
    std::lock_guard lock(m_server.mutex());
    return m_issue_comments;
}

size_t FakeGitHub::writes() const {
    size_t n = 0;
    for (const auto& r : m_server.requests()) {
        n += r.method != "GET";
    }
    return n;
}

size_t FakeGitHub::reviews_created() const {
    std::lock_guard lock(m_server.mutex());
    return m_reviews;
}

} // namespace vigil::test
