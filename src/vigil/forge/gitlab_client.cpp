// The GitLab client: one discussion per finding positioned on the MR's latest diff version
// (diff_refs), discussions listed page by page (X-Next-Page), threads whose finding is gone
// resolved, the summary as a plain MR note.
#include "api.hpp"

#include <vigil/forge/forge_client.hpp>

namespace vigil::forge {
namespace {

using nlohmann::json;

std::string id_text(const json& j) {
    return j.is_string()   ? j.get<std::string>()
           : j.is_number() ? std::to_string(j.get<uint64_t>())
                           : "";
}

class GitLabClient final : public ForgeClient {
public:
    explicit GitLabClient(const CiContext& c)
        : m_mr(c.api_url + "/projects/" + url_escape(c.repository) + "/merge_requests/" +
               std::to_string(c.number)),
          m_token(c.token) {}

    Dialect dialect() const override { return Dialect::gitlab; }

    util::Expected<Existing> load() override {
        // Positions must name the SHAs of the MR's latest diff version, or GitLab misplaces or
        // rejects them.
        auto reply = VIGIL_TRY(checked_call(call("GET", m_mr), "GitLab"));
        auto mr = VIGIL_TRY(json_body(reply, "GitLab API: GET merge request"));
        if (!mr.contains("diff_refs") || !mr["diff_refs"].is_object()) {
            return util::runtime_error("GitLab API: the merge request has no diff_refs yet",
                                       "run the job again once GitLab has computed the diff");
        }
        const json& refs = mr["diff_refs"];
        m_base = refs.value("base_sha", "");
        m_start = refs.value("start_sha", "");
        m_head = refs.value("head_sha", "");
        Existing out;
        std::string page = "1";
        for (int n = 0; !page.empty() && n < 100; ++n) {
            auto r = VIGIL_TRY(checked_call(
                call("GET", m_mr + "/discussions?per_page=100&page=" + page), "GitLab"));
            auto doc = VIGIL_TRY(json_body(r, "GitLab API: GET discussions"));
            for (const auto& d : doc.is_array() ? doc : json::array()) {
                read_discussion(d, out);
            }
            auto next = r.headers.find("x-next-page");
            page = next == r.headers.end() ? "" : next->second;
        }
        return out;
    }

    util::Expected<std::vector<size_t>> post(const std::vector<LineComment>& comments) override {
        std::vector<size_t> refused;
        for (size_t i = 0; i < comments.size(); ++i) {
            const LineComment& c = comments[i];
            json position = {{"position_type", "text"}, {"base_sha", m_base},
                             {"start_sha", m_start},    {"head_sha", m_head},
                             {"old_path", c.old_path},  {"new_path", c.path},
                             {"new_line", c.start_line}};
            json body = {{"body", c.body}, {"position", position}};
            // GitLab answers 400 ("line_code can't be blank") for a line outside its diff.
            auto r = VIGIL_TRY(
                checked_call(call("POST", m_mr + "/discussions", body.dump()), "GitLab", 400));
            if (r.status == 400) {
                refused.push_back(i);
            }
        }
        return refused;
    }

    util::Expected<void> mark_outdated(const OwnComment& c) override {
        VIGIL_TRY(checked_call(
            call("PUT", m_mr + "/discussions/" + url_escape(c.id) + "?resolved=true"), "GitLab"));
        return {};
    }

    util::Expected<void> revive(const OwnComment&, const std::string&) override { return {}; }

    util::Expected<void> write_summary(const std::optional<std::string>& id,
                                       const std::string& body) override {
        std::string doc = json{{"body", body}}.dump();
        if (id) {
            VIGIL_TRY(checked_call(call("PUT", m_mr + "/notes/" + *id, doc), "GitLab"));
        } else {
            VIGIL_TRY(checked_call(call("POST", m_mr + "/notes", doc), "GitLab"));
        }
        return {};
    }

private:
    HttpCall call(std::string method, std::string url, std::string body = {}) const {
        return {std::move(method), std::move(url), std::move(body), {"PRIVATE-TOKEN: " + m_token}};
    }

    static void read_discussion(const json& d, Existing& out) {
        if (!d.is_object() || !d.contains("notes") || !d["notes"].is_array() ||
            d["notes"].empty()) {
            return;
        }
        const json& first = d["notes"][0];
        std::string body = first.value("body", "");
        if (has_summary_marker(body) && !out.summary_id && first.contains("id")) {
            out.summary_id = id_text(first["id"]);
            out.summary_body = body;
            return;
        }
        if (auto fp = marker_fingerprint(body); fp && d.contains("id")) {
            bool resolved = first.value("resolved", false);
            out.comments.push_back({id_text(d["id"]), *fp, body, resolved});
        }
    }

    std::string m_mr;
    std::string m_token;
    std::string m_base, m_start, m_head;
};

} // namespace

std::unique_ptr<ForgeClient> make_gitlab_client(const CiContext& c) {
    return std::make_unique<GitLabClient>(c);
}

} // namespace vigil::forge
