// The fake GitHub API's routes: what each endpoint checks and how it answers.
#include "fake_github.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

const char* k_docs =
    "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request";

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

void unprocessable(httplib::Response& res, const std::string& error) {
    reply(res, 422,
          {{"message", "Unprocessable Entity"},
           {"errors", json::array({error})},
           {"documentation_url", k_docs},
           {"status", "422"}});
}

void not_found(httplib::Response& res) {
    reply(res, 404,
          {{"message", "Not Found"},
           {"documentation_url", "https://docs.github.com/rest"},
           {"status", "404"}});
}

const std::string k_outside = "Pull request review thread line must be part of the diff and "
                              "Pull request review thread diff hunk can't be blank";

bool is_sha(const json& j) {
    return j.is_string() && j.get<std::string>().size() == 40 &&
           j.get<std::string>().find_first_not_of("0123456789abcdef") == std::string::npos;
}

json comment_json(const GitHubComment& c, const std::string& repo_url) {
    json j = {{"id", c.id},
              {"node_id", "PRRC_" + std::to_string(c.id)},
              {"url", repo_url + "/pulls/comments/" + std::to_string(c.id)},
              {"body", c.body},
              {"user", {{"login", c.user}, {"type", "Bot"}}},
              {"created_at", "2026-12-07T10:00:00Z"}};
    if (!c.path.empty()) {
        j["path"] = c.path;
        j["line"] = c.line;
        j["original_line"] = c.line;
        j["side"] = "RIGHT";
        j["commit_id"] = c.commit_id;
        j["start_line"] = c.start_line ? json(c.start_line) : json(nullptr);
        j["subject_type"] = "line";
    }
    return j;
}

} // namespace

void FakeGitHub::install_routes() {
    std::string repo = m_options.prefix + "/repos/" + m_options.repository;
    std::string pull = repo + "/pulls/" + std::to_string(m_options.pull);
    std::string issue = repo + "/issues/" + std::to_string(m_options.pull);
    // Every request: the token, the media type and the API version GitHub documents.
    auto checked = [this](ForgeServer::Handler h) {
        return [this, h](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("Authorization") != "Bearer " + m_options.token) {
                reply(res, 401,
                      {{"message", "Bad credentials"},
                       {"documentation_url", "https://docs.github.com/rest"},
                       {"status", "401"}});
                return;
            }
            if (req.get_header_value("Accept") != "application/vnd.github+json") {
                m_server.violation("Accept is not application/vnd.github+json: " + req.path);
            }
            if (req.get_header_value("X-GitHub-Api-Version").empty()) {
                m_server.violation("no X-GitHub-Api-Version: " + req.path);
            }
            if ((req.method == "POST" || req.method == "PATCH") &&
                req.get_header_value("Content-Type").find("application/json") != 0) {
                m_server.violation("body not sent as application/json: " + req.path);
            }
            h(req, res);
        };
    };
    // A page of a list: per_page (default 30, at most 100) and page, with a Link header.
    auto paged = [this](const httplib::Request& req, httplib::Response& res,
                        const std::vector<GitHubComment>& all, const std::string& repo_url) {
        size_t per_page =
            req.has_param("per_page") ? std::stoul(req.get_param_value("per_page")) : 30;
        per_page = std::clamp<size_t>(per_page, 1, 100);
        size_t page = req.has_param("page") ? std::stoul(req.get_param_value("page")) : 1;
        json items = json::array();
        for (size_t i = (page - 1) * per_page; i < all.size() && i < page * per_page; ++i) {
            items.push_back(comment_json(all[i], repo_url));
        }
        size_t last = std::max<size_t>(1, (all.size() + per_page - 1) / per_page);
        if (page < last) {
            std::string base =
                m_server.origin() + req.path + "?per_page=" + std::to_string(per_page) + "&page=";
            res.set_header("Link", "<" + base + std::to_string(page + 1) + ">; rel=\"next\", <" +
                                       base + std::to_string(last) + ">; rel=\"last\"");
        }
        reply(res, 200, items);
    };
    std::string repo_url = api_url() + "/repos/" + m_options.repository;
    m_server.route("GET", pull + "/comments",
                   checked([this, paged, repo_url](auto& req, auto& res) {
                       paged(req, res, m_review_comments, repo_url);
                   }));
    m_server.route("GET", issue + "/comments",
                   checked([this, paged, repo_url](auto& req, auto& res) {
                       paged(req, res, m_issue_comments, repo_url);
                   }));
    // A line comment as reviews and single comments take it; "" when it is well-formed.
    auto comment_problem = [](const json& c) -> std::string {
        if (!c.is_object() || !c.contains("path") || !c["path"].is_string() ||
            !c.contains("body") || !c["body"].is_string() || c["body"].get<std::string>().empty()) {
            return "a comment needs path and body";
        }
        if (c.contains("position")) {
            return "position is deprecated: use line and side";
        }
        if (!c.contains("line") || !c["line"].is_number_integer() || c["line"].get<int>() < 1 ||
            c.value("side", "") != "RIGHT") {
            return "a comment needs line >= 1 and side RIGHT";
        }
        if (c.contains("start_line") && (!c["start_line"].is_number_integer() ||
                                         c["start_line"].get<int>() >= c["line"].get<int>() ||
                                         c.value("start_side", "") != "RIGHT")) {
            return "start_line must be below line, with start_side RIGHT";
        }
        return "";
    };
    auto store = [this](const json& c, const std::string& commit) {
        GitHubComment g;
        g.id = m_next_id++;
        g.path = c["path"];
        g.line = c["line"];
        g.start_line = c.value("start_line", 0);
        g.body = c["body"];
        g.commit_id = commit;
        m_review_comments.push_back(g);
        return g;
    };
    m_server.route(
        "POST", pull + "/reviews", checked([this, comment_problem, store](auto& req, auto& res) {
            json doc = json::parse(req.body, nullptr, false);
            std::string problem;
            if (!doc.is_object() || doc.value("event", "") != "COMMENT") {
                problem = "event must be COMMENT (without it the review stays PENDING)";
            } else if (!doc.contains("commit_id") || !is_sha(doc["commit_id"])) {
                problem = "commit_id must be the pull request's head sha";
            } else if (!doc.contains("body") || doc.value("body", "").empty()) {
                problem = "body is required with event COMMENT";
            } else if (!doc.contains("comments") || !doc["comments"].is_array()) {
                problem = "comments must be an array";
            }
            for (const auto& c :
                 doc.is_object() && doc.contains("comments") ? doc["comments"] : json::array()) {
                if (problem.empty()) {
                    problem = comment_problem(c);
                }
            }
            if (!problem.empty()) {
                m_server.violation("POST reviews: " + problem);
                unprocessable(res, problem);
                return;
            }
            for (const auto& c : doc["comments"]) {
                int first = c.value("start_line", c["line"].get<int>());
                if (!in_diff(m_diff, c["path"], first, c["line"])) {
                    unprocessable(res, k_outside); // the whole review fails
                    return;
                }
            }
            for (const auto& c : doc["comments"]) {
                store(c, doc["commit_id"]);
            }
            ++m_reviews;
            reply(res, 200,
                  {{"id", 80 + m_reviews},
                   {"state", "COMMENTED"},
                   {"body", doc["body"]},
                   {"commit_id", doc["commit_id"]}});
        }));
    m_server.route("POST", pull + "/comments",
                   checked([this, comment_problem, store, repo_url](auto& req, auto& res) {
                       json c = json::parse(req.body, nullptr, false);
                       std::string problem = comment_problem(c);
                       if (problem.empty() &&
                           (!c.contains("commit_id") || !is_sha(c["commit_id"]))) {
                           problem = "commit_id is required";
                       }
                       if (!problem.empty()) {
                           m_server.violation("POST comments: " + problem);
                           unprocessable(res, problem);
                           return;
                       }
                       if (!in_diff(m_diff, c["path"], c.value("start_line", c["line"].get<int>()),
                                    c["line"])) {
                           unprocessable(res, k_outside);
                           return;
                       }
                       reply(res, 201, comment_json(store(c, c["commit_id"]), repo_url));
                   }));
    auto edit = [this, repo_url](std::vector<GitHubComment>& list, const httplib::Request& req,
                                 httplib::Response& res) {
        json doc = json::parse(req.body, nullptr, false);
        if (!doc.is_object() || !doc.contains("body") || !doc["body"].is_string()) {
            m_server.violation("PATCH " + req.path + ": body required");
            unprocessable(res, "body is missing");
            return;
        }
        uint64_t id = std::stoull(req.matches[1]);
        for (auto& c : list) {
            if (c.id == id) {
                c.body = doc["body"];
                reply(res, 200, comment_json(c, repo_url));
                return;
            }
        }
        not_found(res);
    };
    m_server.route(
        "PATCH", repo + R"(/pulls/comments/(\d+))",
        checked([this, edit](auto& req, auto& res) { edit(m_review_comments, req, res); }));
    m_server.route(
        "PATCH", repo + R"(/issues/comments/(\d+))",
        checked([this, edit](auto& req, auto& res) { edit(m_issue_comments, req, res); }));
    m_server.route("POST", issue + "/comments", checked([this, repo_url](auto& req, auto& res) {
                       json doc = json::parse(req.body, nullptr, false);
                       if (!doc.is_object() || !doc.contains("body") || !doc["body"].is_string()) {
                           m_server.violation("POST issue comment: body required");
                           unprocessable(res, "body is missing");
                           return;
                       }
                       GitHubComment c;
                       c.id = m_next_id++;
                       c.body = doc["body"];
                       m_issue_comments.push_back(c);
                       reply(res, 201, comment_json(c, repo_url));
                   }));
}

} // namespace vigil::test
