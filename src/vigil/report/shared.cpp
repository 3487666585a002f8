#include <vigil/report/shared.hpp>

namespace vigil::report {

const core::Suggestion* suggestion_for(const ReportData& data, const core::Finding& finding) {
    for (const auto& s : data.suggestions) {
        if (s.fingerprint == finding.fingerprint && s.path == finding.location.path) {
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

} // namespace vigil::report
