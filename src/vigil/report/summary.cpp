#include <map>
#include <vigil/report/report.hpp>

namespace vigil::report {
namespace {

std::string plural(size_t n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

} // namespace

std::string summary_line(const ReportData& data) {
    const auto& findings = data.findings;
    const auto& summary = data.summary;
    std::map<core::Severity, size_t> counts;
    for (const auto& f : findings) {
        ++counts[f.severity];
    }
    std::string line;
    if (findings.empty()) {
        line = "no findings";
    } else {
        for (auto s : {core::Severity::error, core::Severity::warning, core::Severity::note}) {
            if (counts[s]) {
                line += (line.empty() ? "" : ", ") + plural(counts[s], core::to_string(s));
            }
        }
    }
    line += " in " + plural(summary.files, "file") + " (" + plural(summary.lines, "added line");
    if (summary.commits) {
        line += ", " + plural(summary.commits, "commit");
    }
    line += ")";
    if (!data.suggestions.empty()) {
        size_t n = data.suggestions.size();
        line += "; " + std::to_string(n) + (n == 1 ? " suggested fix" : " suggested fixes") +
                " (--format patch)";
    }
    if (summary.baseline_known) {
        line += "; " + std::to_string(summary.baseline_known) + " known in the baseline";
    }
    if (!summary.skipped.empty()) {
        std::map<std::string, size_t> reasons;
        for (const auto& s : summary.skipped) {
            ++reasons[s.reason.substr(0, s.reason.find(" ("))];
        }
        line += "; skipped " + plural(summary.skipped.size(), "file") + ": ";
        bool first = true;
        for (const auto& [reason, n] : reasons) {
            line += (first ? "" : ", ") + reason + " " + std::to_string(n);
            first = false;
        }
    }
    return line;
}

} // namespace vigil::report
