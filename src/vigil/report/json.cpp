#include <nlohmann/json.hpp>
#include <ostream>
#include <vigil/report/writers.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::report {
namespace {

using nlohmann::ordered_json;

std::string utf8(std::string_view text) {
    return util::to_valid_utf8(text);
}

ordered_json finding_json(const core::Finding& f, bool show_secrets) {
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
    return j;
}

} // namespace

void write_json(std::ostream& out, const std::vector<core::Finding>& findings,
                const core::RunSummary& summary, bool show_secrets, std::string_view version) {
    ordered_json doc;
    doc["schema_version"] = 1;
    doc["tool"] = {{"name", "vigil"}, {"version", std::string(version)}};
    doc["target"] = summary.target;
    ordered_json list = ordered_json::array();
    size_t counts[3] = {0, 0, 0};
    for (const auto& f : findings) {
        list.push_back(finding_json(f, show_secrets));
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
                      {"baseline_known", summary.baseline_known}};
    out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

} // namespace vigil::report
