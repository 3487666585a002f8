#include <vigil/core/finding.hpp>
#include <vigil/util/sha256.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::core {

std::string_view to_string(Severity severity) {
    switch (severity) {
    case Severity::note:
        return "note";
    case Severity::warning:
        return "warning";
    case Severity::error:
        return "error";
    }
    return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "note" || text == "info") {
        return Severity::note;
    }
    if (text == "warning") {
        return Severity::warning;
    }
    if (text == "error") {
        return Severity::error;
    }
    return std::nullopt;
}

std::string mask_secret(std::string_view secret) {
    size_t chars = util::count_chars(secret);
    size_t keep = chars >= 16 ? 4 : chars >= 8 ? 2 : 0;
    // Keep whole characters: step over `keep` sequences.
    size_t bytes = 0;
    for (size_t kept = 0; kept < keep && bytes < secret.size(); ++kept) {
        size_t n = util::utf8_sequence_length(secret, bytes);
        bytes += n ? n : 1;
    }
    return std::string(secret.substr(0, bytes)) + "\xE2\x80\xA6";
}

std::string displayed_line(const Finding& finding, bool show_secrets) {
    if (show_secrets || !finding.has_secret() || finding.secret.end > finding.line_text.size()) {
        return finding.line_text;
    }
    std::string_view line = finding.line_text;
    return std::string(line.substr(0, finding.secret.begin)) + mask_secret(finding.secret_text()) +
           std::string(line.substr(finding.secret.end));
}

std::string fingerprint_for(std::string_view rule_id, std::string_view path,
                            std::string_view secret_or_line) {
    util::Sha256 h;
    h.update(rule_id);
    h.update(std::string_view("\0", 1));
    h.update(path);
    h.update(std::string_view("\0", 1));
    h.update(secret_or_line);
    auto digest = h.finish();
    return util::to_hex(digest.data(), digest.size());
}

} // namespace vigil::core
