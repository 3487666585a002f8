#include <algorithm>
#include <vigil/forge/comments.hpp>

namespace vigil::forge {
namespace {

constexpr const char* k_fp_open = "<!-- vigil:fp=";
constexpr size_t k_max_listed = 100;

// A model's or a rule's text must not close a Markdown construct or open an HTML comment: a
// forged marker could make vigil edit or skip comments that are not its own.
std::string defused(std::string text) {
    for (size_t pos = 0; (pos = text.find("<!--", pos)) != std::string::npos;) {
        text.replace(pos, 1, "&lt;");
    }
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

std::string_view secret_at(const core::Finding& f, core::Span s) {
    std::string_view line = f.line_text;
    return s.empty() || s.end > line.size() ? std::string_view()
                                            : line.substr(s.begin, s.end - s.begin);
}

bool shows_secret(const report::ReportData& data, const core::Suggestion& s) {
    if (data.show_secrets) {
        return false;
    }
    auto holds = [&](std::string_view secret) {
        return !secret.empty() && (s.inserted.find(secret) != std::string::npos ||
                                   s.removed.find(secret) != std::string::npos);
    };
    for (const auto& f : data.findings) {
        if (f.location.path != s.path) {
            continue;
        }
        if (holds(secret_at(f, f.secret))) {
            return true;
        }
        for (const auto& span : f.line_secrets) {
            if (holds(secret_at(f, span))) {
                return true;
            }
        }
    }
    return false;
}

// A fence longer than any run of backticks in the text, so the code cannot close it.
std::string fence_for(const std::string& text) {
    size_t longest = 0;
    size_t run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<size_t>(3, longest + 1), '`');
}

std::string location_text(const core::Finding& f) {
    std::string at = f.location.path;
    if (f.location.line) {
        at += ":" + std::to_string(f.location.line);
    }
    return at;
}

const char* reason_text(SummaryReason r) {
    switch (r) {
    case SummaryReason::over_cap:
        return " (over the comment cap)";
    case SummaryReason::refused:
        return " (the forge refused a comment there)";
    case SummaryReason::not_on_changed_line:
        break;
    }
    return "";
}

} // namespace

std::string fingerprint_marker(const std::string& fingerprint) {
    return k_fp_open + fingerprint + " -->";
}

std::optional<std::string> marker_fingerprint(const std::string& body) {
    auto start = body.find(k_fp_open);
    if (start == std::string::npos) {
        return std::nullopt;
    }
    start += std::string_view(k_fp_open).size();
    auto end = body.find(" -->", start);
    if (end == std::string::npos || end == start) {
        return std::nullopt;
    }
    std::string fp = body.substr(start, end - start);
    if (!std::all_of(fp.begin(), fp.end(), [](char c) { return std::isxdigit(c); })) {
        return std::nullopt;
    }
    return fp;
}

bool has_outdated_marker(const std::string& body) {
    return body.find(k_outdated_marker) != std::string::npos;
}

bool has_summary_marker(const std::string& body) {
    return body.find(k_summary_marker) != std::string::npos;
}

std::string finding_text(const report::ReportData& data, const core::Finding& f) {
    std::string text = f.message;
    if (f.has_secret()) {
        text += " `" +
                (data.show_secrets ? std::string(f.secret_text())
                                   : core::mask_secret(f.secret_text())) +
                "`";
    }
    return "**" + std::string(core::to_string(f.severity)) + "** " + defused(text) + " (`" +
           defused(f.rule_id) + "`)";
}

const core::Suggestion*
committable_suggestion(const report::ReportData& data, const core::Finding& f,
                       const std::function<bool(uint32_t, uint32_t)>& changed) {
    uint32_t line = f.location.line;
    for (const auto& s : data.suggestions) {
        // A pure insertion (end_line < start_line) has no lines to comment on.
        if (s.fingerprint != f.fingerprint || s.path != f.location.path ||
            s.end_line < s.start_line || line < s.start_line || line > s.end_line) {
            continue;
        }
        if (changed(s.start_line, s.end_line) && !shows_secret(data, s)) {
            return &s;
        }
    }
    return nullptr;
}

std::string line_comment_body(const report::ReportData& data, const core::Finding& f,
                              const core::Suggestion* s, Dialect dialect) {
    std::string body = finding_text(data, f) + "\n";
    if (const core::RuleInfo* rule = core::find_rule(data.rules, f.rule_id);
        rule && !rule->help.empty()) {
        body += "\n" + defused(rule->help) + "\n";
    }
    if (s) {
        std::string text = s->inserted;
        if (!text.empty() && text.back() == '\n') {
            text.pop_back();
        }
        std::string fence = fence_for(text);
        std::string head = fence + "suggestion";
        if (dialect == Dialect::gitlab) {
            head += ":-0+" + std::to_string(s->end_line - s->start_line);
        }
        body += "\nSuggested change:\n" + head + "\n" + text + (text.empty() ? "" : "\n") + fence +
                "\n";
    }
    return body + "\n" + fingerprint_marker(f.fingerprint) + "\n";
}

std::string outdated_body(const std::string& body, const std::string& fingerprint) {
    std::string old = body.substr(0, body.find('\n'));
    return "~~" + old + "~~\n\nOutdated: vigil no longer reports this on the latest push.\n\n" +
           fingerprint_marker(fingerprint) + "\n" + k_outdated_marker + "\n";
}

std::string summary_body(const report::ReportData& data, const std::vector<SummaryEntry>& entries,
                         size_t line_comments, size_t cap) {
    std::string body = "### vigil review\n\n";
    size_t total = entries.size() + line_comments;
    if (total == 0) {
        body += "No findings on the latest push.\n";
    } else {
        body += std::to_string(total) + (total == 1 ? " finding" : " findings") + ": " +
                std::to_string(line_comments) +
                (line_comments == 1 ? " as a line comment" : " as line comments");
        if (!entries.empty()) {
            body += ", " + std::to_string(entries.size()) + " listed here";
        }
        body += " (at most " + std::to_string(cap) + " line comments per run).\n";
    }
    for (size_t i = 0; i < entries.size() && i < k_max_listed; ++i) {
        const core::Finding& f = *entries[i].finding;
        body += "\n- `" + defused(location_text(f)) + "` " + finding_text(data, f) +
                reason_text(entries[i].reason);
    }
    if (entries.size() > k_max_listed) {
        body += "\n- … and " + std::to_string(entries.size() - k_max_listed) +
                " more (see the report files)";
    }
    return body + "\n\n" + k_summary_marker + "\n";
}

} // namespace vigil::forge
