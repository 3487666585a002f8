#include "api.hpp"

#include <vigil/forge/forge_client.hpp>

namespace vigil::forge {
namespace {

// Forges may drop a final newline of a stored body.
std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

std::unique_ptr<ForgeClient> make_client(const CiContext& context) {
    return context.forge == ForgeKind::github ? make_github_client(context)
                                              : make_gitlab_client(context);
}

util::Expected<PublishStats> publish(ForgeClient& client, const report::ReportData& data,
                                     const ChangedLines& lines, const PublishOptions& o) {
    Existing existing = VIGIL_TRY(client.load());
    Plan plan = plan_comments(data, lines, existing, client.dialect(), o.max_comments);
    PublishStats stats;
    stats.kept = plan.kept;
    if (!plan.post.empty()) {
        auto refused = VIGIL_TRY(client.post(plan.post));
        for (size_t i : refused) {
            plan.summary.push_back({plan.post[i].finding, SummaryReason::refused});
        }
        stats.refused = refused.size();
        stats.posted = plan.post.size() - refused.size();
    }
    for (size_t i : plan.outdated) {
        VIGIL_TRY(client.mark_outdated(existing.comments[i]));
        ++stats.outdated;
    }
    for (const auto& [i, body] : plan.revived) {
        VIGIL_TRY(client.revive(existing.comments[i], body));
        ++stats.revived;
    }
    stats.in_summary = plan.summary.size();
    std::string body = summary_body(data, plan.summary, stats.posted + stats.kept, o.max_comments);
    // A summary is started only when something is not on its line; once there, it follows.
    if (existing.summary_id ? trimmed(body) != trimmed(existing.summary_body)
                            : !plan.summary.empty()) {
        VIGIL_TRY(client.write_summary(existing.summary_id, body));
        stats.summary_written = true;
    }
    return stats;
}

} // namespace vigil::forge
