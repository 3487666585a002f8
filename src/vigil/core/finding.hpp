// core: findings — what any stage (rules now, models later) reports about a change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core {

enum class Severity : uint8_t { note = 0, warning = 1, error = 2 };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// Where a finding is. Lines are 1-based (line 0: the whole file, for rules on paths and
// sizes); columns are 1-based and counted both in bytes and in characters (a well-formed UTF-8
// sequence is one character); end columns are exclusive and belong to end_line, which differs
// from line only for a match that spans lines.
struct Location {
    std::string path;
    uint32_t line = 0;
    uint32_t end_line = 0;
    uint32_t column = 0;
    uint32_t end_column = 0;
    uint32_t char_column = 0;
    uint32_t char_end_column = 0;
};

// A byte range [begin, end) inside Finding::line_text.
struct Span {
    uint32_t begin = 0;
    uint32_t end = 0;
    bool empty() const { return begin >= end; }
};

struct Finding {
    std::string rule_id;
    std::string category; // secret, safety, hygiene, ...
    Severity severity = Severity::warning;
    std::string message;
    Location location;
    std::string commit;    // the commit that added the line, for commit/history scans
    std::string line_text; // the whole source line(s) of the match, joined by "\n" (raw bytes;
                           // mask before showing)
    Span match;            // what the rule matched within line_text
    Span secret;           // the secret within line_text; empty for non-secret rules
    std::vector<Span> line_secrets; // every secret found on this line (this one included)
    double entropy = 0;
    std::string fingerprint; // content-based: see fingerprint_for()
    // line_text as the rule's fix would leave it (lines line..end_line, joined by "\n"), when
    // the rule has a fix; becomes a Suggestion once the file's bytes are at hand.
    std::optional<std::string> fixed_text;
    std::string model; // the model that reported it (model findings only)

    bool has_secret() const { return !secret.empty(); }
    std::string_view secret_text() const {
        return std::string_view(line_text).substr(secret.begin, secret.end - secret.begin);
    }
};

// "AKIAZ7…": a few leading characters of a secret, then an ellipsis. Short secrets show less.
std::string mask_secret(std::string_view secret);

// line_text with every secret found on the line masked (unless show_secrets).
std::string displayed_line(const Finding& finding, bool show_secrets);

// Content fingerprint: sha256 of rule id, path and the secret (or of the whitespace-trimmed
// line for non-secret rules). No line number, so it survives edits above the finding and
// changes when a different secret lands on the same line.
std::string fingerprint_for(std::string_view rule_id, std::string_view path,
                            std::string_view secret_or_line);

} // namespace vigil::core
