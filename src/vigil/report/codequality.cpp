// GitLab Code Quality: a JSON array in the Code Climate subset GitLab reads (description,
// check_name, fingerprint, severity, location.path, location.lines.begin).
#include <nlohmann/json.hpp>
#include <ostream>
#include <vigil/report/ids.hpp>
#include <vigil/report/shared.hpp>
#include <vigil/report/writers.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::report {
namespace {

std::string_view codequality_severity(const core::Finding& f) {
    switch (f.severity) {
    case core::Severity::error:
        return f.category == "secret" ? "blocker" : "critical";
    case core::Severity::warning:
        return "major";
    case core::Severity::note:
        return "minor";
    }
    return "info";
}

} // namespace

void write_codequality(std::ostream& out, const ReportData& data) {
    using nlohmann::ordered_json;
    auto ids = occurrence_ids(data.findings);
    ordered_json list = ordered_json::array();
    for (size_t i = 0; i < data.findings.size(); ++i) {
        const auto& f = data.findings[i];
        ordered_json j;
        j["description"] = util::to_valid_utf8(full_message(data, f));
        j["check_name"] = util::to_valid_utf8(f.rule_id);
        j["fingerprint"] = ids[i].substr(0, 32);
        j["severity"] = codequality_severity(f);
        uint32_t begin = f.location.line ? f.location.line : 1;
        j["location"] = {
            {"path", util::to_valid_utf8(f.location.path)},
            {"lines", {{"begin", begin}, {"end", std::max(begin, f.location.end_line)}}}};
        list.push_back(std::move(j));
    }
    out << list.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

} // namespace vigil::report
