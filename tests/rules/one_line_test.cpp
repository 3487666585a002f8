// stays_on_one_line: which built-in regexes may run on keyword lines only. Unsure means no.
#include <gtest/gtest.h>
#include <vigil/rules/rule_set.hpp>

namespace vigil::rules {
namespace {

TEST(StaysOnOneLine, PlainTokensAndMultilineAnchors) {
    EXPECT_TRUE(stays_on_one_line(R"(\b(ghp_[0-9a-zA-Z]{36})\b)"));
    EXPECT_TRUE(stays_on_one_line(R"((?m)^[ \t]*password[ \t]*=[ \t]*(\S+)$)"));
    EXPECT_TRUE(stays_on_one_line(R"((?i)key[^\n"']{0,20}=(.+))"));
    EXPECT_TRUE(stays_on_one_line(R"(token=[^\s"']+)"));
    EXPECT_TRUE(stays_on_one_line(R"([\w.-]+@[a-z]+)"));
}

TEST(StaysOnOneLine, AnythingThatMayCrossALineIsRefused) {
    for (const char* pattern : {R"(key\s*=\s*(\w+))", R"(-----BEGIN[\s\S]*-----END)", R"((?s)a.*b)",
                                R"((?is:a.b))", R"(a[^"]*b)", R"(a\nb)", R"(a\x0ab)", R"(a\Wb)",
                                R"(a\Db)", R"(a\pCb)", R"(a[[:space:]]b)", "a\nb"}) {
        EXPECT_FALSE(stays_on_one_line(pattern)) << pattern;
    }
}

TEST(StaysOnOneLine, BareAnchorsMeanTheFragmentSoAreRefused) {
    EXPECT_FALSE(stays_on_one_line(R"(^password=(\w+))"));
    EXPECT_FALSE(stays_on_one_line(R"(password=(\w+)$)"));
    EXPECT_FALSE(stays_on_one_line(R"(\Apassword)"));
    EXPECT_TRUE(stays_on_one_line(R"(price=\$[0-9]+)")); // an escaped $ is a literal
}

} // namespace
} // namespace vigil::rules
