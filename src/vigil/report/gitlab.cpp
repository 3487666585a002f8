// GitLab security reports (schema 15.x): secret detection for `secret` findings, SAST for the
// rest. GitLab refuses a report that breaks its schema, so every required field is always
// written, and ids are stable: the same finding keeps its vulnerability id from run to run.
#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vigil/report/ids.hpp>
#include <vigil/report/shared.hpp>
#include <vigil/report/writers.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::report {
namespace {

using nlohmann::ordered_json;

constexpr const char* k_schema_version = "15.0.7";

std::string utf8(std::string_view text) {
    return util::to_valid_utf8(text);
}

// The schema caps some strings (name and identifiers: 255 characters, solution: 7000) and
// GitLab refuses the whole report over one long field, so they are cut at a character
// boundary, with an ellipsis.
std::string clipped(std::string_view text, size_t max_chars) {
    std::string valid = utf8(text);
    if (util::count_chars(valid) <= max_chars) {
        return valid;
    }
    size_t bytes = 0;
    for (size_t kept = 0; kept + 1 < max_chars && bytes < valid.size(); ++kept) {
        bytes += std::max<size_t>(util::utf8_sequence_length(valid, bytes), 1);
    }
    return valid.substr(0, bytes) + "\xE2\x80\xA6";
}

std::string gitlab_severity(const core::Finding& f) {
    bool secret = f.category == "secret";
    switch (f.severity) {
    case core::Severity::error:
        return secret ? "Critical" : "High";
    case core::Severity::warning:
        return secret ? "High" : "Medium";
    case core::Severity::note:
        return f.category == "hygiene" ? "Info" : "Low";
    }
    return "Unknown";
}

std::string now_utc() {
    std::time_t now = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", std::gmtime(&now));
    return buf;
}

ordered_json tool(const ReportData& data) {
    return {{"id", "vigil"},
            {"name", "vigil"},
            {"url", "https://github.com/vigil-review/vigil"},
            {"version", data.tool_version.empty() ? "0.0.0" : data.tool_version},
            {"vendor", {{"name", "vigil"}}}};
}

ordered_json vulnerability(const ReportData& data, const core::Finding& f, const std::string& id,
                           bool secret_report) {
    const auto* rule = core::find_rule(data.rules, f.rule_id);
    ordered_json v;
    v["id"] = uuid_from_hex(id);
    v["name"] = clipped(rule && !rule->description.empty() ? rule->description : f.message, 255);
    v["description"] = utf8(full_message(data, f));
    v["severity"] = gitlab_severity(f);
    if (rule && !rule->help.empty()) {
        v["solution"] = clipped(rule->help, 7000);
    }
    uint32_t start = f.location.line ? f.location.line : 1;
    ordered_json location = {{"file", utf8(f.location.path)},
                             {"start_line", start},
                             {"end_line", std::max(start, f.location.end_line)}};
    if (secret_report) {
        // GitLab's own analyzer writes "0000000" for work-tree scans.
        location["commit"] = {{"sha", f.commit.empty() ? std::string("0000000") : f.commit}};
        v["raw_source_code_extract"] = utf8(shown_secret(data, f));
    }
    v["location"] = std::move(location);
    v["identifiers"] = ordered_json::array({{{"type", "vigil_rule_id"},
                                             {"name", clipped("vigil " + f.rule_id, 255)},
                                             {"value", clipped(f.rule_id, 255)}}});
    return v;
}

void write_report(std::ostream& out, const ReportData& data, bool secret_report) {
    auto ids = occurrence_ids(data.findings);
    ordered_json doc;
    doc["version"] = k_schema_version;
    ordered_json vulnerabilities = ordered_json::array();
    ordered_json remediations = ordered_json::array();
    SuggestionIndex index(data);
    for (size_t i = 0; i < data.findings.size(); ++i) {
        const auto& f = data.findings[i];
        if ((f.category == "secret") != secret_report) {
            continue;
        }
        auto v = vulnerability(data, f, ids[i], secret_report);
        const auto* s = index.suggestion_for(f);
        if (s && !s->diff.empty() && !index.shows_secret(*s)) {
            remediations.push_back({{"fixes", ordered_json::array({{{"id", v["id"]}}})},
                                    {"summary", utf8(s->description)},
                                    {"diff", base64(s->diff)}});
        }
        vulnerabilities.push_back(std::move(v));
    }
    doc["vulnerabilities"] = std::move(vulnerabilities);
    if (!remediations.empty()) {
        doc["remediations"] = std::move(remediations);
    }
    doc["scan"] = {{"analyzer", tool(data)},
                   {"scanner", tool(data)},
                   {"type", secret_report ? "secret_detection" : "sast"},
                   {"start_time", data.start_time.empty() ? now_utc() : data.start_time},
                   {"end_time", data.end_time.empty() ? now_utc() : data.end_time},
                   {"status", "success"}};
    out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

} // namespace

void write_gitlab_secrets(std::ostream& out, const ReportData& data) {
    write_report(out, data, true);
}

void write_gitlab_sast(std::ostream& out, const ReportData& data) {
    write_report(out, data, false);
}

} // namespace vigil::report
