// Helpers for report tests: findings built by hand (secrets assembled at run time).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vigil/core/finding.hpp>
#include <vigil/core/summary.hpp>
#include <vigil/report/report.hpp>

namespace vigil::test {

// `data` written in `format`.
inline std::string render(report::Format format, const report::ReportData& data) {
    std::ostringstream out;
    report::write_report(format, out, data);
    return out.str();
}

// Compares `actual` with tests/data/golden/NAME. With VIGIL_UPDATE_GOLDEN=1 the file is
// rewritten first: review its diff before committing it.
inline void expect_golden(const char* name, const std::string& actual) {
    auto file =
        std::filesystem::path(__FILE__).parent_path().parent_path() / "data" / "golden" / name;
    if (const char* update = std::getenv("VIGIL_UPDATE_GOLDEN"); update && *update) {
        std::ofstream(file, std::ios::binary) << actual;
    }
    std::ifstream in(file, std::ios::binary);
    ASSERT_TRUE(in) << "missing " << file << " (create it with VIGIL_UPDATE_GOLDEN=1)";
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str())
        << "differs from " << file << " (VIGIL_UPDATE_GOLDEN=1 rewrites it)";
}

// A fake AWS-shaped key; never a literal in the sources.
inline std::string fake_key() {
    return std::string("AK") + "IA" + "Z4MQ2TRX7VPLKW5N";
}

// A secret finding on `line_text`, whose secret is `secret` (which must occur in it).
inline core::Finding secret_finding(const std::string& path, uint32_t line,
                                    const std::string& line_text, const std::string& secret) {
    core::Finding f;
    f.rule_id = "aws-access-token";
    f.category = "secret";
    f.severity = core::Severity::error;
    f.message = "AWS access key ID";
    f.line_text = line_text;
    auto begin = uint32_t(line_text.find(secret));
    auto end = uint32_t(begin + secret.size());
    f.match = {begin, end};
    f.secret = {begin, end};
    f.entropy = 3.5;
    f.location.path = path;
    f.location.line = line;
    f.location.column = begin + 1;
    f.location.end_column = end + 1;
    f.location.char_column = begin + 1; // ASCII lines in these tests unless said otherwise
    f.location.char_end_column = end + 1;
    f.fingerprint = core::fingerprint_for(f.rule_id, path, secret);
    return f;
}

inline core::Finding plain_finding(const std::string& path, uint32_t line, core::Severity severity,
                                   const std::string& rule_id, const std::string& message) {
    core::Finding f;
    f.rule_id = rule_id;
    f.category = "hygiene";
    f.severity = severity;
    f.message = message;
    f.line_text = "TODO: tidy";
    f.match = {0, 4};
    f.location.path = path;
    f.location.line = line;
    f.location.column = 1;
    f.location.end_column = 5;
    f.location.char_column = 1;
    f.location.char_end_column = 5;
    f.fingerprint = core::fingerprint_for(rule_id, path, "TODO");
    return f;
}

} // namespace vigil::test
