#include <gtest/gtest.h>
#include <string>
#include <vigil/lang/syntax.hpp>

namespace vigil::lang {
namespace {

TEST(Syntax, IntroducedErrorIsFoundOnItsLine) {
    std::string before = "def put(k):\n    return k\n\ndef get(k):\n    return k\n";
    std::string after = "def put(k):\n    return k\n\ndef get(k:\n    return k\n";
    auto check = introduced_syntax_errors("python", before, after);
    ASSERT_TRUE(check.parsed) << check.reason;
    ASSERT_FALSE(check.errors.empty());
    EXPECT_EQ(check.errors.front().line, 4u);
}

TEST(Syntax, ErrorThatWasAlreadyThereIsNotNew) {
    std::string before = "int f( { return 0; }\n";
    std::string after = "// a comment above\nint f( { return 0; }\nint g(void) { return 1; }\n";
    ASSERT_FALSE(syntax_errors("c", before).errors.empty());
    auto check = introduced_syntax_errors("c", before, after);
    ASSERT_TRUE(check.parsed);
    EXPECT_TRUE(check.errors.empty()) << check.errors.front().line_text;
}

TEST(Syntax, AddedFileWithErrorsReportsThem) {
    auto check = introduced_syntax_errors("json", "", "{\"a\": 1,, \"b\": 2}\n");
    ASSERT_TRUE(check.parsed);
    EXPECT_FALSE(check.errors.empty());
}

TEST(Syntax, MissingTokenNamesWhatWasExpected) {
    auto check = syntax_errors("javascript", "function f() {\n  return g(1;\n}\n");
    ASSERT_TRUE(check.parsed);
    ASSERT_FALSE(check.errors.empty());
    bool named = false;
    for (const auto& e : check.errors) {
        named = named || (e.missing && !e.expected.empty());
        EXPECT_EQ(e.line, 2u);
    }
    EXPECT_TRUE(named);
}

TEST(Syntax, PerLanguageBreakages) {
    const std::tuple<std::string_view, std::string_view, std::string_view> cases[] = {
        {"go", "package m\nfunc f() int { return 1 }\n", "package m\nfunc f() int { return 1 \n"},
        {"rust", "fn f() -> u8 { 1 }\n", "fn f() -> u8 { let x = ; 1 }\n"},
        {"java", "class A { int f() { return 1; } }\n", "class A { int f() { return 1 } }\n"},
        {"ruby", "def f\n  1\nend\n", "def f\n  (1\nend\n"},
        {"bash", "if true; then echo; fi\n", "if true; then echo; \n"},
        {"cpp", "struct S { int x; };\n", "struct S { int x; ;\n"},
        {"typescript", "let x: number = 1;\n", "let x: number = ;\n"},
        {"tsx", "const a = <b>x</b>;\n", "const a = <b>{x</b>;\n"},
    };
    for (auto [name, good, bad] : cases) {
        auto check = introduced_syntax_errors(name, good, bad);
        ASSERT_TRUE(check.parsed) << name << ": " << check.reason;
        EXPECT_FALSE(check.errors.empty()) << name;
        EXPECT_TRUE(introduced_syntax_errors(name, bad, good).errors.empty()) << name << " fixed";
    }
}

TEST(Syntax, UnknownGrammarDegradesWithAReason) {
    auto check = syntax_errors("", "anything");
    EXPECT_FALSE(check.parsed);
    EXPECT_FALSE(check.reason.empty());
}

TEST(Syntax, OverTheByteLimitIsNotParsed) {
    std::string big(2000, 'x');
    auto check = syntax_errors("python", big, {.max_bytes = 1000});
    EXPECT_FALSE(check.parsed);
    EXPECT_NE(check.reason.find("1000 bytes"), std::string::npos) << check.reason;
}

// A budget that cannot be met; the parser must be usable again right after.
TEST(Syntax, TimeBudgetStopsTheParseAndTheParserRecovers) {
    std::string big;
    for (int i = 0; i < 60000; ++i) {
        big += "def f" + std::to_string(i) + "(a, b):\n    return [a + b for a in range(b)]\n";
    }
    auto check = syntax_errors("python", big, {.max_bytes = 64u << 20, .time_budget_micros = 1});
    EXPECT_FALSE(check.parsed);
    EXPECT_NE(check.reason.find("time budget"), std::string::npos) << check.reason;
    auto after = syntax_errors("python", "x = 1\n");
    EXPECT_TRUE(after.parsed) << after.reason;
    EXPECT_TRUE(after.errors.empty());
}

} // namespace
} // namespace vigil::lang
