// The rule field `fix`: an RE2 rewrite of each match, validated when the file loads, merged
// through [extend], and carried by the pre-parsed default packs.
#include "rules_test_helpers.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

std::vector<std::string> fixes(const rules::RuleSet& rules, std::string_view text) {
    std::vector<std::string> out;
    for (size_t i = 0; i < rules.size(); ++i) {
        std::vector<rules::Match> matches;
        rules.match_rule(i, "a.py", text, "", matches);
        for (const auto& m : matches) {
            out.push_back(m.fix ? *m.fix : "<none>");
        }
    }
    return out;
}

TEST(RuleFix, RewritesTheMatchWithItsGroups) {
    auto rules = load_rules(R"(
[[rules]]
id = "yaml"
category = "safety"
regex = '''yaml\.load\((\w+)\)'''
fix = '''yaml.safe_load(\1)'''
)");
    EXPECT_EQ(fixes(rules, "x = yaml.load(f)"), (std::vector<std::string>{"yaml.safe_load(f)"}));
}

TEST(RuleFix, EmptyFixDeletesAndNoFixMeansNone) {
    auto rules = load_rules(R"(
[[rules]]
id = "ws"
category = "hygiene"
regex = '''[ \t]+$'''
fix = ""
[[rules]]
id = "plain"
category = "hygiene"
regex = '''TODO'''
)");
    EXPECT_EQ(fixes(rules, "a TODO  "), (std::vector<std::string>{"", "<none>"}));
}

TEST(RuleFix, AGroupTheRegexLacksIsALocatedError) {
    std::string error = load_error(R"(
[[rules]]
id = "bad"
regex = '''(a)b'''
fix = '''\2'''
)");
    EXPECT_NE(error.find("test.toml:5"), std::string::npos) << error;
    EXPECT_NE(error.find("invalid fix"), std::string::npos) << error;
    EXPECT_NE(error.find("[bad]"), std::string::npos) << error;
}

TEST(RuleFix, AnExtendingRuleMayAddOrReplaceTheFix) {
    auto rules = load_rules(R"(
[extend]
useDefault = true
[[rules]]
id = "trailing-whitespace"
fix = "<gone>"
)");
    auto index = rules.find("trailing-whitespace");
    ASSERT_EQ(index.size(), 1u);
    EXPECT_EQ(rules.rule(index[0]).fix, "<gone>");
    EXPECT_TRUE(rules.rule(index[0]).has_fix);
}

TEST(RuleFix, TheDefaultPacksKeepTheirFixes) {
    auto rules = rules::RuleSet::defaults();
    ASSERT_TRUE(rules.has_value());
    auto index = rules->find("trailing-whitespace");
    ASSERT_EQ(index.size(), 1u);
    EXPECT_TRUE(rules->rule(index[0]).has_fix);
    EXPECT_EQ(rules->rule(index[0]).fix, "");
    auto none = rules->find("aws-access-token");
    ASSERT_EQ(none.size(), 1u);
    EXPECT_FALSE(rules->rule(none[0]).has_fix);
}

} // namespace
} // namespace vigil::test
