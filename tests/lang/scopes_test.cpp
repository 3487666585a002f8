// The same text in code, in a comment and in a string: what scope_map says of each.
#include <gtest/gtest.h>
#include <string>
#include <vigil/lang/scopes.hpp>

namespace vigil::lang {
namespace {

// The scope at the first byte of `needle`'s `nth` occurrence (0-based) in `text`.
Scope scope_of(const ScopeMap& map, const std::string& text, const std::string& needle,
               int nth = 0) {
    size_t at = text.find(needle);
    for (int i = 0; i < nth && at != std::string::npos; ++i) {
        at = text.find(needle, at + 1);
    }
    EXPECT_NE(at, std::string::npos) << needle;
    return map.at(uint32_t(at));
}

struct Case {
    std::string grammar;
    std::string text; // holds "eval(" three times: code, comment, string
};

void check_code_comment_string(const Case& c) {
    SCOPED_TRACE(c.grammar);
    ScopeMap map = scope_map(c.grammar, c.text);
    ASSERT_TRUE(map.parsed()) << map.reason();
    EXPECT_EQ(scope_of(map, c.text, "eval(", 0), Scope::code);
    EXPECT_EQ(scope_of(map, c.text, "eval(", 1), Scope::comment);
    EXPECT_EQ(scope_of(map, c.text, "eval(", 2), Scope::string);
}

TEST(Scopes, SameTextInCodeCommentAndString) {
    check_code_comment_string(
        {"python", "x = eval(data)\n# eval(data) is unsafe\ny = 'eval(data)'\n"});
    check_code_comment_string(
        {"python",
         "def f():\n    eval(data)\n    # eval(data)\n    \"\"\"\n    eval(data)\n    \"\"\"\n"});
    check_code_comment_string({"javascript", "eval(x);\n// eval(x)\nconst s = \"eval(x)\";\n"});
    check_code_comment_string({"typescript", "eval(x);\n/* eval(x) */\nconst s = `eval(x)`;\n"});
    check_code_comment_string({"ruby", "eval(x)\n# eval(x)\ns = \"eval(x)\"\n"});
    check_code_comment_string({"bash", "eval(x) 2>/dev/null\n# eval(x)\necho 'eval(x)'\n"});
    check_code_comment_string({"go", "func f() {\n\teval(x)\n\t// eval(x)\n\ts := `eval(x)`\n}\n"});
    check_code_comment_string(
        {"rust", "fn f() {\n    eval(x);\n    // eval(x)\n    let s = r\"eval(x)\";\n}\n"});
    check_code_comment_string(
        {"c", "void f(void) {\n    eval(x);\n    /* eval(x) */\n    puts(\"eval(x)\");\n}\n"});
    check_code_comment_string(
        {"cpp", "void f() {\n    eval(x);\n    // eval(x)\n    auto s = R\"(eval(x))\";\n}\n"});
    check_code_comment_string(
        {"java",
         "class A { void f() {\n    eval(x);\n    // eval(x)\n    String s = \"eval(x)\";\n} }\n"});
}

TEST(Scopes, InterpolationInsideAStringIsCode) {
    std::string py = "msg = f\"result: {eval(data)}\"\n";
    ScopeMap map = scope_map("python", py);
    ASSERT_TRUE(map.parsed());
    EXPECT_EQ(scope_of(map, py, "result"), Scope::string);
    EXPECT_EQ(scope_of(map, py, "eval("), Scope::code);

    std::string js = "const s = `run ${eval(code)} now`;\n";
    ScopeMap js_map = scope_map("javascript", js);
    EXPECT_EQ(scope_of(js_map, js, "run"), Scope::string);
    EXPECT_EQ(scope_of(js_map, js, "eval("), Scope::code);

    std::string sh = "echo \"today: $(eval \"$cmd\")\"\n";
    ScopeMap sh_map = scope_map("bash", sh);
    EXPECT_EQ(scope_of(sh_map, sh, "today"), Scope::string);
    EXPECT_EQ(scope_of(sh_map, sh, "eval"), Scope::code);
}

TEST(Scopes, LineAndColumnAddressing) {
    std::string text = "a = 1\n# note\nb = 'x'\n";
    ScopeMap map = scope_map("python", text);
    EXPECT_EQ(map.at(1, 1), Scope::code);
    EXPECT_EQ(map.at(2, 1), Scope::comment);
    EXPECT_EQ(map.at(3, 5), Scope::string);
    EXPECT_EQ(map.at(3, 1), Scope::code);
    EXPECT_EQ(map.at(99, 1), Scope::code);
}

TEST(Scopes, UnparsedMapIsAllCodeAndSaysWhy) {
    ScopeMap map = scope_map("", "# eval(x)\n");
    EXPECT_FALSE(map.parsed());
    EXPECT_FALSE(map.reason().empty());
    EXPECT_EQ(map.at(1, 3), Scope::code);
}

} // namespace
} // namespace vigil::lang
