// gitleaks compatibility of the scanner over fragments (runs of added lines): path-only rules,
// required (composite) rules and skipReport, the generic-rule filter, multi-line matches and
// `gitleaks:allow` on any line a finding spans. Expected outcomes follow gitleaks v8
// (detect/detect.go); a test marked BUG documents where vigil disagrees.
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <vigil/git/paths.hpp>
#include <vigil/rules/rule_set.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::test {
namespace {

using core::LineKind;
using Strings = std::vector<std::string>;

rules::RuleSet rule_set(std::string_view toml) {
    auto loaded = rules::RuleSet::from_toml(toml, "test.toml");
    if (!loaded) {
        ADD_FAILURE() << loaded.error().describe();
        std::abort();
    }
    return std::move(*loaded);
}

core::Line added(uint32_t number, std::string content) {
    core::Line l;
    l.kind = LineKind::added;
    l.new_lineno = number;
    l.content = std::move(content);
    return l;
}

core::Line context(uint32_t number, std::string content) {
    core::Line l = added(number, std::move(content));
    l.kind = LineKind::context;
    l.old_lineno = number;
    return l;
}

// One modified file with one hunk holding `lines`.
core::ChangeSet one_hunk(std::string path, std::vector<core::Line> lines) {
    core::FileChange f;
    f.status = core::FileStatus::modified;
    f.old_path = path;
    f.new_path = std::move(path);
    core::Hunk h;
    h.lines = std::move(lines);
    f.hunks.push_back(std::move(h));
    core::ChangeSet cs;
    cs.files.push_back(std::move(f));
    return cs;
}

// Consecutive added lines numbered from `first`.
core::ChangeSet added_lines(std::string path, const Strings& texts, uint32_t first = 1) {
    std::vector<core::Line> lines;
    for (const auto& t : texts) {
        lines.push_back(added(first++, t));
    }
    return one_hunk(std::move(path), std::move(lines));
}

// "line:rule-id" of every finding.
Strings found(const rules::RuleSet& rules, const core::ChangeSet& cs) {
    Strings out;
    for (const auto& f : scan::scan_changes(rules, cs)) {
        out.push_back(std::to_string(f.location.line) + ":" + f.rule_id);
    }
    return out;
}

TEST(GitleaksRulesScan, PathOnlyRuleReportsFileDetectedOncePerFile) {
    auto rules = rule_set("[[rules]]\nid = \"pkcs12-file\"\npath = '''(?i)\\.p12$'''\n");
    core::ChangeSet cs;
    cs.files.push_back(git::file_as_added("certs/server.p12", "one\ntwo\n"));
    cs.files.push_back(git::file_as_added("certs/server.pem", "one\n"));
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].rule_id, "pkcs12-file");
    EXPECT_EQ(findings[0].location.path, "certs/server.p12");
    EXPECT_EQ(findings[0].message, "file detected: certs/server.p12");
}

TEST(GitleaksRulesScan, PathOnlyRuleHonoursGlobalAndRulePathAllowlists) {
    auto rules = rule_set(R"([[allowlists]]
paths = ['''^vendor/''']
[[rules]]
id = "p12"
path = '''\.p12$'''
[rules.allowlist]
paths = ['''^test/''']
)");
    core::ChangeSet cs;
    for (const char* path : {"vendor/a.p12", "test/b.p12", "src/c.p12"}) {
        cs.files.push_back(git::file_as_added(path, "x\n"));
    }
    auto findings = scan::scan_changes(rules, cs);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].location.path, "src/c.p12");
}

TEST(GitleaksRulesScan, RuleWithPathAndRegexRunsOnlyOnMatchingPaths) {
    auto rules = rule_set("[[rules]]\nid = \"env\"\nregex = '''SECRET=\\S+'''\n"
                          "path = '''(^|/)\\.env$'''\n");
    EXPECT_EQ(found(rules, added_lines("deploy/.env", {"SECRET=x1y2"})), Strings{"1:env"});
    EXPECT_TRUE(found(rules, added_lines("deploy/env.py", {"SECRET=x1y2"})).empty());
}

// A user name rule that needs a password rule nearby (gitleaks' composite rules).
std::string composite(const std::string& required, bool skip_report) {
    return std::string("[[rules]]\nid = \"db-user\"\nregex = '''user=([a-z]+)'''\n"
                       "[[rules.required]]\nid = \"db-pass\"\n") +
           required + "\n[[rules]]\nid = \"db-pass\"\nregex = '''pass=([a-z0-9]+)'''\n" +
           (skip_report ? "skipReport = true\n" : "");
}

TEST(GitleaksRulesScan, RequiredWithinLines) {
    auto rules = rule_set(composite("withinLines = 1", false));
    EXPECT_EQ(found(rules, added_lines("a.ini", {"user=alice", "pass=s3cr3t"})),
              (Strings{"1:db-user", "2:db-pass"}));
    EXPECT_EQ(found(rules, added_lines("a.ini", {"pass=s3cr3t", "x", "user=alice"})),
              Strings{"1:db-pass"}); // two lines apart: the primary is not reported
    EXPECT_TRUE(found(rules, added_lines("a.ini", {"user=alice"})).empty());
}

TEST(GitleaksRulesScan, RequiredWithinColumns) {
    auto rules = rule_set(composite("withinColumns = 12", true));
    // Start columns 1 and 12: 11 apart.
    EXPECT_EQ(found(rules, added_lines("a.ini", {"user=alice pass=s3cr3t"})), Strings{"1:db-user"});
    // Start columns 1 and 21: 20 apart.
    EXPECT_TRUE(found(rules, added_lines("a.ini", {"user=alice          pass=s3cr3t"})).empty());
    // Columns alone do not care about lines.
    EXPECT_EQ(found(rules, added_lines("a.ini", {"user=alice", "a", "b", "pass=s3cr3t"})),
              Strings{"1:db-user"});
}

TEST(GitleaksRulesScan, RequiredWithoutLimitsMeansTheSameFragment) {
    auto rules = rule_set(composite("", true));
    EXPECT_EQ(found(rules, added_lines("a.ini", {"user=alice", "a", "b", "c", "pass=s3cr3t"})),
              Strings{"1:db-user"});
    // A context line between them makes two fragments (gitleaks: one per hunk of -U0).
    auto split = one_hunk(
        "a.ini", {added(1, "user=alice"), context(2, "unchanged"), added(3, "pass=s3cr3t")});
    EXPECT_TRUE(found(rules, split).empty());
}

TEST(GitleaksRulesScan, SkipReportRuleIsNeverReportedOnItsOwn) {
    auto rules = rule_set(composite("withinLines = 0", true));
    EXPECT_TRUE(found(rules, added_lines("a.ini", {"pass=s3cr3t"})).empty());
    EXPECT_EQ(found(rules, added_lines("a.ini", {"user=alice pass=s3cr3t"})), Strings{"1:db-user"});
}

TEST(GitleaksRulesScan, RequiredRuleIsFoundEvenWithoutItsKeyword) {
    // BUG: gitleaks runs a required rule's regex directly (processRequiredRules ->
    // detectRule), without the keyword check that decides whether a rule runs on its own;
    // vigil only looks among the rules whose keywords occurred in the fragment.
    auto rules =
        rule_set("[[rules]]\nid = \"db-user\"\nregex = '''user=([a-z]+)'''\n"
                 "[[rules.required]]\nid = \"db-pass\"\n"
                 "[[rules]]\nid = \"db-pass\"\nregex = '''(?i)pass(?:word)?=([a-z0-9]+)'''\n"
                 "keywords = [\"password\"]\nskipReport = true\n");
    EXPECT_EQ(found(rules, added_lines("a.ini", {"user=alice pass=s3cr3t"})), Strings{"1:db-user"});
}

const char* k_generic = R"toml(
[[rules]]
id = "generic-api-key"
regex = '''(?i)key\s*=\s*"([A-Za-z0-9_]{8,})"'''
[[rules]]
id = "team-token"
regex = '''\b(tt_[a-z0-9]{12})\b'''
[rules.allowlist]
regexes = ['''^tt_0''']
[[rules]]
id = "My-GENERIC-secret"
regex = '''(?i)secret\s*=\s*"([A-Za-z0-9_]{8,})"'''
)toml";

TEST(GitleaksRulesScan, GenericFindingDroppedWhenASpecificRuleFoundItsSecretOnTheLine) {
    auto rules = rule_set(k_generic);
    EXPECT_EQ(found(rules, added_lines("a.py", {"key = \"tt_a1b2c3d4e5f6\""})),
              Strings{"1:team-token"});
    // The specific secret only has to contain the generic one.
    EXPECT_EQ(found(rules, added_lines("a.py", {"key = \"a1b2c3d4e5f6\" # tt_a1b2c3d4e5f6"})),
              Strings{"1:team-token"});
    // Case-insensitive "generic" in the id.
    EXPECT_EQ(found(rules, added_lines("a.py", {"secret = \"tt_a1b2c3d4e5f6\""})),
              Strings{"1:team-token"});
}

TEST(GitleaksRulesScan, GenericFindingKeptOtherwise) {
    auto rules = rule_set(k_generic);
    // The specific secret does not contain the generic one.
    EXPECT_EQ(found(rules, added_lines("a.py", {"key = \"abcdefgh12\" # tt_a1b2c3d4e5f6"})),
              (Strings{"1:generic-api-key", "1:team-token"}));
    // The specific rule found it on another line.
    EXPECT_EQ(found(rules, added_lines("a.py", {"key = \"a1b2c3d4e5f6\"", "tt_a1b2c3d4e5f6"})),
              (Strings{"1:generic-api-key", "2:team-token"}));
    // Two generic rules do not filter each other.
    EXPECT_EQ(found(rules, added_lines("a.py", {"key = \"abcdefgh12\"; secret = \"abcdefgh12\""})),
              (Strings{"1:generic-api-key", "1:My-GENERIC-secret"}));
    // A specific finding that an allowlist removed does not take the generic one with it.
    EXPECT_EQ(found(rules, added_lines("a.py", {"key = \"tt_0a1b2c3d4e5f\""})),
              Strings{"1:generic-api-key"});
}

const char* k_pem_rule = R"(
[[rules]]
id = "test-pem"
regex = '''(?s)-----BEGIN TEST KEY-----.+?-----END TEST KEY-----'''
keywords = ["-----begin test key"]
)";

Strings pem(const std::string& middle_suffix = "", const std::string& end_suffix = "") {
    return {"cert = '''", "-----BEGIN TEST KEY-----", "MIIBOgIBAAJBAKj34GkxFhD9" + middle_suffix,
            "-----END TEST KEY-----" + end_suffix, "'''"};
}

TEST(GitleaksRulesScan, MultiLineRegexMatchesAcrossTheLinesOfAFragment) {
    auto rules = rule_set(k_pem_rule);
    auto findings = scan::scan_changes(rules, added_lines("k.py", pem(), 10));
    ASSERT_EQ(findings.size(), 1u);
    const auto& f = findings[0];
    EXPECT_EQ(f.location.line, 11u);
    EXPECT_EQ(f.location.end_line, 13u);
    EXPECT_EQ(f.location.column, 1u);
    EXPECT_EQ(f.location.end_column, 23u); // after "-----END TEST KEY-----"
    EXPECT_EQ(f.secret_text(),
              "-----BEGIN TEST KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END TEST KEY-----");
}

TEST(GitleaksRulesScan, MultiLineRegexDoesNotCrossFragments) {
    auto rules = rule_set(k_pem_rule);
    auto split = one_hunk("k.py", {added(1, "-----BEGIN TEST KEY-----"), context(2, "MIIBOgIB"),
                                   added(3, "-----END TEST KEY-----")});
    EXPECT_TRUE(found(rules, split).empty());
}

TEST(GitleaksRulesScan, GitleaksAllowOnAnySpannedLineSuppresses) {
    auto rules = rule_set(k_pem_rule);
    EXPECT_TRUE(found(rules, added_lines("k.py", pem(" # gitleaks:allow"))).empty());
    EXPECT_TRUE(found(rules, added_lines("k.py", pem("", " gitleaks:allow"))).empty());
    // Not on a line of the match: the finding stays.
    Strings after = pem();
    after.back() += " # gitleaks:allow";
    EXPECT_EQ(found(rules, added_lines("k.py", after)), Strings{"2:test-pem"});
}

} // namespace
} // namespace vigil::test
