// reviewdog's rdjsonl: one Diagnostic object per line (reviewdog/proto/rdf), so teams on
// reviewdog can post vigil's findings with `reviewdog -f=rdjsonl`. Columns are 1-based UTF-8
// byte offsets, as rdf defines them.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vigil/report/shared.hpp>
#include <vigil/report/writers.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::report {
namespace {

using nlohmann::ordered_json;

std::string_view rd_severity(core::Severity s) {
    switch (s) {
    case core::Severity::error:
        return "ERROR";
    case core::Severity::warning:
        return "WARNING";
    case core::Severity::note:
        return "INFO";
    }
    return "UNKNOWN_SEVERITY";
}

ordered_json position(uint32_t line, uint32_t column) {
    return {{"line", line}, {"column", column}};
}

// "path:line:col: severity: message [rule-id]" (whole-file findings: "path: ...").
std::string original_line(const ReportData& data, const core::Finding& f) {
    std::string text = f.location.path;
    if (f.location.line > 0) {
        text += ':' + std::to_string(f.location.line) + ':' +
                std::to_string(std::max<uint32_t>(f.location.column, 1));
    }
    text += ": " + std::string(core::to_string(f.severity)) + ": " + full_message(data, f) +
            " [" + f.rule_id + ']';
    if (!f.commit.empty()) {
        text += " (commit " + f.commit.substr(0, 12) + ')';
    }
    return text;
}

} // namespace

void write_rdjsonl(std::ostream& out, const ReportData& data) {
    for (const auto& f : data.findings) {
        ordered_json d;
        d["message"] = util::to_valid_utf8(full_message(data, f));
        ordered_json location = {{"path", util::to_valid_utf8(f.location.path)}};
        if (f.location.line > 0) {
            location["range"] = {
                {"start", position(f.location.line, f.location.column)},
                {"end", position(std::max(f.location.line, f.location.end_line),
                                 f.location.end_column)}};
        }
        d["location"] = std::move(location);
        d["severity"] = rd_severity(f.severity);
        d["source"] = {{"name", "vigil"}, {"url", "https://github.com/vigil-review/vigil"}};
        d["code"] = {{"value", util::to_valid_utf8(f.rule_id)}};
        const auto* s = suggestion_for(data, f);
        if (s && !s->diff.empty() && !suggestion_shows_secret(data, *s)) {
            // Whole lines: from the start of the first to the start of the line after the last.
            d["suggestions"] = ordered_json::array(
                {{{"range", {{"start", position(s->start_line, 1)},
                             {"end", position(s->end_line + 1, 1)}}},
                  {"text", util::to_valid_utf8(s->inserted)}}});
        }
        // reviewdog's local reporter prints original_output as the diagnostic's line, so it
        // is the compiler-style line the short format writes (secret masked), commit appended.
        d["original_output"] = util::to_valid_utf8(original_line(data, f));
        out << d.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    }
}

} // namespace vigil::report
