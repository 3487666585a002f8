// The SARIF report (docs/report-sarif.md): structure GitHub reads, masking, URIs, UTF-16
// regions, line hashes, caps and fixes. tests/e2e/sarif_validation_test.cpp runs the real
// validators on the binary's output.
#include "report_test_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vigil/report/line_hash.hpp>
#include <vigil/report/report.hpp>
#include <vigil/report/sarif_parts.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

json sarif_of(const report::ReportData& data) {
    std::ostringstream out;
    report::write_report(report::Format::sarif, out, data);
    try {
        return json::parse(out.str());
    } catch (const json::exception& e) {
        ADD_FAILURE() << "not valid JSON (" << e.what() << "):\n" << out.str();
        return json::object();
    }
}

core::RuleInfo rule(const std::string& id, const std::string& category, core::Severity severity) {
    core::RuleInfo r;
    r.id = id;
    r.description = "Finds " + id;
    r.help = "Fix " + id + ".";
    r.category = category;
    r.severity = severity;
    return r;
}

report::ReportData base_data() {
    report::ReportData data;
    data.tool_version = "1.2.3";
    data.summary.target = "staged";
    data.rules = {rule("aws-access-token", "secret", core::Severity::error),
                  rule("todo-comment", "hygiene", core::Severity::note),
                  rule("python-eval-dynamic", "safety", core::Severity::warning)};
    return data;
}

// A file holding a secret on line 2, and the report of it.
const std::string k_file_line = "key = \"" + fake_key() + "\"";

report::ReportData secret_data() {
    report::ReportData data = base_data();
    data.findings.push_back(secret_finding("app/config.py", 2, k_file_line, fake_key()));
    data.source = [](std::string_view path, std::string_view) -> std::optional<std::string> {
        if (path == "app/config.py") {
            return "# settings\n" + k_file_line + "\n";
        }
        return std::nullopt;
    };
    return data;
}

TEST(SarifReport, LogAndRunHaveWhatGithubReads) {
    json doc = sarif_of(secret_data());
    EXPECT_EQ(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    EXPECT_EQ(doc["version"], "2.1.0");
    ASSERT_EQ(doc["runs"].size(), 1u);
    const json& run = doc["runs"][0];
    const json& driver = run["tool"]["driver"];
    EXPECT_EQ(driver["name"], "vigil");
    EXPECT_EQ(driver["semanticVersion"], "1.2.3");
    EXPECT_EQ(driver["informationUri"], "https://github.com/vigil-review/vigil");
    EXPECT_EQ(run["automationDetails"]["id"], "vigil/scan/");
    EXPECT_EQ(run["columnKind"], "utf16CodeUnits");
    EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
    EXPECT_EQ(run["results"].size(), 1u);
}

TEST(SarifReport, AutomationIdNamesTheMode) {
    auto data = secret_data();
    data.mode = "review";
    EXPECT_EQ(sarif_of(data)["runs"][0]["automationDetails"]["id"], "vigil/review/");
}

TEST(SarifReport, OnlyUsedRulesAreListedAndRuleIndexPointsAtThem) {
    auto data = secret_data();
    data.findings.push_back(plain_finding("a.py", 1, core::Severity::note, "todo-comment", "TODO"));
    json run = sarif_of(data)["runs"][0];
    const json& rules = run["tool"]["driver"]["rules"];
    ASSERT_EQ(rules.size(), 2u); // python-eval-dynamic is in the catalog but unused
    for (const auto& result : run["results"]) {
        EXPECT_EQ(rules[result["ruleIndex"].get<size_t>()]["id"], result["ruleId"]);
    }
}

TEST(SarifReport, RuleDescriptorHasEveryField) {
    json rules = sarif_of(secret_data())["runs"][0]["tool"]["driver"]["rules"];
    const json& r = rules[0];
    EXPECT_EQ(r["id"], "aws-access-token");
    EXPECT_EQ(r["name"], "AwsAccessToken");
    EXPECT_EQ(r["shortDescription"]["text"], "Finds aws-access-token.");
    EXPECT_EQ(r["fullDescription"]["text"], "Finds aws-access-token.");
    EXPECT_EQ(r["help"]["text"], "Fix aws-access-token.");
    EXPECT_TRUE(r["help"]["markdown"].get<std::string>().find("Fix aws-access-token.") !=
                std::string::npos);
    EXPECT_EQ(r["defaultConfiguration"]["level"], "error");
    EXPECT_EQ(r["properties"]["precision"], "high");
    EXPECT_EQ(r["properties"]["problem.severity"], "error");
    EXPECT_EQ(r["properties"]["security-severity"], "9.1");
    json tags = r["properties"]["tags"];
    EXPECT_EQ(tags[0], "security");
    EXPECT_NE(std::find(tags.begin(), tags.end(), "external/cwe/cwe-798"), tags.end());
}

TEST(SarifReport, NonSecurityRulesHaveNoSecuritySeverity) {
    auto data = base_data();
    data.findings.push_back(plain_finding("a.py", 1, core::Severity::note, "todo-comment", "TODO"));
    json r = sarif_of(data)["runs"][0]["tool"]["driver"]["rules"][0];
    EXPECT_FALSE(r["properties"].contains("security-severity"));
    EXPECT_EQ(r["properties"]["problem.severity"], "recommendation");
    EXPECT_EQ(r["defaultConfiguration"]["level"], "note");
}

TEST(SarifReport, SecuritySeverityBands) {
    using report::sarif::security_severity;
    EXPECT_EQ(security_severity("secret", core::Severity::error), "9.1"); // critical
    EXPECT_EQ(security_severity("secret", core::Severity::warning), "7.5");
    EXPECT_EQ(security_severity("safety", core::Severity::error), "8.0"); // high
    EXPECT_EQ(security_severity("safety", core::Severity::warning), "5.5");
    EXPECT_EQ(security_severity("safety", core::Severity::note), "3.0");
    EXPECT_EQ(security_severity("hygiene", core::Severity::error), std::nullopt);
}

TEST(SarifReport, RuleMissingFromTheCatalogStillGetsADescriptor) {
    auto data = base_data();
    data.findings.push_back(plain_finding("a.py", 1, core::Severity::warning, "custom-x", "X"));
    json r = sarif_of(data)["runs"][0]["tool"]["driver"]["rules"][0];
    EXPECT_EQ(r["id"], "custom-x");
    EXPECT_FALSE(r["shortDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(r["fullDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(r["help"]["text"].get<std::string>().empty());
}

TEST(SarifReport, CweTagsInGithubSpelling) {
    auto tags = report::sarif::rule_tags("safety", {"cwe-78", "injection", "CWE-95", "cwe-x"});
    EXPECT_EQ(tags, (std::vector<std::string>{"security", "safety", "external/cwe/cwe-78",
                                              "injection", "external/cwe/cwe-95", "cwe-x"}));
    std::vector<std::string> many;
    for (int i = 0; i < 40; ++i) {
        many.push_back("t" + std::to_string(i));
    }
    EXPECT_EQ(report::sarif::rule_tags("hygiene", many).size(), 20u);
}

TEST(SarifReport, ResultHasLocationRegionAndFingerprints) {
    json result = sarif_of(secret_data())["runs"][0]["results"][0];
    EXPECT_EQ(result["ruleId"], "aws-access-token");
    EXPECT_EQ(result["ruleIndex"], 0);
    EXPECT_EQ(result["level"], "error");
    ASSERT_EQ(result["locations"].size(), 1u);
    const json& loc = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "app/config.py");
    EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_EQ(loc["region"]["startLine"], 2);
    EXPECT_EQ(loc["region"]["startColumn"], 8);
    EXPECT_EQ(loc["region"]["endLine"], 2);
    EXPECT_EQ(loc["region"]["endColumn"], 28); // exclusive: 20 characters
    auto hashes = report::line_hashes("# settings\n" + k_file_line + "\n");
    EXPECT_EQ(result["partialFingerprints"]["primaryLocationLineHash"], hashes[1]);
    EXPECT_EQ(result["partialFingerprints"]["vigil/v1"],
              core::fingerprint_for("aws-access-token", "app/config.py", fake_key()));
}

TEST(SarifReport, NoLineHashWithoutTheSource) {
    auto data = secret_data();
    data.source = nullptr; // upload-sarif computes it from the checkout then
    json prints = sarif_of(data)["runs"][0]["results"][0]["partialFingerprints"];
    EXPECT_FALSE(prints.contains("primaryLocationLineHash"));
    EXPECT_TRUE(prints.contains("vigil/v1"));
}

TEST(SarifReport, SecretsAreMaskedEverywhere) {
    std::string text = [] {
        std::ostringstream out;
        report::write_report(report::Format::sarif, out, secret_data());
        return out.str();
    }();
    EXPECT_EQ(text.find(fake_key()), std::string::npos) << text;
    json result = json::parse(text)["runs"][0]["results"][0];
    EXPECT_EQ(result["message"]["text"], "AWS access key ID (AKIA\xE2\x80\xA6).");
    const json& loc = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["region"]["snippet"]["text"], "AKIA\xE2\x80\xA6");
    EXPECT_EQ(loc["contextRegion"]["snippet"]["text"], "key = \"AKIA\xE2\x80\xA6\"");
}

TEST(SarifReport, ShowSecretsShowsThem) {
    auto data = secret_data();
    data.show_secrets = true;
    json result = sarif_of(data)["runs"][0]["results"][0];
    EXPECT_EQ(result["message"]["text"], "AWS access key ID (" + fake_key() + ").");
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["contextRegion"]["snippet"]["text"],
              k_file_line);
}

TEST(SarifReport, OtherSecretsOnTheLineAreMaskedInOtherFindingsSnippets) {
    auto data = base_data();
    core::Finding f = plain_finding("a.py", 3, core::Severity::note, "todo-comment", "TODO");
    f.line_text = "TODO " + fake_key();
    f.line_secrets = {{5, uint32_t(5 + fake_key().size())}};
    data.findings.push_back(f);
    json loc = sarif_of(data)["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["contextRegion"]["snippet"]["text"], "TODO AKIA\xE2\x80\xA6");
    EXPECT_EQ(loc["region"]["snippet"]["text"], "TODO");
}

TEST(SarifReport, UrisArePercentEncodedRelativeReferences) {
    using report::sarif::artifact_uri;
    EXPECT_EQ(artifact_uri("src/main.cpp"), "src/main.cpp");
    EXPECT_EQ(artifact_uri("dir with space/file name.py"), "dir%20with%20space/file%20name.py");
    EXPECT_EQ(artifact_uri("caf\xC3\xA9/\xE6\x97\xA5.txt"), "caf%C3%A9/%E6%97%A5.txt");
    EXPECT_EQ(artifact_uri("src\\win\\path.c"), "src/win/path.c");
    EXPECT_EQ(artifact_uri("./a#b?c%d:e.txt"), "a%23b%3Fc%25d%3Ae.txt");
    EXPECT_EQ(artifact_uri("bad\xFF.bin"), "bad%FF.bin");
    EXPECT_EQ(artifact_uri("a-b_c.d~e"), "a-b_c.d~e");
    // Absolute paths (path scans given one) are file URIs.
    EXPECT_EQ(artifact_uri("/tmp/abs dir/f.py"), "file:///tmp/abs%20dir/f.py");
    EXPECT_EQ(artifact_uri("//server/x"), "file:///server/x");
    EXPECT_EQ(artifact_uri("C:\\Users\\me\\x.py"), "file:///C:/Users/me/x.py");
}

TEST(SarifReport, ColumnsCountUtf16Units) {
    auto data = base_data();
    // "é😀 = " before the key: 2+4+3 = 9 bytes, 1+2+3 = 6 UTF-16 units, 1+1+3 = 5 characters.
    std::string line = "\xC3\xA9\xF0\x9F\x98\x80 = " + fake_key();
    core::Finding f = secret_finding("u.py", 1, line, fake_key());
    f.location.char_column = 6;
    f.location.char_end_column = 26;
    data.findings.push_back(f);
    json region =
        sarif_of(data)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    EXPECT_EQ(region["startColumn"], 7);
    EXPECT_EQ(region["endColumn"], 27);
}

TEST(SarifReport, MultiLineMatchEndsOnItsLastLine) {
    core::Finding f = plain_finding("k.pem", 4, core::Severity::error, "todo-comment", "key");
    f.line_text = "  -----BEGIN\nabc\xC3\xA9\nEND-----";
    f.location.end_line = 6;
    f.location.column = 3;
    f.location.end_column = 9; // after "END-----" on line 6
    auto r = report::sarif::finding_region(f, std::nullopt);
    EXPECT_EQ(r.start_line, 4u);
    EXPECT_EQ(r.start_column, 3u);
    EXPECT_EQ(r.end_line, 6u);
    EXPECT_EQ(r.end_column, 9u);
}

TEST(SarifReport, WholeFileFindingCoversTheFirstLine) {
    core::Finding f = plain_finding("big.bin", 0, core::Severity::warning, "large", "big");
    f.location = {"big.bin", 0, 0, 0, 0, 0, 0};
    f.line_text.clear();
    auto r = report::sarif::finding_region(f, std::string("h\xC3\xA9llo\r\nrest\n"));
    EXPECT_EQ(r.start_line, 1u);
    EXPECT_EQ(r.start_column, 1u);
    EXPECT_EQ(r.end_line, 1u);
    EXPECT_EQ(r.end_column, 6u);
    auto unknown = report::sarif::finding_region(f, std::nullopt);
    EXPECT_EQ(unknown.start_line, 1u);
    EXPECT_EQ(unknown.end_column, 1u); // never 0
}

TEST(SarifReport, WholeFileResultIsHashedOnLineOne) {
    auto data = base_data();
    core::Finding f = plain_finding("notes.txt", 0, core::Severity::warning, "todo-comment", "x");
    f.location = {"notes.txt", 0, 0, 0, 0, 0, 0};
    f.line_text.clear();
    data.findings.push_back(f);
    data.source = [](std::string_view, std::string_view) -> std::optional<std::string> {
        return std::string("one\ntwo\n");
    };
    json result = sarif_of(data)["runs"][0]["results"][0];
    EXPECT_EQ(result["partialFingerprints"]["primaryLocationLineHash"],
              report::line_hashes("one\ntwo\n")[0]);
    const json& loc = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["region"]["startLine"], 1);
    EXPECT_EQ(loc["region"]["endColumn"], 4);
    EXPECT_FALSE(loc.contains("contextRegion"));
}

TEST(SarifReport, MatchOnWholeLineHasNoContextRegion) {
    auto data = base_data();
    core::Finding f = plain_finding("a.py", 1, core::Severity::note, "todo-comment", "TODO");
    f.line_text = "TODO";
    data.findings.push_back(f);
    json loc = sarif_of(data)["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    EXPECT_FALSE(loc.contains("contextRegion")); // it would not be a proper superset
    EXPECT_EQ(loc["region"]["snippet"]["text"], "TODO");
}

TEST(SarifReport, CapKeepsTheMostSevereAndSaysSo) {
    auto data = base_data();
    for (int i = 0; i < 5003; ++i) {
        data.findings.push_back(
            plain_finding("n.py", uint32_t(i + 1), core::Severity::note, "todo-comment", "n"));
    }
    data.findings.insert(data.findings.begin() + 2000,
                         secret_finding("s.py", 1, k_file_line, fake_key()));
    json run = sarif_of(data)["runs"][0];
    ASSERT_EQ(run["results"].size(), 5000u);
    EXPECT_EQ(run["results"][2000]["ruleId"], "aws-access-token"); // kept, in report order
    EXPECT_EQ(run["properties"]["resultsOmitted"], 4);
    EXPECT_EQ(run["properties"]["findings"], 5004);
    const json& notes = run["invocations"][0]["toolExecutionNotifications"];
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["level"], "warning");
    EXPECT_NE(notes[0]["message"]["text"].get<std::string>().find("5004"), std::string::npos);
}

TEST(SarifReport, KeptResultsPreferErrors) {
    std::vector<core::Finding> findings;
    findings.push_back(plain_finding("a", 1, core::Severity::note, "r", "m"));
    findings.push_back(plain_finding("a", 2, core::Severity::error, "r", "m"));
    findings.push_back(plain_finding("a", 3, core::Severity::warning, "r", "m"));
    findings.push_back(plain_finding("a", 4, core::Severity::error, "r", "m"));
    EXPECT_EQ(report::sarif::kept_results(findings, 2), (std::vector<size_t>{1, 3}));
    EXPECT_EQ(report::sarif::kept_results(findings, 3), (std::vector<size_t>{1, 2, 3}));
    EXPECT_EQ(report::sarif::kept_results(findings, 9), (std::vector<size_t>{0, 1, 2, 3}));
}

TEST(SarifReport, EmptyRunHasAnEmptyResultsArray) {
    json run = sarif_of(base_data())["runs"][0];
    ASSERT_TRUE(run["results"].is_array());
    EXPECT_TRUE(run["results"].empty());
    EXPECT_TRUE(run["tool"]["driver"]["rules"].is_array());
    EXPECT_FALSE(run["invocations"][0].contains("toolExecutionNotifications"));
}

TEST(SarifReport, SkippedFilesAreANote) {
    auto data = base_data();
    data.summary.skipped = {
        {"a.bin", "binary", ""}, {"b.bin", "binary", ""}, {"c", "too large", ""}};
    json notes = sarif_of(data)["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["level"], "note");
    EXPECT_EQ(notes[0]["message"]["text"], "3 files not scanned: binary (2), too large (1).");
}

TEST(SarifReport, TimesAreRfc3339) {
    auto data = base_data();
    data.start_time = "2026-11-22T09:00:00";
    data.end_time = "garbage";
    json inv = sarif_of(data)["runs"][0]["invocations"][0];
    EXPECT_EQ(inv["startTimeUtc"], "2026-11-22T09:00:00Z");
    EXPECT_FALSE(inv.contains("endTimeUtc"));
}

TEST(SarifReport, HistoryResultsNameTheirCommit) {
    auto data = secret_data();
    data.findings[0].commit = std::string(40, 'a');
    json result = sarif_of(data)["runs"][0]["results"][0];
    EXPECT_EQ(result["properties"]["commit"], std::string(40, 'a'));
}

core::Suggestion suggestion(const core::Finding& f, uint32_t start, uint32_t end,
                            std::string removed, std::string inserted) {
    core::Suggestion s;
    s.path = f.location.path;
    s.rule_id = f.rule_id;
    s.fingerprint = f.fingerprint;
    s.description = "Drop the TODO";
    s.base_id = std::string(40, 'b');
    s.start_line = start;
    s.end_line = end;
    s.removed = std::move(removed);
    s.inserted = std::move(inserted);
    s.safe = true;
    return s;
}

TEST(SarifReport, SuggestionBecomesAFix) {
    auto data = base_data();
    core::Finding f = plain_finding("dir x/a.py", 3, core::Severity::note, "todo-comment", "TODO");
    data.findings.push_back(f);
    data.suggestions.push_back(suggestion(f, 3, 4, "TODO: tidy\nmore\n", "done\n"));
    json fix = sarif_of(data)["runs"][0]["results"][0]["fixes"][0];
    EXPECT_EQ(fix["description"]["text"], "Drop the TODO.");
    const json& change = fix["artifactChanges"][0];
    EXPECT_EQ(change["artifactLocation"]["uri"], "dir%20x/a.py");
    const json& rep = change["replacements"][0];
    // Lines 3-4 with their newlines: up to the start of line 5, in the unmodified file.
    EXPECT_EQ(rep["deletedRegion"],
              json({{"startLine", 3}, {"startColumn", 1}, {"endLine", 5}, {"endColumn", 1}}));
    EXPECT_EQ(rep["insertedContent"]["text"], "done\n");
    EXPECT_EQ(fix["properties"]["baseBlob"], std::string(40, 'b'));
}

TEST(SarifReport, DeletedRegionShapes) {
    core::Finding f = plain_finding("a.py", 1, core::Severity::note, "todo-comment", "TODO");
    // Pure insertion before line 2: an empty region.
    auto ins = report::sarif::deleted_region(suggestion(f, 2, 1, "", "new\n"));
    EXPECT_EQ(ins.start_line, 2u);
    EXPECT_EQ(ins.end_line, 2u);
    EXPECT_EQ(ins.start_column, 1u);
    EXPECT_EQ(ins.end_column, 1u);
    // The last line without a newline: to its end, in UTF-16 units.
    auto last = report::sarif::deleted_region(suggestion(f, 7, 8, "x\n\xF0\x9F\x98\x80y", "z"));
    EXPECT_EQ(last.start_line, 7u);
    EXPECT_EQ(last.end_line, 8u);
    EXPECT_EQ(last.end_column, 4u);
}

TEST(SarifReport, FixThatWouldShowASecretIsLeftOut) {
    auto data = base_data();
    core::Finding f = plain_finding("a.py", 1, core::Severity::note, "todo-comment", "TODO");
    f.line_text = "TODO " + fake_key() + "  ";
    f.line_secrets = {{5, uint32_t(5 + fake_key().size())}};
    data.findings.push_back(f);
    data.suggestions.push_back(
        suggestion(f, 1, 1, f.line_text + "\n", "TODO " + fake_key() + "\n"));
    std::ostringstream out;
    report::write_report(report::Format::sarif, out, data);
    EXPECT_EQ(out.str().find(fake_key()), std::string::npos);
    json result = json::parse(out.str())["runs"][0]["results"][0];
    EXPECT_FALSE(result.contains("fixes"));
    EXPECT_TRUE(result["properties"].contains("fixOmitted"));

    data.show_secrets = true; // then the fix can be given as it is
    EXPECT_TRUE(sarif_of(data)["runs"][0]["results"][0].contains("fixes"));
}

TEST(SarifReport, IllFormedBytesStillMakeValidJson) {
    auto data = base_data();
    core::Finding f = plain_finding("bad\xFF.py", 1, core::Severity::note, "todo-comment", "T\xFE");
    f.line_text = "TODO \xC0 x";
    data.findings.push_back(f);
    json result = sarif_of(data)["runs"][0]["results"][0];
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bad%FF.py");
}

TEST(SarifReport, ClippedKeepsWholeCharacters) {
    using report::sarif::clipped;
    EXPECT_EQ(clipped("short", 10), "short");
    std::string cut = clipped("ab\xC3\xA9\xC3\xA9\xC3\xA9xyz", 8);
    EXPECT_LE(cut.size(), 8u);
    EXPECT_EQ(cut, "ab\xC3\xA9\xE2\x80\xA6");
}

TEST(SarifReport, HelpMarkdownShowsPlainTextAsWritten) {
    using report::sarif::markdown_escaped;
    EXPECT_EQ(markdown_escaped("add (*.orig, *~) to .gitignore"),
              "add (\\*.orig, \\*\\~) to .gitignore");
    EXPECT_EQ(markdown_escaped("delete the <<<<<<< lines"),
              "delete the \\<\\<\\<\\<\\<\\<\\< lines");
    EXPECT_EQ(markdown_escaped("use `a_b[0] * 2` or x_y"), "use `a_b[0] * 2` or x\\_y");
}

TEST(SarifReport, RuleNames) {
    EXPECT_EQ(report::sarif::rule_name("aws-access-token"), "AwsAccessToken");
    EXPECT_EQ(report::sarif::rule_name("c_debug.printf2"), "CDebugPrintf2");
    EXPECT_EQ(report::sarif::rule_name("---"), "Rule");
}

} // namespace
} // namespace vigil::test
