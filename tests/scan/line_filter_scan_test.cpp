// Rules with a line filter (rules::LineFilter) give the findings their regex gives over the
// whole fragment: edge lines (CRLF, a line at the length limit, tabs, a last line without a
// newline, UTF-8) against RE2 run over the full text.
#include <gtest/gtest.h>
#include <vigil/git/paths.hpp>
#include <vigil/rules/rule_set.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::test {
namespace {

// Without keywords; one needs a line end on given bytes, one 70 bytes, one both; the fourth has
// a keyword that need not be on the line it matches (a user rule: not run by keyword lines).
const char* k_rules = R"(
[[rules]]
id = "trailing"
description = "trailing blanks"
category = "hygiene"
regex = '''(?m)[ \t]+\r?$'''
fix = ""
[[rules]]
id = "long"
description = "long line"
category = "hygiene"
regex = '''(?m)^[^\n]{70,}'''
[[rules]]
id = "long-ending-semicolon"
description = "long statement"
category = "hygiene"
regex = '''(?m)^\t*[^\n]{60,};$'''
[[rules]]
id = "keyword-elsewhere"
description = "blank after a word, in files that mention zz"
category = "hygiene"
regex = '''(?m)\w[ \t]$'''
keywords = ["zz"]
)";

rules::RuleSet load() {
    auto loaded = rules::RuleSet::from_toml(k_rules, "test.toml");
    if (!loaded) {
        ADD_FAILURE() << loaded.error().describe();
        std::abort();
    }
    return std::move(*loaded);
}

std::string edge_text() {
    std::string text;
    auto add = [&](const std::string& line) { text += line + "\n"; };
    add("zz plain line");
    add("trailing space ");
    add("trailing tab\t");
    add("crlf line\r");
    add("crlf with blank \r");
    add("two carriage returns \r\r");
    add("");
    add(" ");
    add(std::string(69, 'a'));
    add(std::string(70, 'b'));
    add(std::string(71, 'c') + " ");
    add("\t" + std::string(58, 'd') + ";"); // 60 bytes: one short
    add("\t" + std::string(60, 'e') + ";");
    add(std::string(61, 'f') + ";\r");
    std::string wide; // 36 two-byte characters: 72 bytes, 36 characters
    for (int i = 0; i < 36; ++i) {
        wide += "\xc3\xa9";
    }
    add(wide);
    add(wide + wide);
    text += "last line without newline " + std::string(80, 'g') + " ";
    return text;
}

// "rule:line:column-end_column" of every match RE2 finds over the fragment as the scanner
// builds it (each line without a final CR, joined by line breaks).
std::vector<std::string> reference(const rules::RuleSet& rules, const core::FileChange& file) {
    std::string fragment;
    std::vector<uint32_t> starts;
    for (const auto& line : file.hunks[0].lines) {
        starts.push_back(uint32_t(fragment.size()));
        fragment += line.text();
        fragment += line.no_newline_at_eof ? "" : "\n";
    }
    std::vector<rules::Match> matches;
    for (size_t i = 0; i < rules.size(); ++i) {
        rules.match_rule(i, file.path(), fragment, {}, matches);
    }
    std::vector<std::string> out;
    for (const auto& m : matches) {
        auto line =
            size_t(std::upper_bound(starts.begin(), starts.end(), m.begin) - starts.begin());
        out.push_back(rules.rule(m.rule).id + ":" + std::to_string(line) + ":" +
                      std::to_string(m.begin - starts[line - 1] + 1) + "-" +
                      std::to_string(m.end - starts[line - 1] + 1));
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(LineFilterScan, FindingsAreThoseOfTheRegexOverTheWholeFragment) {
    auto rules = load();
    ASSERT_TRUE(rules.line_filter(0).ends_line);
    ASSERT_EQ(rules.line_filter(1).min_bytes, 70u);
    ASSERT_TRUE(rules.line_filter(2).ends_line);
    ASSERT_EQ(rules.line_filter(2).min_bytes, 61u);
    ASSERT_TRUE(rules.line_filter(3).ends_line);
    core::ChangeSet cs;
    cs.files.push_back(git::file_as_added("src/edge.c", edge_text()));
    auto findings = scan::scan_changes(rules, cs);
    std::vector<std::string> got;
    for (const auto& f : findings) {
        got.push_back(f.rule_id + ":" + std::to_string(f.location.line) + ":" +
                      std::to_string(f.location.column) + "-" +
                      std::to_string(f.location.end_column));
    }
    std::sort(got.begin(), got.end());
    std::vector<std::string> want = reference(rules, cs.files[0]);
    EXPECT_EQ(got, want);
    // The edges themselves: what each rule must and must not find.
    auto has = [&](const std::string& id, int line) {
        std::string prefix = id + ":" + std::to_string(line) + ":";
        return std::any_of(got.begin(), got.end(),
                           [&](const std::string& g) { return g.starts_with(prefix); });
    };
    EXPECT_TRUE(has("trailing", 2));
    EXPECT_TRUE(has("trailing", 3));
    EXPECT_FALSE(has("trailing", 4)); // CRLF: the CR is not a blank
    EXPECT_TRUE(has("trailing", 5));
    EXPECT_TRUE(has("trailing", 6)); // " \r" is left after the CR of the line break goes
    EXPECT_TRUE(has("trailing", 8));
    EXPECT_FALSE(has("long", 9));  // 69 bytes
    EXPECT_TRUE(has("long", 10));  // exactly 70
    EXPECT_FALSE(has("long", 15)); // 72 bytes but 36 characters
    EXPECT_TRUE(has("long", 16));
    EXPECT_FALSE(has("long-ending-semicolon", 12));
    EXPECT_TRUE(has("long-ending-semicolon", 13));
    EXPECT_TRUE(has("long-ending-semicolon", 14)); // CRLF
    EXPECT_TRUE(has("trailing", 17));              // the last line, without a newline
    EXPECT_TRUE(has("long", 17));
    EXPECT_TRUE(has("keyword-elsewhere", 2));
    EXPECT_EQ(findings.size(), want.size());
}

} // namespace
} // namespace vigil::test
