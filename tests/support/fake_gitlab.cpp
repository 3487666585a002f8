#include "fake_gitlab.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

std::string hex_id(uint64_t n) {
    std::string s = std::to_string(n);
    return std::string(40 - s.size(), 'a') + s;
}

json note_json(const GitLabDiscussion& d) {
    json n = {
        {"id", d.note_id},       {"type", d.individual_note ? json(nullptr) : json("DiffNote")},
        {"body", d.body},        {"author", {{"username", "vigil-bot"}}},
        {"system", false},       {"resolvable", !d.individual_note},
        {"resolved", d.resolved}};
    if (!d.individual_note) {
        n["position"] = {
            {"position_type", "text"}, {"new_path", d.new_path}, {"new_line", d.new_line}};
    }
    return n;
}

json discussion_json(const GitLabDiscussion& d) {
    return {{"id", d.id},
            {"individual_note", d.individual_note},
            {"notes", json::array({note_json(d)})}};
}

} // namespace

FakeGitLab::FakeGitLab() : FakeGitLab(Options{}) {}

FakeGitLab::FakeGitLab(Options options) : m_options(std::move(options)) {
    install_routes();
    m_server.start();
}

FakeGitLab::~FakeGitLab() {
    m_server.stop();
}

std::string FakeGitLab::api_url() const {
    return m_server.origin() + "/api/v4";
}

void FakeGitLab::set_diff_refs(std::string base, std::string start, std::string head) {
    std::lock_guard lock(m_server.mutex());
    m_options.base_sha = std::move(base);
    m_options.start_sha = std::move(start);
    m_options.head_sha = std::move(head);
}

void FakeGitLab::set_diff(DiffLines lines) {
    std::lock_guard lock(m_server.mutex());
    m_diff = std::move(lines);
}

std::string FakeGitLab::add_discussion(GitLabDiscussion d) {
    std::lock_guard lock(m_server.mutex());
    d.note_id = m_next_id++;
    d.id = hex_id(d.note_id);
    m_discussions.push_back(d);
    return d.id;
}

std::vector<GitLabDiscussion> FakeGitLab::discussions() const {
    std::lock_guard lock(m_server.mutex());
    return m_discussions;
}

size_t FakeGitLab::writes() const {
    size_t n = 0;
    for (const auto& r : m_server.requests()) {
        n += r.method != "GET";
    }
    return n;
}

void FakeGitLab::install_routes() {
    std::string mr = "/api/v4/projects/" + m_options.project + "/merge_requests/" +
                     std::to_string(m_options.iid);
    auto checked = [this](ForgeServer::Handler h) {
        return [this, h](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("PRIVATE-TOKEN") != m_options.token) {
                reply(res, 401, {{"message", "401 Unauthorized"}});
                return;
            }
            if ((req.method == "POST" || req.method == "PUT") && !req.body.empty() &&
                req.get_header_value("Content-Type").find("application/json") != 0) {
                m_server.violation("body not sent as application/json: " + req.path);
            }
            h(req, res);
        };
    };
    m_server.route("GET", mr, checked([this](auto&, auto& res) {
                       reply(res, 200,
                             {{"id", 9000},
                              {"iid", m_options.iid},
                              {"project_id", 42},
                              {"state", "opened"},
                              {"sha", m_options.head_sha},
                              {"diff_refs",
                               {{"base_sha", m_options.base_sha},
                                {"head_sha", m_options.head_sha},
                                {"start_sha", m_options.start_sha}}}});
                   }));
    m_server.route(
        "GET", mr + "/discussions", checked([this](auto& req, auto& res) {
            size_t per_page =
                req.has_param("per_page") ? std::stoul(req.get_param_value("per_page")) : 20;
            per_page = std::clamp<size_t>(per_page, 1, 100);
            size_t page = req.has_param("page") ? std::stoul(req.get_param_value("page")) : 1;
            json items = json::array();
            for (size_t i = (page - 1) * per_page; i < m_discussions.size() && i < page * per_page;
                 ++i) {
                items.push_back(discussion_json(m_discussions[i]));
            }
            size_t pages = std::max<size_t>(1, (m_discussions.size() + per_page - 1) / per_page);
            res.set_header("X-Page", std::to_string(page));
            res.set_header("X-Per-Page", std::to_string(per_page));
            res.set_header("X-Total", std::to_string(m_discussions.size()));
            res.set_header("X-Total-Pages", std::to_string(pages));
            res.set_header("X-Next-Page", page < pages ? std::to_string(page + 1) : "");
            reply(res, 200, items);
        }));
    m_server.route("POST", mr + "/discussions", checked([this](auto& req, auto& res) {
                       json doc = json::parse(req.body, nullptr, false);
                       std::string problem;
                       const json none = json::object();
                       const json& p =
                           doc.is_object() && doc.contains("position") ? doc["position"] : none;
                       if (!doc.is_object() || doc.value("body", "").empty()) {
                           problem = "body is required";
                       } else if (p.value("position_type", "") != "text") {
                           problem = "position[position_type] must be text";
                       } else if (p.value("base_sha", "") != m_options.base_sha ||
                                  p.value("start_sha", "") != m_options.start_sha ||
                                  p.value("head_sha", "") != m_options.head_sha) {
                           problem = "position SHAs must be the merge request's diff_refs";
                       } else if (!p.contains("old_path") || !p.contains("new_path")) {
                           problem = "position needs old_path and new_path";
                       } else if (!p.contains("new_line") || !p["new_line"].is_number_integer()) {
                           problem = "an added line needs position[new_line]";
                       }
                       if (!problem.empty()) {
                           m_server.violation("POST discussions: " + problem);
                           reply(res, 400, {{"message", "400 Bad request - " + problem}});
                           return;
                       }
                       if (!in_diff(m_diff, p["new_path"], p["new_line"], p["new_line"])) {
                           reply(res, 400,
                                 {{"message", "400 Bad request - Note {:line_code=>[\"can't be "
                                              "blank\", \"must be a valid line code\"]}"}});
                           return;
                       }
                       GitLabDiscussion d;
                       d.note_id = m_next_id++;
                       d.id = hex_id(d.note_id);
                       d.body = doc["body"];
                       d.new_path = p["new_path"];
                       d.new_line = p["new_line"];
                       m_discussions.push_back(d);
                       reply(res, 201, discussion_json(d));
                   }));
    m_server.route("PUT", mr + R"(/discussions/([0-9a-f]+))", checked([this](auto& req, auto& res) {
                       if (!req.has_param("resolved")) {
                           m_server.violation("PUT discussion without resolved");
                           reply(res, 400, {{"message", "400 Bad request - resolved is missing"}});
                           return;
                       }
                       for (auto& d : m_discussions) {
                           if (d.id == req.matches[1] && !d.individual_note) {
                               d.resolved = req.get_param_value("resolved") == "true";
                               reply(res, 200, discussion_json(d));
                               return;
                           }
                       }
                       reply(res, 404, {{"message", "404 Not found"}});
                   }));
    m_server.route("POST", mr + "/notes", checked([this](auto& req, auto& res) {
                       json doc = json::parse(req.body, nullptr, false);
                       if (!doc.is_object() || doc.value("body", "").empty()) {
                           m_server.violation("POST notes: body is required");
                           reply(res, 400, {{"message", "400 Bad request - body is missing"}});
                           return;
                       }
                       GitLabDiscussion d;
                       d.note_id = m_next_id++;
                       d.id = hex_id(d.note_id);
                       d.body = doc["body"];
                       d.individual_note = true;
                       m_discussions.push_back(d);
                       reply(res, 201, note_json(d));
                   }));
    m_server.route("PUT", mr + R"(/notes/(\d+))", checked([this](auto& req, auto& res) {
                       json doc = json::parse(req.body, nullptr, false);
                       for (auto& d : m_discussions) {
                           if (std::to_string(d.note_id) == req.matches[1].str()) {
                               if (!doc.is_object() || doc.value("body", "").empty()) {
                                   m_server.violation("PUT note: body is required");
                               }
                               d.body = doc.value("body", d.body);
                               reply(res, 200, note_json(d));
                               return;
                           }
                       }
                       reply(res, 404, {{"message", "404 Not found"}});
                   }));
}

} // namespace vigil::test
