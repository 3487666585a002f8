// The GitHub client: a pull request review (event COMMENT) for the new line comments, review
// comments listed and edited through REST, the summary as an issue comment. Outdated comments
// are edited (struck through, suggestion removed), not resolved: resolving a review thread
// needs GraphQL, and the edit keeps the marker so later runs still know the comment.
#include "api.hpp"

#include <vigil/forge/forge_client.hpp>

namespace vigil::forge {
namespace {

using nlohmann::json;

class GitHubClient final : public ForgeClient {
public:
    explicit GitHubClient(const CiContext& c)
        : m_api(c.api_url), m_repo(c.api_url + "/repos/" + c.repository),
          m_pull(std::to_string(c.number)), m_head(c.head), m_token(c.token) {}

    Dialect dialect() const override { return Dialect::github; }

    util::Expected<Existing> load() override {
        Existing out;
        auto comments = VIGIL_TRY(list(m_repo + "/pulls/" + m_pull + "/comments?per_page=100"));
        for (const auto& c : comments) {
            std::string body = c.value("body", "");
            if (auto fp = marker_fingerprint(body); fp && c.contains("id")) {
                out.comments.push_back({std::to_string(c["id"].get<uint64_t>()), *fp, body,
                                        has_outdated_marker(body)});
            }
        }
        auto notes = VIGIL_TRY(list(m_repo + "/issues/" + m_pull + "/comments?per_page=100"));
        for (const auto& c : notes) {
            std::string body = c.value("body", "");
            if (has_summary_marker(body) && c.contains("id") && !out.summary_id) {
                out.summary_id = std::to_string(c["id"].get<uint64_t>());
                out.summary_body = body;
            }
        }
        return out;
    }

    util::Expected<std::vector<size_t>> post(const std::vector<LineComment>& comments) override {
        json review = {{"commit_id", m_head},
                       {"event", "COMMENT"},
                       {"body", "vigil: " + std::to_string(comments.size()) +
                                    (comments.size() == 1 ? " finding" : " findings") +
                                    " on changed lines."},
                       {"comments", json::array()}};
        for (const auto& c : comments) {
            review["comments"].push_back(comment_json(c, false));
        }
        auto reply = VIGIL_TRY(checked_call(
            call("POST", m_repo + "/pulls/" + m_pull + "/reviews", review.dump()), "GitHub", 422));
        if (reply.status != 422) {
            return std::vector<size_t>{};
        }
        // One line outside GitHub's diff fails the whole review, without saying which: post
        // them one by one, and the refused ones go to the summary.
        std::vector<size_t> refused;
        for (size_t i = 0; i < comments.size(); ++i) {
            auto one =
                VIGIL_TRY(checked_call(call("POST", m_repo + "/pulls/" + m_pull + "/comments",
                                            comment_json(comments[i], true).dump()),
                                       "GitHub", 422));
            if (one.status == 422) {
                refused.push_back(i);
            }
        }
        return refused;
    }

    util::Expected<void> mark_outdated(const OwnComment& c) override {
        return edit(m_repo + "/pulls/comments/" + c.id, outdated_body(c.body, c.fingerprint));
    }

    util::Expected<void> revive(const OwnComment& c, const std::string& body) override {
        return edit(m_repo + "/pulls/comments/" + c.id, body);
    }

    util::Expected<void> write_summary(const std::optional<std::string>& id,
                                       const std::string& body) override {
        if (id) {
            return edit(m_repo + "/issues/comments/" + *id, body);
        }
        VIGIL_TRY(checked_call(
            call("POST", m_repo + "/issues/" + m_pull + "/comments", json{{"body", body}}.dump()),
            "GitHub"));
        return {};
    }

private:
    HttpCall call(std::string method, std::string url, std::string body = {}) const {
        return {std::move(method),
                std::move(url),
                std::move(body),
                {"Authorization: Bearer " + m_token, "Accept: application/vnd.github+json",
                 "X-GitHub-Api-Version: 2022-11-28"}};
    }

    json comment_json(const LineComment& c, bool single) const {
        json j = {{"path", c.path}, {"line", c.line}, {"side", "RIGHT"}, {"body", c.body}};
        if (c.start_line < c.line) {
            j["start_line"] = c.start_line;
            j["start_side"] = "RIGHT";
        }
        if (single) {
            j["commit_id"] = m_head;
        }
        return j;
    }

    util::Expected<void> edit(const std::string& url, const std::string& body) {
        VIGIL_TRY(checked_call(call("PATCH", url, json{{"body", body}}.dump()), "GitHub"));
        return {};
    }

    // Every page of a list, following the Link header (only to the same API: the token goes
    // with each request).
    util::Expected<std::vector<json>> list(std::string url) {
        std::vector<json> items;
        for (int page = 0; !url.empty() && page < 100; ++page) {
            auto reply = VIGIL_TRY(checked_call(call("GET", url), "GitHub"));
            auto doc =
                VIGIL_TRY(json_body(reply, "GitHub API: GET " + url.substr(0, url.find('?'))));
            if (!doc.is_array()) {
                return util::runtime_error("GitHub API: GET " + url.substr(0, url.find('?')) +
                                           ": expected a JSON array");
            }
            for (auto& item : doc) {
                if (item.is_object()) {
                    items.push_back(std::move(item));
                }
            }
            auto link = reply.headers.find("link");
            url = link == reply.headers.end() ? "" : next_link(link->second);
            if (!url.starts_with(m_api + "/")) {
                url.clear();
            }
        }
        return items;
    }

    std::string m_api;
    std::string m_repo;
    std::string m_pull;
    std::string m_head;
    std::string m_token;
};

} // namespace

std::unique_ptr<ForgeClient> make_github_client(const CiContext& c) {
    return std::make_unique<GitHubClient>(c);
}

} // namespace vigil::forge
