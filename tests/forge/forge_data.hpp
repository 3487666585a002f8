// Findings and suggestions for forge tests, built by hand (no scan needed).
#pragma once

#include <string>
#include <vigil/core/finding.hpp>
#include <vigil/report/report.hpp>

namespace vigil::forge::test {

inline core::Finding finding(std::string path, uint32_t line, std::string rule = "model/bug",
                             core::Severity severity = core::Severity::warning) {
    core::Finding f;
    f.rule_id = std::move(rule);
    f.severity = severity;
    f.message = "Division by zero on an empty list";
    f.location.path = path;
    f.location.line = line;
    f.location.end_line = line;
    f.line_text = "    return total / len(items)";
    f.fingerprint = core::fingerprint_for(f.rule_id, path, std::to_string(line));
    return f;
}

// A finding whose line holds a secret: "key = \"<secret>\"".
inline core::Finding secret_finding(std::string path, uint32_t line, const std::string& secret) {
    core::Finding f = finding(std::move(path), line, "aws-access-token", core::Severity::error);
    f.message = "AWS access key ID";
    f.line_text = "key = \"" + secret + "\"";
    f.secret = {7, static_cast<uint32_t>(7 + secret.size())};
    f.line_secrets = {f.secret};
    f.fingerprint = core::fingerprint_for(f.rule_id, f.location.path, secret);
    return f;
}

inline core::Suggestion suggestion_for(const core::Finding& f, std::string inserted,
                                       uint32_t end_line = 0) {
    core::Suggestion s;
    s.path = f.location.path;
    s.fingerprint = f.fingerprint;
    s.rule_id = f.rule_id;
    s.start_line = f.location.line;
    s.end_line = end_line ? end_line : f.location.line;
    s.removed = f.line_text + "\n";
    s.inserted = std::move(inserted);
    return s;
}

} // namespace vigil::forge::test
