#include <algorithm>
#include <vigil/report/shared.hpp>

namespace vigil::report {

const core::Suggestion* suggestion_for(const ReportData& data, const core::Finding& finding) {
    for (const auto& s : data.suggestions) {
        // Equal lines of one file share a fingerprint: the lines a fix covers tell them apart.
        // The lines are compared first: this runs once per finding over every suggestion.
        uint32_t line = finding.location.line;
        if (s.start_line <= line && line <= std::max(s.start_line, s.end_line) &&
            s.fingerprint == finding.fingerprint && s.path == finding.location.path) {
            return &s;
        }
    }
    return nullptr;
}

std::string shown_secret(const ReportData& data, const core::Finding& finding) {
    if (!finding.has_secret()) {
        return {};
    }
    return data.show_secrets ? std::string(finding.secret_text())
                             : core::mask_secret(finding.secret_text());
}

std::string full_message(const ReportData& data, const core::Finding& finding) {
    std::string text = finding.message;
    if (finding.has_secret()) {
        text += ' ' + shown_secret(data, finding);
    }
    return text;
}

bool suggestion_shows_secret(const ReportData& data, const core::Suggestion& suggestion) {
    if (data.show_secrets) {
        return false;
    }
    auto holds = [&](std::string_view secret) {
        return !secret.empty() && (suggestion.inserted.find(secret) != std::string::npos ||
                                   suggestion.removed.find(secret) != std::string::npos);
    };
    for (const auto& f : data.findings) {
        // Most findings hold no secret (hygiene): skip them before comparing paths, as this
        // runs once per suggestion over every finding.
        if ((f.secret.empty() && f.line_secrets.empty()) || f.location.path != suggestion.path) {
            continue;
        }
        std::string_view line = f.line_text;
        auto text = [&](core::Span s) {
            return s.empty() || s.end > line.size() ? std::string_view()
                                                    : line.substr(s.begin, s.end - s.begin);
        };
        if (holds(text(f.secret))) {
            return true;
        }
        for (const auto& span : f.line_secrets) {
            if (holds(text(span))) {
                return true;
            }
        }
    }
    return false;
}

} // namespace vigil::report
