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

// A fix as rdf's Suggestion. Replaced lines use rdf's line-wise range (no columns: lines
// start..end, end included) with the text minus its last line break: reviewdog's GitHub
// reporter turns exactly that into a suggestion block over the commented lines (with columns
// it needs the line after the change in the diff, and none exists at the end of a file). A
// pure insertion has no lines to replace, so it is the zero-width range at the start of the
// line it goes before. Either way the text is the exact replacement.
ordered_json suggestion(const core::Suggestion& s) {
    std::string text = util::to_valid_utf8(s.inserted);
    if (s.end_line < s.start_line) {
        return {
            {"range", {{"start", position(s.start_line, 1)}, {"end", position(s.start_line, 1)}}},
            {"text", text}};
    }
    size_t cut = text.ends_with("\r\n") ? 2 : text.ends_with('\n') ? 1 : 0;
    if (cut > 0 && cut == text.size()) {
        // One empty line: reviewdog writes an empty line-wise text as a deletion, so this
        // one goes from the start of the first line to the start of the line after the last.
        return {
            {"range", {{"start", position(s.start_line, 1)}, {"end", position(s.end_line + 1, 1)}}},
            {"text", text}};
    }
    text.resize(text.size() - cut);
    return {{"range", {{"start", {{"line", s.start_line}}}, {"end", {{"line", s.end_line}}}}},
            {"text", text}};
}

// "path:line:col: severity: message [rule-id]" (whole-file findings: "path: ...").
std::string original_line(const ReportData& data, const core::Finding& f) {
    std::string text = f.location.path;
    if (f.location.line > 0) {
        text += ':' + std::to_string(f.location.line) + ':' +
                std::to_string(std::max<uint32_t>(f.location.column, 1));
    }
    text += ": " + std::string(core::to_string(f.severity)) + ": " + full_message(data, f) + " [" +
            f.rule_id + ']';
    if (!f.commit.empty()) {
        text += " (commit " + f.commit.substr(0, 12) + ')';
    }
    return text;
}

} // namespace

void write_rdjsonl(std::ostream& out, const ReportData& data) {
    SuggestionIndex index(data);
    for (const auto& f : data.findings) {
        ordered_json d;
        d["message"] = util::to_valid_utf8(full_message(data, f));
        ordered_json location = {{"path", util::to_valid_utf8(f.location.path)}};
        if (f.location.line > 0) {
            location["range"] = {{"start", position(f.location.line, f.location.column)},
                                 {"end", position(std::max(f.location.line, f.location.end_line),
                                                  f.location.end_column)}};
        }
        d["location"] = std::move(location);
        d["severity"] = rd_severity(f.severity);
        d["source"] = {{"name", "vigil"}, {"url", "https://github.com/vigil-review/vigil"}};
        d["code"] = {{"value", util::to_valid_utf8(f.rule_id)}};
        const auto* s = index.suggestion_for(f);
        if (s && !s->diff.empty() && !index.shows_secret(*s)) {
            d["suggestions"] = ordered_json::array({suggestion(*s)});
        }
        // reviewdog's local reporter prints original_output as the diagnostic's line, so it
        // is the compiler-style line the short format writes (secret masked), commit appended.
        d["original_output"] = util::to_valid_utf8(original_line(data, f));
        out << d.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    }
}

} // namespace vigil::report
