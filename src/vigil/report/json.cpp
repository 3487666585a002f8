#include <nlohmann/json.hpp>
#include <ostream>
#include <vigil/report/shared.hpp>
#include <vigil/report/writers.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::report {
namespace {

using nlohmann::ordered_json;

std::string utf8(std::string_view text) {
    return util::to_valid_utf8(text);
}

ordered_json suggestion_json(const SuggestionIndex& index, const core::Suggestion* s) {
    if (!s) {
        return nullptr;
    }
    // A change to lines holding a secret would print it; masked, it would no longer apply.
    bool withheld = index.shows_secret(*s);
    auto shown = [&](const std::string& text) {
        return withheld ? ordered_json(nullptr) : ordered_json(utf8(text));
    };
    ordered_json j;
    j["description"] = utf8(s->description);
    j["path"] = utf8(s->path);
    j["start_line"] = s->start_line;
    j["end_line"] = s->end_line;
    j["removed"] = shown(s->removed);
    j["inserted"] = shown(s->inserted);
    j["base_blob"] = s->base_id;
    j["new_blob"] = s->new_id;
    j["safe"] = s->safe;
    j["withheld"] = withheld;
    j["diff"] = shown(s->diff);
    return j;
}

ordered_json finding_json(const core::Finding& f, const ReportData& data,
                          const SuggestionIndex& index) {
    bool show_secrets = data.show_secrets;
    ordered_json j;
    j["rule_id"] = f.rule_id;
    j["category"] = f.category;
    j["severity"] = core::to_string(f.severity);
    j["message"] = utf8(f.message);
    j["path"] = utf8(f.location.path);
    j["line"] = f.location.line;
    j["end_line"] = f.location.end_line;
    j["column"] = f.location.char_column;
    j["end_column"] = f.location.char_end_column;
    j["byte_column"] = f.location.column;
    j["byte_end_column"] = f.location.end_column;
    j["commit"] = f.commit.empty() ? ordered_json(nullptr) : ordered_json(f.commit);
    j["snippet"] = utf8(core::displayed_line(f, show_secrets));
    if (f.has_secret()) {
        j["secret"] =
            utf8(show_secrets ? std::string(f.secret_text()) : core::mask_secret(f.secret_text()));
        j["entropy"] = f.entropy;
    } else {
        j["secret"] = nullptr;
    }
    j["fingerprint"] = f.fingerprint;
    const auto* rule = core::find_rule(data.rules, f.rule_id);
    j["help"] =
        rule && !rule->help.empty() ? ordered_json(utf8(rule->help)) : ordered_json(nullptr);
    j["suggestion"] = suggestion_json(index, index.suggestion_for(f));
    return j;
}

ordered_json review_json(const core::ReviewSummary& r) {
    ordered_json rejected = ordered_json::object();
    for (const auto& [reason, count] : r.rejected) {
        rejected[reason] = count;
    }
    ordered_json not_reviewed = ordered_json::array();
    for (const auto& n : r.not_reviewed) {
        not_reviewed.push_back({{"path", utf8(n.path)}, {"reason", n.reason}});
    }
    ordered_json usage = ordered_json::array();
    for (const auto& u : r.usage) {
        usage.push_back({{"role", u.role},
                         {"model", u.model},
                         {"requests", u.requests},
                         {"failures", u.failures},
                         {"cache_hits", u.cache_hits},
                         {"prompt_tokens", u.prompt_tokens},
                         {"output_tokens", u.output_tokens},
                         {"seconds", u.seconds}});
    }
    size_t quotes = r.anchored + r.unanchored;
    return {{"skipped", r.skipped.empty() ? ordered_json(nullptr) : ordered_json(r.skipped)},
            {"hunks", r.hunks},
            {"pretriaged", r.pretriaged},
            {"triaged_out", r.triaged_out},
            {"groups", r.groups},
            {"reviewed", r.reviewed},
            {"findings", r.findings},
            {"anchored", r.anchored},
            {"unanchored", r.unanchored},
            {"anchor_rate",
             quotes ? ordered_json(double(r.anchored) / double(quotes)) : ordered_json(nullptr)},
            {"invalid", r.invalid},
            {"verify_dropped", r.verify_dropped},
            {"suggestions", r.suggestions},
            {"rejected", std::move(rejected)},
            {"not_reviewed", std::move(not_reviewed)},
            {"failures", r.failures},
            {"models", std::move(usage)},
            {"seconds", r.seconds}};
}

} // namespace

void write_json(std::ostream& out, const ReportData& data) {
    const auto& findings = data.findings;
    const auto& summary = data.summary;
    ordered_json doc;
    doc["schema_version"] = 1;
    doc["tool"] = {{"name", "vigil"}, {"version", data.tool_version}};
    doc["target"] = summary.target;
    ordered_json list = ordered_json::array();
    size_t counts[3] = {0, 0, 0};
    SuggestionIndex index(data);
    for (const auto& f : findings) {
        list.push_back(finding_json(f, data, index));
        ++counts[size_t(f.severity)];
    }
    doc["findings"] = std::move(list);
    ordered_json skipped = ordered_json::array();
    for (const auto& s : summary.skipped) {
        ordered_json e;
        e["path"] = utf8(s.path);
        e["reason"] = s.reason;
        e["commit"] = s.commit.empty() ? ordered_json(nullptr) : ordered_json(s.commit);
        skipped.push_back(std::move(e));
    }
    doc["skipped"] = std::move(skipped);
    doc["summary"] = {{"findings", findings.size()},
                      {"errors", counts[size_t(core::Severity::error)]},
                      {"warnings", counts[size_t(core::Severity::warning)]},
                      {"notes", counts[size_t(core::Severity::note)]},
                      {"files", summary.files},
                      {"lines", summary.lines},
                      {"commits", summary.commits},
                      {"baseline_known", summary.baseline_known},
                      {"suggestions", data.suggestions.size()}};
    if (summary.review) {
        doc["review"] = review_json(*summary.review);
    }
    out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

} // namespace vigil::report
