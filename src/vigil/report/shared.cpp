#include <algorithm>
#include <vigil/report/shared.hpp>

namespace vigil::report {

namespace {

// Equal lines of one file share a fingerprint: the lines a fix covers tell them apart.
bool covers(const core::Suggestion& s, const core::Finding& finding) {
    uint32_t line = finding.location.line;
    return s.start_line <= line && line <= std::max(s.start_line, s.end_line);
}

bool holds_secret(const core::Finding& f) {
    return !f.secret.empty() || !f.line_secrets.empty();
}

// True when the suggestion's bytes hold a secret of `f` (a finding in its file).
bool shows_secret_of(const core::Finding& f, const core::Suggestion& suggestion) {
    auto holds = [&](std::string_view secret) {
        return !secret.empty() && (suggestion.inserted.find(secret) != std::string::npos ||
                                   suggestion.removed.find(secret) != std::string::npos);
    };
    std::string_view line = f.line_text;
    auto text = [&](core::Span s) {
        return s.empty() || s.end > line.size() ? std::string_view()
                                                : line.substr(s.begin, s.end - s.begin);
    };
    if (holds(text(f.secret))) {
        return true;
    }
    return std::any_of(f.line_secrets.begin(), f.line_secrets.end(),
                       [&](core::Span span) { return holds(text(span)); });
}

std::string key_of(std::string_view path, std::string_view fingerprint) {
    std::string key(path);
    key += '\0';
    key += fingerprint;
    return key;
}

} // namespace

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

SuggestionIndex::SuggestionIndex(const ReportData& data) : m_data(data) {
    for (const auto& s : data.suggestions) {
        m_by_key[key_of(s.path, s.fingerprint)].push_back(&s);
    }
    for (const auto& f : data.findings) {
        if (holds_secret(f)) {
            m_secrets[f.location.path].push_back(&f);
        }
    }
}

const core::Suggestion* SuggestionIndex::suggestion_for(const core::Finding& finding) const {
    auto it = m_by_key.find(key_of(finding.location.path, finding.fingerprint));
    if (it == m_by_key.end()) {
        return nullptr;
    }
    for (const auto* s : it->second) {
        if (covers(*s, finding)) {
            return s;
        }
    }
    return nullptr;
}

bool SuggestionIndex::shows_secret(const core::Suggestion& suggestion) const {
    if (m_data.show_secrets) {
        return false;
    }
    auto it = m_secrets.find(suggestion.path);
    return it != m_secrets.end() &&
           std::any_of(it->second.begin(), it->second.end(),
                       [&](const core::Finding* f) { return shows_secret_of(*f, suggestion); });
}

} // namespace vigil::report
