// line_filter_for: what a regex needs of a line, and that a line it refuses holds no match
// (checked against RE2 itself for every built-in regex that gets a filter).
#include "rules_test_helpers.hpp"

#include <re2/re2.h>
#include <vigil/rules/rule_set.hpp>

namespace vigil::rules {
namespace {

LineFilter::Bytes bytes_of(std::string_view s) {
    LineFilter::Bytes b;
    for (char c : s) {
        b.set(uint8_t(c));
    }
    return b;
}

TEST(LineFilter, TrailingWhitespaceMustEndTheLineOnSpaceTabOrCarriageReturn) {
    LineFilter f = line_filter_for(R"((?m)[ \t]+\r?$)");
    ASSERT_TRUE(f.line_bound);
    EXPECT_TRUE(f.ends_line);
    EXPECT_EQ(f.min_bytes, 1u);
    EXPECT_EQ(f.last_bytes, bytes_of(" \t\r"));
    EXPECT_TRUE(f.admits("x = 1 "));
    EXPECT_TRUE(f.admits("\t"));
    EXPECT_TRUE(f.admits("x \r")); // a CR the line's own CR-stripping left in
    EXPECT_FALSE(f.admits("x = 1"));
    EXPECT_FALSE(f.admits(""));
    EXPECT_FALSE(f.admits("  x"));
}

TEST(LineFilter, LongLineNeedsItsLengthInBytes) {
    LineFilter f = line_filter_for(R"((?m)^[^\n]{301,})");
    ASSERT_TRUE(f.line_bound);
    EXPECT_FALSE(f.ends_line);
    EXPECT_EQ(f.min_bytes, 301u);
    EXPECT_TRUE(f.admits(std::string(301, 'x')));
    EXPECT_FALSE(f.admits(std::string(300, 'x')));
    // 200 two-byte characters: 400 bytes but 200 characters; the regex decides.
    std::string wide;
    for (int i = 0; i < 200; ++i) {
        wide += "\xc3\xa9";
    }
    EXPECT_TRUE(f.admits(wide));
}

TEST(LineFilter, LengthsAddUpThroughGroupsAlternationsAndRepeats) {
    EXPECT_EQ(line_filter_for(R"(ghp_[0-9a-zA-Z]{36})").min_bytes, 40u);
    EXPECT_EQ(line_filter_for(R"((?:abc|de)x?)").min_bytes, 2u);
    EXPECT_EQ(line_filter_for(R"((ab){2,}c*)").min_bytes, 4u);
    EXPECT_EQ(line_filter_for(R"(a{0}b)").min_bytes, 1u);
    EXPECT_EQ(line_filter_for(R"(x{,3})").min_bytes, 5u); // `{,3}` is literal text to RE2
    EXPECT_EQ(line_filter_for("\xc3\xa9t\xc3\xa9").min_bytes, 5u);
    EXPECT_EQ(line_filter_for("(?i)\xc3\xa9t\xc3\xa9").min_bytes, 3u); // may fold to ASCII
    EXPECT_EQ(line_filter_for(R"(\.\*[\t]?)").min_bytes, 2u);
}

TEST(LineFilter, LastBytesFollowCaseAndOptionalEnds) {
    LineFilter f = line_filter_for(R"((?mi)token;?$)");
    ASSERT_TRUE(f.ends_line);
    EXPECT_TRUE(f.last_bytes.test('n'));
    EXPECT_TRUE(f.last_bytes.test('N'));
    EXPECT_TRUE(f.last_bytes.test(';'));
    EXPECT_TRUE(f.last_bytes.test(0xaa)); // KELVIN SIGN folds with k, so any high byte
    EXPECT_FALSE(f.last_bytes.test('x'));
    // Flags end with their group.
    LineFilter g = line_filter_for(R"((?m)(?i:a)b$)");
    EXPECT_EQ(g.last_bytes, bytes_of("b"));
    // A `$` inside one branch only does not end every match at a line end.
    EXPECT_FALSE(line_filter_for(R"((?m)(?:a$|b))").ends_line);
    EXPECT_TRUE(line_filter_for(R"((?m)(?:a|b)$\b)").ends_line);
}

TEST(LineFilter, ClassesGiveTheirBytes) {
    EXPECT_EQ(line_filter_for(R"((?m)[a-c\d]$)").last_bytes, bytes_of("abc0123456789"));
    LineFilter negated = line_filter_for(R"((?m)[^a\n]$)");
    EXPECT_FALSE(negated.last_bytes.test('a'));
    EXPECT_FALSE(negated.last_bytes.test('\n'));
    EXPECT_TRUE(negated.last_bytes.test('b'));
    EXPECT_TRUE(negated.last_bytes.test(0xbf));
    EXPECT_EQ(line_filter_for(R"((?m)[[:digit:]]$)").last_bytes, bytes_of("0123456789"));
    EXPECT_EQ(line_filter_for(R"((?m)[]x]$)").last_bytes, bytes_of("]x"));
    EXPECT_TRUE(line_filter_for(R"((?m)[a-é]$)").last_bytes.test(0xa9));
}

TEST(LineFilter, WhatItCannotReadGivesNoFilter) {
    for (const char* pattern :
         {R"(\Atoken)", R"(token\z)", R"(^token)", R"(token$)", R"((?s)a.b)", R"(a\nb)", R"(a\sb)",
          R"([^\pL]x)", R"(a\Cb)", R"(\Qa.b\E)", R"(a\1)", R"((?x)a b)", R"(a(?=b))"}) {
        EXPECT_FALSE(line_filter_for(pattern).line_bound) << pattern;
    }
}

// Lines that try the edges: CR endings, lengths at a limit, tabs, UTF-8, empty lines.
std::vector<std::string> edge_lines() {
    std::vector<std::string> lines = {"",
                                      " ",
                                      "\t",
                                      "x",
                                      "x ",
                                      "x\t",
                                      "x \r",
                                      "x\r",
                                      "\r",
                                      "  indented",
                                      "\tx = 1",
                                      "x = 1 # note  ",
                                      "caf\xc3\xa9 ",
                                      "caf\xc3\xa9",
                                      "\xe2\x84\xaa",
                                      "\xff"};
    for (size_t n : {35, 36, 40, 63, 64, 299, 300, 301, 302}) {
        lines.push_back(std::string(n, 'a'));
        lines.push_back(std::string(n - 1, 'b') + " ");
        std::string wide;
        while (wide.size() + 2 <= n) {
            wide += "\xc3\xa9";
        }
        lines.push_back(wide);
    }
    return lines;
}

// Soundness against RE2: whenever the filter refuses a line, the regex finds no non-empty
// match on it. Over every built-in regex that gets a filter, on edge lines and the rule's own
// examples, one line at a time.
TEST(LineFilter, ARefusedLineNeverHoldsAMatchOfAnyBuiltInRegex) {
    auto rules = RuleSet::defaults();
    ASSERT_TRUE(rules.has_value());
    size_t filtered = 0;
    for (size_t i = 0; i < rules->size(); ++i) {
        const Rule& rule = rules->rule(i);
        LineFilter filter = line_filter_for(rule.regex);
        if (rule.regex.empty() || !filter.line_bound) {
            continue;
        }
        ++filtered;
        RE2 re(rule.regex);
        ASSERT_TRUE(re.ok()) << rule.id;
        std::vector<std::string> lines = edge_lines();
        for (const auto& example : rule.examples) {
            for (auto& line : test::split_lines(example.text)) {
                lines.push_back(line);
                if (line.ends_with('\r')) {
                    line.pop_back();
                    lines.push_back(line);
                }
            }
        }
        for (const auto& line : lines) {
            if (filter.admits(line)) {
                continue;
            }
            re2::StringPiece text(line), match;
            size_t pos = 0;
            while (pos <= line.size() &&
                   re.Match(text, pos, line.size(), RE2::UNANCHORED, &match, 1)) {
                EXPECT_TRUE(match.empty()) << rule.id << " matched a refused line: " << line;
                pos = size_t(match.data() - line.data()) + std::max<size_t>(match.size(), 1);
            }
        }
    }
    EXPECT_GT(filtered, 100u); // most built-in regexes stay on one line
}

// The same soundness on made-up patterns the packs do not use, over random lines of the
// bytes they turn on (blanks, CR, letters that fold to non-ASCII, UTF-8, punctuation).
TEST(LineFilter, ARefusedRandomLineNeverHoldsAMatch) {
    const char* patterns[] = {
        R"((?m)[ \t]+\r?$)",    R"((?m)\w[ \t]$)",     R"((?mi)k;?$)",
        R"((?m)(?:ab|c)+$)",    R"((?m)[^a-z\n]{3}$)", R"((?m)^\t*[^\n]{20,};$)",
        R"((?m)(?i:K)\b$)",     R"((?m)\x{e9}$)",      R"((?m)[[:punct:]]{2}$)",
        R"((?m)x{2,3}(?:y|)$)", R"((?m)\S+\s?$)",      R"([^\n]{12,})",
        R"((?i)\xe9{4})",       R"((?m)(?P<g>a|\.)$)", R"((?m)[\d\-]+;$)",
    };
    const std::string pieces[] = {" ",
                                  "\t",
                                  "\r",
                                  "a",
                                  "b",
                                  "c",
                                  "k",
                                  "K",
                                  "x",
                                  "y",
                                  ";",
                                  ".",
                                  "-",
                                  "1",
                                  "_",
                                  "\xc3\xa9",
                                  "\xe2\x84\xaa",
                                  "\xc5\xbf",
                                  "!"};
    uint32_t seed = 12345;
    auto next = [&] {
        seed = seed * 1103515245u + 12345u;
        return seed >> 8;
    };
    size_t refused = 0;
    for (const char* pattern : patterns) {
        LineFilter filter = line_filter_for(pattern);
        RE2 re(pattern);
        ASSERT_TRUE(re.ok()) << pattern;
        for (int n = 0; n < 3000; ++n) {
            std::string line;
            for (uint32_t k = next() % 30; k > 0; --k) {
                line += pieces[next() % std::size(pieces)];
            }
            if (filter.admits(line)) {
                continue;
            }
            ++refused;
            re2::StringPiece text(line), match;
            size_t pos = 0;
            while (pos <= line.size() &&
                   re.Match(text, pos, line.size(), RE2::UNANCHORED, &match, 1)) {
                EXPECT_TRUE(match.empty()) << pattern << " matched a refused line: " << line;
                pos = size_t(match.data() - line.data()) + std::max<size_t>(match.size(), 1);
            }
        }
    }
    EXPECT_GT(refused, 10000u); // the filters do refuse lines
}

TEST(LineFilter, TheHygieneRulesWithoutKeywordsGetTheirFilters) {
    auto rules = RuleSet::defaults();
    ASSERT_TRUE(rules.has_value());
    auto trailing = rules->find("trailing-whitespace");
    auto long_line = rules->find("long-line");
    ASSERT_EQ(trailing.size(), 1u);
    ASSERT_EQ(long_line.size(), 1u);
    EXPECT_TRUE(rules->line_filter(trailing[0]).ends_line);
    EXPECT_EQ(rules->line_filter(long_line[0]).min_bytes, 301u);
}

} // namespace
} // namespace vigil::rules
