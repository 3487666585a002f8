#include <map>
#include <ostream>
#include <vigil/report/writers.hpp>
#include <vigil/util/text.hpp>

namespace vigil::report {
namespace {

std::string_view severity_color(core::Severity s) {
    switch (s) {
    case core::Severity::error:
        return "\x1b[1;31m";
    case core::Severity::warning:
        return "\x1b[1;35m";
    case core::Severity::note:
        return "\x1b[1;36m";
    }
    return "";
}

std::string plural(size_t n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

} // namespace

void write_text(std::ostream& out, const std::vector<core::Finding>& findings,
                const TextOptions& opts) {
    const char* bold = opts.color ? "\x1b[1m" : "";
    const char* reset = opts.color ? "\x1b[0m" : "";
    for (const auto& f : findings) {
        out << bold << util::printable(f.location.path) << ':';
        if (f.location.line > 0) { // line 0: a finding about the whole file
            out << f.location.line << ':' << f.location.char_column << ':';
        }
        out << reset << ' '
            << (opts.color ? severity_color(f.severity) : "") << core::to_string(f.severity) << ':'
            << reset << ' ' << util::printable(f.message);
        if (f.has_secret()) {
            out << ' '
                << util::printable(opts.show_secrets ? std::string(f.secret_text())
                                                     : core::mask_secret(f.secret_text()));
        }
        if (!f.commit.empty()) {
            out << " (commit " << f.commit.substr(0, 12) << ')';
        }
        out << " [" << util::printable(f.rule_id) << "]\n";
    }
}

std::string summary_line(const std::vector<core::Finding>& findings,
                         const core::RunSummary& summary) {
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
