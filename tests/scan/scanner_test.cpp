// scan_changes over hand-built ChangeSets: which lines are scanned, inline ignores, columns,
// CRLF, commits, ordering, fingerprints and statistics.
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <vigil/git/paths.hpp>
#include <vigil/rules/rule_set.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::test {
namespace {

using core::LineKind;

rules::RuleSet rule_set(std::string_view toml) {
    auto loaded = rules::RuleSet::from_toml(toml, "test.toml");
    if (!loaded) {
        ADD_FAILURE() << loaded.error().describe();
        std::abort();
    }
    return std::move(*loaded);
}

rules::RuleSet defaults() {
    auto loaded = rules::RuleSet::defaults();
    if (!loaded) {
        ADD_FAILURE() << loaded.error().describe();
        std::abort();
    }
    return std::move(*loaded);
}

// A rule that finds "tok_" tokens (a secret) and one that finds TODO (not a secret).
const char* k_rules = R"(
[[rules]]
id = "test-token"
description = "Test token"
regex = '''\b(tok_[A-Za-z0-9]+)'''
[[rules]]
id = "todo"
description = "TODO marker"
message = "leftover TODO"
category = "hygiene"
severity = "note"
regex = '''TODO'''
)";

core::Line make_line(LineKind kind, uint32_t old_no, uint32_t new_no, std::string content) {
    core::Line l;
    l.kind = kind;
    l.old_lineno = old_no;
    l.new_lineno = new_no;
    l.content = std::move(content);
    return l;
}

core::FileChange modified(std::string path, std::vector<core::Line> lines) {
    core::FileChange f;
    f.status = core::FileStatus::modified;
    f.old_path = path;
    f.new_path = std::move(path);
    core::Hunk h;
    h.lines = std::move(lines);
    f.hunks.push_back(std::move(h));
    return f;
}

core::ChangeSet one_file(core::FileChange f) {
    core::ChangeSet cs;
    cs.files.push_back(std::move(f));
    return cs;
}

std::vector<std::string> where(const std::vector<core::Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
        out.push_back(f.location.path + ":" + std::to_string(f.location.line) + ":" +
                      std::to_string(f.location.column) + ":" + f.rule_id);
    }
    return out;
}

TEST(Scan, OnlyAddedLinesAreScanned) {
    auto rules = rule_set(k_rules);
    auto cs = one_file(modified("a.py", {
                                            make_line(LineKind::context, 1, 1, "tok_context1"),
                                            make_line(LineKind::removed, 2, 0, "tok_removed1"),
                                            make_line(LineKind::added, 0, 2, "tok_added1"),
                                            make_line(LineKind::context, 3, 3, "TODO context"),
                                        }));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].secret_text(), "tok_added1");
    EXPECT_EQ(findings[0].location.line, 2u);
}

TEST(Scan, DeletedFilesProduceNothing) {
    auto rules = rule_set(k_rules);
    core::FileChange gone;
    gone.status = core::FileStatus::deleted;
    gone.old_path = "gone.py";
    core::Hunk h;
    h.lines = {make_line(LineKind::removed, 1, 0, "tok_secret1")};
    gone.hunks.push_back(h);
    EXPECT_TRUE(scan::scan_changes(rules, one_file(gone)).empty());
}

TEST(Scan, FindingFields) {
    auto rules = rule_set(k_rules);
    auto cs = one_file(
        modified("src/app.py", {make_line(LineKind::added, 0, 7, "x = 'tok_abc123' # TODO")}));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 2u);
    const auto& secret = findings[0];
    EXPECT_EQ(secret.rule_id, "test-token");
    EXPECT_EQ(secret.category, "secret");
    EXPECT_EQ(secret.severity, core::Severity::error);
    EXPECT_EQ(secret.message, "Test token"); // the description when there is no message
    EXPECT_EQ(secret.line_text, "x = 'tok_abc123' # TODO");
    EXPECT_EQ(secret.location.path, "src/app.py");
    EXPECT_EQ(secret.location.line, 7u);
    EXPECT_EQ(secret.location.column, 6u);
    EXPECT_EQ(secret.location.end_column, 16u);
    EXPECT_EQ(secret.secret_text(), "tok_abc123");
    EXPECT_TRUE(secret.commit.empty());
    EXPECT_EQ(secret.fingerprint, core::fingerprint_for("test-token", "src/app.py", "tok_abc123"));
    EXPECT_GT(secret.entropy, 0.0);

    const auto& todo = findings[1];
    EXPECT_EQ(todo.rule_id, "todo");
    EXPECT_EQ(todo.category, "hygiene");
    EXPECT_EQ(todo.severity, core::Severity::note);
    EXPECT_EQ(todo.message, "leftover TODO");
    EXPECT_FALSE(todo.has_secret()); // non-secret rules carry no secret span
    EXPECT_EQ(todo.match.begin, 19u);
    EXPECT_EQ(todo.match.end, 23u);
    // Non-secret rules fingerprint the (whitespace-normalised) line.
    EXPECT_EQ(todo.fingerprint,
              core::fingerprint_for("todo", "src/app.py", "x = 'tok_abc123' # TODO"));
}

TEST(Scan, InlineIgnoreMarkersSilenceTheirLineOnly) {
    auto rules = rule_set(k_rules);
    for (const char* marker : {"vigil:allow", "gitleaks:allow", "pragma: allowlist secret"}) {
        auto cs = one_file(modified(
            "a.py", {make_line(LineKind::added, 0, 1, std::string("k = tok_aaa1  # ") + marker),
                     make_line(LineKind::added, 0, 2, std::string("# ") + marker),
                     make_line(LineKind::added, 0, 3, "k = tok_bbb2")}));
        auto findings = scan::scan_changes(rules, cs);
        ASSERT_EQ(findings.size(), 1u) << marker;
        EXPECT_EQ(findings[0].location.line, 3u) << marker;
    }
}

TEST(Scan, InlineIgnoreSilencesEveryRuleOnTheLine) {
    auto rules = rule_set(k_rules);
    auto cs = one_file(
        modified("a.py", {make_line(LineKind::added, 0, 1, "tok_aaa1 TODO /* vigil:allow */\r")}));
    EXPECT_TRUE(scan::scan_changes(rules, cs).empty());
}

TEST(Scan, ColumnsInBytesAndCharactersAfterNonAsciiText) {
    auto rules = rule_set(k_rules);
    // "héllo € 𝄞 = " is 12 characters but 18 bytes.
    std::string prefix = "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9D\x84\x9E = ";
    auto cs = one_file(modified("u.txt", {make_line(LineKind::added, 0, 1, prefix + "tok_x1y2")}));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 1u);
    const auto& loc = findings[0].location;
    EXPECT_EQ(loc.column, 19u);      // bytes, 1-based
    EXPECT_EQ(loc.end_column, 27u);  // exclusive
    EXPECT_EQ(loc.char_column, 13u); // characters, 1-based
    EXPECT_EQ(loc.char_end_column, 21u);
}

TEST(Scan, ColumnsWhenTheSecretItselfIsNonAscii) {
    auto rules = rule_set("[[rules]]\nid = \"pw\"\nregex = 'pw=(\\S+)'\n");
    std::string line = "\xC3\xA9 pw=\xC3\xA9t\xC3\xA9"; // "é pw=été"
    auto cs = one_file(modified("u.txt", {make_line(LineKind::added, 0, 1, line)}));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 1u);
    const auto& loc = findings[0].location;
    EXPECT_EQ(loc.column, 4u);
    EXPECT_EQ(loc.end_column, 12u);
    EXPECT_EQ(loc.char_column, 3u);
    EXPECT_EQ(loc.char_end_column, 9u);
    EXPECT_EQ(findings[0].secret_text(), "\xC3\xA9t\xC3\xA9");
}

TEST(Scan, CrlfLinesMatchWithoutTheCarriageReturn) {
    // (?m): rules see a fragment of lines, where a bare `$` means its end (gitleaks semantics).
    auto rules = rule_set("[[rules]]\nid = \"eol\"\nregex = '(?m)tok_[a-z0-9]+$'\n");
    auto cs = one_file(modified("w.txt", {make_line(LineKind::added, 0, 1, "key = tok_abc9\r")}));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].line_text, "key = tok_abc9");
    EXPECT_EQ(findings[0].secret_text(), "tok_abc9");
    EXPECT_EQ(findings[0].location.end_column, 15u);
}

TEST(Scan, FileAsAddedWithCrlfContent) {
    auto rules = rule_set(k_rules);
    core::ChangeSet cs;
    cs.files.push_back(git::file_as_added("win.ini", "[a]\r\nkey=tok_w1n\r\n\r\nTODO\r\n"));
    scan::ScanStats stats;
    auto findings = scan::scan_changes(rules, cs, &stats);
    EXPECT_EQ(where(findings),
              (std::vector<std::string>{"win.ini:2:5:test-token", "win.ini:4:1:todo"}));
    EXPECT_EQ(findings[0].line_text, "key=tok_w1n");
    EXPECT_EQ(stats.files, 1u);
    EXPECT_EQ(stats.lines, 4u);
}

TEST(Scan, FileAsAddedWithTheDefaultRules) {
    auto rules = defaults();
    std::string key = fake_aws_key();
    core::ChangeSet cs;
    cs.files.push_back(git::file_as_added("config/aws.py", "import os\n\nKEY = \"" + key + "\"\n"));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].rule_id, "aws-access-token");
    EXPECT_EQ(findings[0].location.line, 3u);
    EXPECT_EQ(findings[0].location.column, 8u);
    EXPECT_EQ(findings[0].secret_text(), key);
    EXPECT_EQ(findings[0].severity, core::Severity::error);
}

TEST(Scan, CommitIdIsCarriedIntoFindings) {
    auto rules = rule_set(k_rules);
    auto cs = one_file(modified("a.py", {make_line(LineKind::added, 0, 1, "tok_c0mmit")}));
    cs.commit = "0123456789abcdef0123456789abcdef01234567";
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].commit, cs.commit);
}

TEST(Scan, OrderedByPathThenLineThenColumn) {
    auto rules = rule_set(k_rules);
    core::ChangeSet cs;
    cs.files.push_back(modified("b.py", {make_line(LineKind::added, 0, 9, "TODO tok_b9")}));
    cs.files.push_back(modified("a.py", {make_line(LineKind::added, 0, 20, "tok_a20"),
                                         make_line(LineKind::added, 0, 3, "x tok_a3 TODO")}));
    core::FileChange second_hunk = modified("a.py", {make_line(LineKind::added, 0, 1, "tok_a1")});
    cs.files.push_back(second_hunk);
    auto findings = scan::scan_changes(rules, cs);
    EXPECT_EQ(where(findings), (std::vector<std::string>{
                                   "a.py:1:1:test-token",
                                   "a.py:3:3:test-token",
                                   "a.py:3:10:todo",
                                   "a.py:20:1:test-token",
                                   "b.py:9:1:todo",
                                   "b.py:9:6:test-token",
                               }));
}

TEST(Scan, EqualPositionsKeepRuleOrder) {
    auto rules = rule_set(R"(
[[rules]]
id = "first"
regex = '''tok_[a-z]+'''
[[rules]]
id = "second"
regex = '''tok_'''
)");
    auto cs = one_file(modified("a.py", {make_line(LineKind::added, 0, 1, "tok_abc")}));
    EXPECT_EQ(where(scan::scan_changes(rules, cs)),
              (std::vector<std::string>{"a.py:1:1:first", "a.py:1:1:second"}));
}

TEST(Scan, FingerprintFollowsTheSecretNotItsPosition) {
    auto rules = rule_set(k_rules);
    auto cs =
        one_file(modified("a.py", {
                                      make_line(LineKind::added, 0, 1, "k = tok_same1"),
                                      make_line(LineKind::added, 0, 40, "    other = tok_same1"),
                                      make_line(LineKind::added, 0, 41, "k = tok_diff2"),
                                  }));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_NE(findings[0].location.column, findings[1].location.column);
    EXPECT_EQ(findings[0].fingerprint, findings[1].fingerprint);
    EXPECT_NE(findings[0].fingerprint, findings[2].fingerprint);

    // The same line position with a different secret, and the same secret in another file.
    auto other = one_file(modified("a.py", {make_line(LineKind::added, 0, 1, "k = tok_diff2")}));
    EXPECT_NE(scan::scan_changes(rules, other)[0].fingerprint, findings[0].fingerprint);
    auto moved = one_file(modified("b.py", {make_line(LineKind::added, 0, 1, "k = tok_same1")}));
    EXPECT_NE(scan::scan_changes(rules, moved)[0].fingerprint, findings[0].fingerprint);
}

TEST(Scan, NonSecretFingerprintIgnoresIndentation) {
    auto rules = rule_set("[[rules]]\nid = \"ws\"\ncategory = \"hygiene\"\nregex = 'eval\\('\n");
    auto cs = one_file(modified("a.py", {make_line(LineKind::added, 0, 1, "eval(x)"),
                                         make_line(LineKind::added, 0, 2, "\t   eval(x)  "),
                                         make_line(LineKind::added, 0, 3, "eval(y)")}));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[0].fingerprint, findings[1].fingerprint);
    EXPECT_NE(findings[0].fingerprint, findings[2].fingerprint);
}

TEST(Scan, StatsCountFilesAndAddedLines) {
    auto rules = rule_set(k_rules);
    core::ChangeSet cs;
    cs.files.push_back(modified(
        "a.py", {make_line(LineKind::context, 1, 1, "c"), make_line(LineKind::added, 0, 2, "a"),
                 make_line(LineKind::removed, 2, 0, "r"), make_line(LineKind::added, 0, 3, "b")}));
    cs.files.push_back(modified("only-removed.py", {make_line(LineKind::removed, 1, 0, "r")}));
    cs.files.push_back(git::file_as_added("new.txt", "1\n2\n3"));
    scan::ScanStats stats;
    EXPECT_TRUE(scan::scan_changes(rules, cs, &stats).empty());
    EXPECT_EQ(stats.files, 3u);
    EXPECT_EQ(stats.lines, 5u);
    // Stats accumulate over calls.
    scan::scan_changes(rules, cs, &stats);
    EXPECT_EQ(stats.files, 6u);
    EXPECT_EQ(stats.lines, 10u);
    // Stats are optional.
    EXPECT_TRUE(scan::scan_changes(rules, cs).empty());
}

TEST(Scan, EmptyChangeSet) {
    auto rules = rule_set(k_rules);
    scan::ScanStats stats;
    EXPECT_TRUE(scan::scan_changes(rules, core::ChangeSet{}, &stats).empty());
    EXPECT_EQ(stats.files, 0u);
    EXPECT_EQ(stats.lines, 0u);
}

TEST(Scan, PathScopedRulesSeeTheNewPath) {
    auto rules = rule_set("[[rules]]\nid = \"env\"\nregex = 'SECRET=\\S+'\npath = '\\.env$'\n");
    core::FileChange renamed =
        modified("config/.env", {make_line(LineKind::added, 0, 1, "SECRET=x1")});
    renamed.status = core::FileStatus::renamed;
    renamed.old_path = "config/env.txt";
    auto findings = scan::scan_changes(rules, one_file(renamed));
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].location.path, "config/.env");
}

TEST(Scan, NonSecretFindingMasksTheOneSecretOnItsLine) {
    auto rules = rule_set(k_rules);
    auto cs = one_file(modified("a.py", {make_line(LineKind::added, 0, 1, "tok_one1 # TODO")}));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 2u);
    ASSERT_EQ(findings[1].rule_id, "todo");
    EXPECT_EQ(core::displayed_line(findings[1], false).find("tok_one1"), std::string::npos)
        << core::displayed_line(findings[1], false);
}

TEST(Scan, AllowlistCommitsAllowFindingsOfThatCommit) {
    const std::string commit = "0123456789abcdef0123456789abcdef01234567";
    auto rules = rule_set("[allowlist]\ncommits = ['" + commit + "']\n" + k_rules);
    auto cs = one_file(modified("a.py", {make_line(LineKind::added, 0, 1, "tok_c0mmit")}));
    cs.commit = commit;
    EXPECT_TRUE(scan::scan_changes(rules, cs).empty());
    // Upper-case ids in the rule file match too; other commits and non-commit scans do not.
    auto upper = rule_set("[allowlist]\ncommits = ['0123456789ABCDEF0123456789ABCDEF01234567']\n" +
                          std::string(k_rules));
    EXPECT_TRUE(scan::scan_changes(upper, cs).empty());
    cs.commit = "1111111111111111111111111111111111111111";
    EXPECT_EQ(scan::scan_changes(rules, cs).size(), 1u);
    cs.commit.clear();
    EXPECT_EQ(scan::scan_changes(rules, cs).size(), 1u);
}

TEST(Scan, EveryFindingKnowsTheOtherSecretsOnItsLine) {
    auto rules = rule_set(k_rules);
    auto cs = one_file(modified("a.py", {make_line(LineKind::added, 0, 1, "tok_one1 TODO tok_two2"),
                                         make_line(LineKind::added, 0, 2, "tok_alone3")}));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 4u);
    std::vector<core::Span> both = {{0, 8}, {14, 22}};
    for (size_t i = 0; i < 3; ++i) {
        ASSERT_EQ(findings[i].line_secrets.size(), 2u) << i;
        EXPECT_EQ(findings[i].line_secrets[0].begin, 0u);
        EXPECT_EQ(findings[i].line_secrets[1].begin, 14u);
        std::string shown = core::displayed_line(findings[i], false);
        EXPECT_EQ(shown.find("tok_one1"), std::string::npos) << shown;
        EXPECT_EQ(shown.find("tok_two2"), std::string::npos) << shown;
    }
    EXPECT_EQ(findings[1].rule_id, "todo"); // a non-secret finding masks its line's secrets too
    EXPECT_TRUE(core::displayed_line(findings[1], true).find("tok_one1") != std::string::npos);
}

} // namespace
} // namespace vigil::test
