// The text report and the summary line.
#include "report_test_helpers.hpp"

#include <gtest/gtest.h>
#include <sstream>
#include <vigil/report/report.hpp>

namespace vigil::test {
namespace {

const std::string k_ellipsis = "\xE2\x80\xA6";

struct Opts {
    bool color = false;
    bool show_secrets = false;
};

// The `short` format: the first line of each finding, as the text format begins.
std::string text_of(const std::vector<core::Finding>& findings, Opts opts = {}) {
    report::ReportData data;
    data.findings = findings;
    data.show_secrets = opts.show_secrets;
    std::ostringstream out;
    report::write_report(report::Format::short_text, out, data, {opts.color});
    return out.str();
}

TEST(TextReport, OneCompilerStyleLinePerFindingWithTheSecretMasked) {
    std::string key = fake_key();
    auto f = secret_finding("src/aws.py", 3, "KEY = \"" + key + "\"", key);
    f.location.char_column = 8;
    std::string text = text_of({f});
    EXPECT_EQ(text, "src/aws.py:3:8: error: AWS access key ID AKIA" + k_ellipsis +
                        " [aws-access-token]\n");
    EXPECT_EQ(text.find(key), std::string::npos);
}

TEST(TextReport, ColumnIsCountedInCharacters) {
    std::string key = fake_key();
    auto f = secret_finding("a.txt", 1, "\xC3\xA9\xC3\xA9 " + key, key);
    f.location.column = 6;      // bytes
    f.location.char_column = 4; // characters
    EXPECT_TRUE(text_of({f}).starts_with("a.txt:1:4: ")) << text_of({f});
}

TEST(TextReport, ShowSecretsPrintsThemInFull) {
    std::string key = fake_key();
    auto f = secret_finding("a.py", 1, key, key);
    EXPECT_EQ(text_of({f}, {.color = false, .show_secrets = true}),
              "a.py:1:1: error: AWS access key ID " + key + " [aws-access-token]\n");
}

TEST(TextReport, NonSecretFindingsHaveNoSecretPart) {
    auto f = plain_finding("b.py", 12, core::Severity::warning, "todo", "leftover TODO");
    EXPECT_EQ(text_of({f}), "b.py:12:1: warning: leftover TODO [todo]\n");
    auto n = plain_finding("b.py", 13, core::Severity::note, "todo", "leftover TODO");
    EXPECT_EQ(text_of({n}), "b.py:13:1: note: leftover TODO [todo]\n");
}

TEST(TextReport, CommitIsShortenedToTwelveCharacters) {
    auto f = plain_finding("b.py", 2, core::Severity::warning, "todo", "leftover TODO");
    f.commit = "0123456789abcdef0123456789abcdef01234567";
    EXPECT_EQ(text_of({f}), "b.py:2:1: warning: leftover TODO (commit 0123456789ab) [todo]\n");
}

TEST(TextReport, LinesInTheGivenOrder) {
    auto a = plain_finding("a.py", 1, core::Severity::note, "r1", "m1");
    auto b = plain_finding("b.py", 2, core::Severity::error, "r2", "m2");
    EXPECT_EQ(text_of({a, b}), "a.py:1:1: note: m1 [r1]\nb.py:2:1: error: m2 [r2]\n");
    EXPECT_EQ(text_of({}), "");
}

TEST(TextReport, NoEscapeSequencesWithoutColour) {
    std::string key = fake_key();
    std::vector<core::Finding> findings = {
        secret_finding("a.py", 1, key, key),
        plain_finding("b.py", 2, core::Severity::warning, "todo", "m"),
        plain_finding("c.py", 3, core::Severity::note, "todo", "m")};
    EXPECT_EQ(text_of(findings).find('\x1b'), std::string::npos);
}

TEST(TextReport, ColourMarksLocationAndSeverity) {
    auto e = plain_finding("a.py", 1, core::Severity::error, "r", "m");
    EXPECT_EQ(text_of({e}, {.color = true}),
              "\x1b[1ma.py:1:1:\x1b[0m \x1b[1;31merror:\x1b[0m m [r]\n");
    auto w = plain_finding("a.py", 1, core::Severity::warning, "r", "m");
    EXPECT_NE(text_of({w}, {.color = true}).find("\x1b[1;35mwarning:"), std::string::npos);
    auto n = plain_finding("a.py", 1, core::Severity::note, "r", "m");
    EXPECT_NE(text_of({n}, {.color = true}).find("\x1b[1;36mnote:"), std::string::npos);
}

TEST(TextReport, ControlCharactersInPathsAndMessagesAreReplaced) {
    auto f = plain_finding("evil\x1b]0;title\x07\r\n.py", 1, core::Severity::warning, "r",
                           "msg\twith\x1b[2Jcontrol\x7f");
    std::string text = text_of({f});
    EXPECT_EQ(text, "evil?]0;title???.py:1:1: warning: msg?with?[2Jcontrol? [r]\n");
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    // Also with colour: only our own escape sequences appear.
    std::string colored = text_of({f}, {.color = true});
    EXPECT_EQ(colored.find("\x1b]"), std::string::npos);
    EXPECT_EQ(colored.find("\x1b[2J"), std::string::npos);
}

TEST(TextReport, ControlCharactersInAShownSecretAreReplaced) {
    std::string secret = "tok\x1b[31mEND_0123456789";
    auto f = secret_finding("a.py", 1, "k = " + secret, secret);
    std::string text = text_of({f}, {.color = false, .show_secrets = true});
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_NE(text.find("tok?[31mEND_0123456789"), std::string::npos);
}

TEST(TextReport, NonAsciiTextIsKept) {
    auto f = plain_finding("d\xC3\xA9j\xC3\xA0.py", 1, core::Severity::note, "r", "caf\xC3\xA9");
    EXPECT_EQ(text_of({f}), "d\xC3\xA9j\xC3\xA0.py:1:1: note: caf\xC3\xA9 [r]\n");
}

TEST(TextReport, ControlCharactersInRuleIdsAreReplaced) {
    auto f = plain_finding("a.py", 1, core::Severity::note, "id\x1b]0;pwn\x07", "m");
    EXPECT_EQ(text_of({f}).find('\x1b'), std::string::npos);
}

// --- summary_line ---------------------------------------------------------------------------

std::string summary_of(const std::vector<core::Finding>& findings, const core::RunSummary& s) {
    report::ReportData data;
    data.findings = findings;
    data.summary = s;
    return report::summary_line(data);
}

core::RunSummary summary(size_t files, size_t lines, size_t commits = 0) {
    core::RunSummary s;
    s.target = "staged";
    s.files = files;
    s.lines = lines;
    s.commits = commits;
    return s;
}

TEST(SummaryLine, NoFindings) {
    EXPECT_EQ(summary_of({}, summary(0, 0)), "no findings in 0 files (0 added lines)");
    EXPECT_EQ(summary_of({}, summary(1, 1)), "no findings in 1 file (1 added line)");
}

TEST(SummaryLine, CountsBySeverityInErrorWarningNoteOrder) {
    std::vector<core::Finding> f = {
        plain_finding("a", 1, core::Severity::note, "r", "m"),
        plain_finding("a", 2, core::Severity::error, "r", "m"),
        plain_finding("a", 3, core::Severity::note, "r", "m"),
        plain_finding("a", 4, core::Severity::error, "r", "m"),
        plain_finding("a", 5, core::Severity::warning, "r", "m"),
    };
    EXPECT_EQ(summary_of(f, summary(2, 40)),
              "2 errors, 1 warning, 2 notes in 2 files (40 added lines)");
    EXPECT_EQ(summary_of({f[1]}, summary(1, 3)), "1 error in 1 file (3 added lines)");
    EXPECT_EQ(summary_of({f[0]}, summary(1, 3)), "1 note in 1 file (3 added lines)");
}

TEST(SummaryLine, CommitsWhenThereAreAny) {
    EXPECT_EQ(summary_of({}, summary(5, 9, 1)), "no findings in 5 files (9 added lines, 1 commit)");
    EXPECT_EQ(summary_of({}, summary(5, 9, 12)),
              "no findings in 5 files (9 added lines, 12 commits)");
}

TEST(SummaryLine, SkippedFilesGroupedByReasonWithoutDetails) {
    auto s = summary(3, 10);
    s.skipped = {{"a.bin", "binary file", ""},
                 {"big.log", "larger than the size limit (200 > 100 bytes)", ""},
                 {"b.bin", "binary file", "abc"},
                 {"huge.log", "larger than the size limit (999 > 100 bytes)", ""},
                 {"vendor/lib", "submodule", ""}};
    EXPECT_EQ(summary_of({}, s),
              "no findings in 3 files (10 added lines); skipped 5 files: binary file 2, "
              "larger than the size limit 2, submodule 1");
    core::RunSummary one = summary(0, 0);
    one.skipped = {{"link", "symbolic link", ""}};
    EXPECT_EQ(summary_of({}, one),
              "no findings in 0 files (0 added lines); skipped 1 file: symbolic link 1");
}

} // namespace
} // namespace vigil::test
