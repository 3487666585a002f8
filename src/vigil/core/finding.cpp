#include <algorithm>
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
    std::vector<Span> spans = finding.line_secrets;
    if (finding.has_secret()) {
        spans.push_back(finding.secret);
    }
    if (show_secrets || spans.empty()) {
        return finding.line_text;
    }
    // Overlapping secrets (two rules on one token) are masked as one.
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::string_view line = finding.line_text;
    std::string out;
    size_t pos = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
        Span s = spans[i];
        while (i + 1 < spans.size() && spans[i + 1].begin < s.end) {
            s.end = std::max(s.end, spans[++i].end);
        }
        s.end = std::min<uint32_t>(s.end, uint32_t(line.size()));
        if (s.empty() || s.begin < pos) {
            continue;
        }
        out.append(line.substr(pos, s.begin - pos));
        out += mask_secret(line.substr(s.begin, s.end - s.begin));
        pos = s.end;
    }
    out.append(line.substr(pos));
    return out;
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
