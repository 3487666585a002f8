#include <algorithm>
#include <vigil/review/redact.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::review {
namespace {

// Every secret the rules find in `code`, as if it were the added text of a file at `path`.
void secrets_in(const rules::RuleSet& rules, std::string_view path, std::string_view code,
                std::vector<std::pair<std::string, std::string>>& out) {
    core::ChangeSet cs;
    core::FileChange file;
    file.status = core::FileStatus::added;
    file.new_path = std::string(path);
    core::Hunk hunk;
    uint32_t n = 0;
    size_t pos = 0;
    while (pos < code.size()) {
        size_t nl = code.find('\n', pos);
        size_t end = nl == std::string_view::npos ? code.size() : nl;
        core::Line line;
        line.kind = core::LineKind::added;
        line.new_lineno = ++n;
        line.content = std::string(code.substr(pos, end - pos));
        hunk.lines.push_back(std::move(line));
        pos = end + 1;
    }
    hunk.new_start = 1;
    hunk.new_lines = n;
    file.hunks.push_back(std::move(hunk));
    cs.files.push_back(std::move(file));
    for (const auto& f : scan::scan_changes(rules, cs)) {
        for (const auto& span : f.line_secrets) {
            out.emplace_back(f.line_text.substr(span.begin, span.end - span.begin), f.rule_id);
        }
        if (f.has_secret()) {
            out.emplace_back(std::string(f.secret_text()), f.rule_id);
        }
    }
}

} // namespace

Redactor::Redactor(const rules::RuleSet& rules, const std::vector<core::Finding>& known)
    : m_rules(rules) {
    for (const auto& f : known) {
        if (f.has_secret()) {
            m_known.emplace_back(std::string(f.secret_text()), f.rule_id);
        }
    }
}

std::vector<std::pair<std::string, std::string>> Redactor::secrets(std::string_view path,
                                                                   std::string_view code) const {
    auto out = m_known;
    secrets_in(m_rules, path, code, out);
    return out;
}

std::string Redactor::redact(std::string_view path, std::string_view code) const {
    return replace_secrets(std::string(code), secrets(path, code));
}

std::string replace_secrets(std::string text,
                            std::vector<std::pair<std::string, std::string>> secrets) {
    std::vector<std::pair<std::string, std::string>> pieces;
    for (auto& [secret, rule] : secrets) {
        for (size_t pos = 0; pos < secret.size();) {
            size_t nl = secret.find('\n', pos);
            size_t end = nl == std::string::npos ? secret.size() : nl;
            std::string piece = secret.substr(pos, end - pos);
            if (!piece.empty() && piece.back() == '\r') {
                piece.pop_back();
            }
            // Short pieces of a multi-line secret ("-----") are not secret by themselves.
            if (piece.size() >= 4 || (nl == std::string::npos && pos == 0 && !piece.empty())) {
                pieces.emplace_back(std::move(piece), rule);
            }
            pos = end + 1;
        }
    }
    secrets = std::move(pieces);
    std::sort(secrets.begin(), secrets.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& [secret, rule] : secrets) {
        std::string marker = "<redacted:" + rule + ">";
        for (size_t at = text.find(secret); at != std::string::npos;
             at = text.find(secret, at + marker.size())) {
            text.replace(at, secret.size(), marker);
        }
    }
    return text;
}

} // namespace vigil::review
