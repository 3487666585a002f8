// gitleaks compatibility of rule files, part 1: [extend] (useDefault, path, disabledRules, depth)
// and gitleaks' merge of a rule id that exists in the extended configuration. The expected
// outcomes follow gitleaks v8 (config/config.go) as summarised in the secret-scanning reference,
// not what vigil happens to do; a test marked BUG documents where vigil disagrees.
#include "rules_test_helpers.hpp"
#include "support/temp_repo.hpp"

#include <fstream>
#include <gtest/gtest.h>

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

util::Expected<rules::RuleSet> parse(std::string_view toml) {
    return rules::RuleSet::from_toml(toml, "test.toml");
}

size_t default_count() {
    auto defaults = rules::RuleSet::defaults();
    return defaults ? defaults->size() : 0;
}

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

bool has(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// A made-up internal token rule, as in the reference's example config.
const std::string k_itk_rule = R"(
[[rules]]
id = "internal-token"
description = "Internal service token"
regex = '''\b(itk_[a-z0-9]{32})\b'''
keywords = ["itk_"]
entropy = 3.0
)";
const std::string k_itk = "itk_" + std::string("q8xv2lmn4pr7st1uw3yz5ab6cd9ef0gh");

TEST(GitleaksRulesExtend, UseDefaultKeepsTheBuiltInRulesAndAddsTheFiles) {
    auto rules = parse("[extend]\nuseDefault = true\n" + k_itk_rule);
    ASSERT_TRUE(rules) << rules.error().describe();
    ASSERT_GT(default_count(), 0u);
    EXPECT_EQ(rules->size(), default_count() + 1);
    EXPECT_EQ(secrets_in(*rules, "KEY = \"" + fake_aws_key() + "\""),
              Strings{"aws-access-token:" + fake_aws_key()});
    EXPECT_EQ(secrets_in(*rules, "token: " + k_itk), Strings{"internal-token:" + k_itk});
    EXPECT_TRUE(rules->warnings().empty());
}

TEST(GitleaksRulesExtend, WithoutExtendTheFileReplacesTheDefaults) {
    // gitleaks #1328: a custom config replaces the defaults unless it says useDefault = true.
    auto rules = parse(k_itk_rule);
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_EQ(rules->size(), 1u);
    EXPECT_TRUE(rules->find("aws-access-token").empty());
    EXPECT_TRUE(secrets_in(*rules, "KEY = \"" + fake_aws_key() + "\"").empty());
}

TEST(GitleaksRulesExtend, DisabledRulesDropsAnInheritedRule) {
    auto rules =
        parse("[extend]\nuseDefault = true\ndisabledRules = [\"aws-access-token\"]\n" + k_itk_rule);
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_EQ(rules->size(), default_count());
    EXPECT_TRUE(rules->find("aws-access-token").empty());
    EXPECT_FALSE(rules->find("github-pat").empty());
    EXPECT_TRUE(secrets_in(*rules, "KEY = \"" + fake_aws_key() + "\"").empty());
    EXPECT_EQ(secrets_in(*rules, fake_github_token()),
              Strings{"github-pat:" + fake_github_token()});
    EXPECT_TRUE(rules->warnings().empty());
}

TEST(GitleaksRulesExtend, UnknownDisabledRuleOnlyWarns) {
    auto rules = parse("[extend]\nuseDefault = true\ndisabledRules = [\"no-such-rule\"]\n");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_EQ(rules->size(), default_count());
    ASSERT_EQ(rules->warnings().size(), 1u);
    EXPECT_NE(rules->warnings()[0].find("no-such-rule"), std::string::npos) << rules->warnings()[0];
}

TEST(GitleaksRulesExtend, UseDefaultAndPathTogetherIsAnError) {
    auto rules = parse("[extend]\nuseDefault = true\npath = \"base.toml\"\n");
    ASSERT_FALSE(rules);
    EXPECT_EQ(rules.error().kind, util::ErrorKind::config);
    EXPECT_TRUE(rules.error().describe().starts_with("test.toml:1:")) << rules.error().describe();
}

// A base file whose rule "tok" an extending file overrides.
const char* k_base = R"(
[[rules]]
id = "tok"
description = "Base description"
regex = '''(tok)_([a-z0-9]+)'''
secretGroup = 2
entropy = 1.0
keywords = ["tok_"]
tags = ["base"]
[[rules.allowlists]]
regexes = ['''basesafe''']

[[rules]]
id = "other"
regex = '''other_[a-z]+'''
)";

TEST(GitleaksRulesExtend, OverrideReplacesNonEmptyFieldsAndAppendsLists) {
    TempDir dir;
    write_file(dir.path() / "base.toml", k_base);
    write_file(dir.path() / "top.toml", R"([extend]
path = "base.toml"

[[rules]]
id = "tok"
description = "Top description"
regex = '''key=(tok_[a-z0-9]+)'''
secretGroup = 1
entropy = 2.0
keywords = ["KEY="]
tags = ["top"]
[[rules.allowlists]]
regexes = ['''topsafe''']
)");
    auto rules = rules::RuleSet::from_file(dir.path() / "top.toml");
    ASSERT_TRUE(rules) << rules.error().describe();
    ASSERT_EQ(rules->size(), 2u);
    ASSERT_EQ(rules->find("tok").size(), 1u);
    ASSERT_EQ(rules->find("other").size(), 1u);
    const rules::Rule& tok = rules->rule(rules->find("tok")[0]);
    EXPECT_EQ(tok.description, "Top description");
    EXPECT_EQ(tok.regex, "key=(tok_[a-z0-9]+)");
    EXPECT_EQ(tok.secret_group, 1);
    EXPECT_DOUBLE_EQ(tok.entropy, 2.0);
    EXPECT_EQ(tok.keywords, (Strings{"tok_", "key="})); // appended, lower-cased
    EXPECT_EQ(tok.tags, (Strings{"base", "top"}));
    EXPECT_EQ(tok.allowlists.size(), 2u);

    // The merged rule behaves with the new regex, group and entropy and both allowlists.
    EXPECT_EQ(secrets_in(*rules, "key=tok_a1b2c3"), Strings{"tok:tok_a1b2c3"});
    EXPECT_TRUE(secrets_in(*rules, "key=tok_aaaa").empty()); // entropy exactly 2.0
    EXPECT_TRUE(secrets_in(*rules, "key=tok_basesafe1").empty());
    EXPECT_TRUE(secrets_in(*rules, "key=tok_topsafe1").empty());
    EXPECT_TRUE(secrets_in(*rules, "tok_a1b2c3").empty()); // the base regex is gone
}

TEST(GitleaksRulesExtend, AppendedKeywordsEachOpenThePrefilter) {
    TempDir dir;
    write_file(dir.path() / "base.toml",
               "[[rules]]\nid = \"kw\"\nregex = '''(?i)(?:alpha|beta)_[0-9]+'''\n"
               "keywords = [\"alpha\"]\n");
    write_file(dir.path() / "top.toml", "[extend]\npath = \"base.toml\"\n[[rules]]\nid = \"kw\"\n"
                                        "regex = '''(?i)(?:alpha|beta)_[0-9]+'''\n"
                                        "keywords = [\"BETA\"]\n");
    auto rules = rules::RuleSet::from_file(dir.path() / "top.toml");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_EQ(secrets_in(*rules, "alpha_1"), Strings{"kw:alpha_1"});
    EXPECT_EQ(secrets_in(*rules, "Beta_2"), Strings{"kw:Beta_2"});
}

TEST(GitleaksRulesExtend, OverrideWithoutRegexKeepsTheInheritedRegex) {
    // gitleaks validates rules after [extend] (testdata/config/valid/extend_rule_no_regexpath
    // .toml loads): a rule that only names an inherited id to tune it is valid.
    TempDir dir;
    write_file(dir.path() / "base.toml", k_base);
    write_file(dir.path() / "top.toml", R"([extend]
path = "base.toml"
[[rules]]
id = "tok"
description = "Tuned"
entropy = 2.0
tags = ["top"]
[[rules.allowlists]]
regexes = ['''topsafe''']
)");
    auto rules = rules::RuleSet::from_file(dir.path() / "top.toml");
    ASSERT_TRUE(rules) << rules.error().describe();
    const rules::Rule& tok = rules->rule(rules->find("tok").at(0));
    EXPECT_EQ(tok.description, "Tuned");
    EXPECT_EQ(tok.regex, "(tok)_([a-z0-9]+)");
    EXPECT_EQ(tok.secret_group, 2);
    EXPECT_DOUBLE_EQ(tok.entropy, 2.0);
    EXPECT_EQ(tok.keywords, Strings{"tok_"});
    EXPECT_EQ(tok.tags, (Strings{"base", "top"}));
    EXPECT_EQ(secrets_in(*rules, "tok_a1b2c3"), Strings{"tok:a1b2c3"});
    EXPECT_TRUE(secrets_in(*rules, "tok_topsafe").empty());
}

TEST(GitleaksRulesExtend, AllowlistAddedToADefaultRuleById) {
    // The everyday gitleaks way to silence a default rule in one place.
    auto rules = parse(R"([extend]
useDefault = true
[[rules]]
id = "aws-access-token"
[[rules.allowlists]]
paths = ['''^fixtures/''']
)");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_EQ(rules->size(), default_count());
    std::string line = "KEY = \"" + fake_aws_key() + "\"";
    EXPECT_TRUE(secrets_in(*rules, line, "fixtures/keys.py").empty());
    EXPECT_EQ(secrets_in(*rules, line, "src/keys.py"),
              Strings{"aws-access-token:" + fake_aws_key()});
}

TEST(GitleaksRulesExtend, NewRuleWithoutRegexOrPathIsStillAnError) {
    // Checked after the merge (gitleaks: "both |regex| and |path| are empty").
    auto rules = parse("[extend]\nuseDefault = true\n[[rules]]\nid = \"brand-new\"\n"
                       "description = \"nothing to match\"\n");
    ASSERT_FALSE(rules);
    EXPECT_EQ(rules.error().kind, util::ErrorKind::config);
    EXPECT_NE(rules.error().describe().find("[brand-new]"), std::string::npos)
        << rules.error().describe();
}

TEST(GitleaksRulesExtend, InheritedSecretGroupMustFitAnOverridingRegex) {
    // gitleaks' rule validation ("invalid regex secret group 2, max regex secret group 1")
    // applies to the assembled rule, not to each file's part.
    TempDir dir;
    write_file(dir.path() / "base.toml", k_base); // tok: two groups, secretGroup 2
    write_file(dir.path() / "top.toml", "[extend]\npath = \"base.toml\"\n[[rules]]\nid = \"tok\"\n"
                                        "regex = '''key=(tok_[a-z0-9]+)'''\n");
    auto rules = rules::RuleSet::from_file(dir.path() / "top.toml");
    ASSERT_FALSE(rules) << "loaded; secret of key=tok_a1b2c3: "
                        << secrets_in(*rules, "key=tok_a1b2c3").at(0);
    EXPECT_EQ(rules.error().kind, util::ErrorKind::config);
    EXPECT_NE(rules.error().describe().find("[tok]"), std::string::npos)
        << rules.error().describe();
}

TEST(GitleaksRulesExtend, PathIsRelativeToTheConfigFilesFolder) {
    // vigil resolves [extend] path against the extending file's folder (the working directory
    // here is the build folder, which holds neither file), at every level of the chain.
    TempDir dir;
    write_file(dir.path() / "conf/top.toml", "[extend]\npath = \"lib/mid.toml\"\n" + k_itk_rule);
    write_file(dir.path() / "conf/lib/mid.toml",
               "[extend]\npath = \"../../shared/base.toml\"\n"
               "[[rules]]\nid = \"mid\"\nregex = '''mid_[0-9]+'''\n");
    write_file(dir.path() / "shared/base.toml",
               "[[rules]]\nid = \"base\"\nregex = '''base_[0-9]+'''\n");
    auto rules = rules::RuleSet::from_file(dir.path() / "conf/top.toml");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_EQ(rules->size(), 3u);
    EXPECT_EQ(secrets_in(*rules, "base_1 mid_2"), (Strings{"base:base_1", "mid:mid_2"}));
}

TEST(GitleaksRulesExtend, MissingExtendPathIsAnError) {
    TempDir dir;
    write_file(dir.path() / "top.toml", "[extend]\npath = \"nowhere.toml\"\n" + k_itk_rule);
    auto rules = rules::RuleSet::from_file(dir.path() / "top.toml");
    ASSERT_FALSE(rules);
    EXPECT_EQ(rules.error().kind, util::ErrorKind::config);
    EXPECT_NE(rules.error().describe().find("nowhere.toml"), std::string::npos)
        << rules.error().describe();
}

TEST(GitleaksRulesExtend, DepthTwoLoadsAndAThreeDeepChainIsAnError) {
    TempDir dir;
    auto rule = [](const std::string& id) {
        return "[[rules]]\nid = \"" + id + "\"\nregex = '''" + id + "_[0-9]+'''\n";
    };
    write_file(dir.path() / "c.toml", rule("c"));
    write_file(dir.path() / "b.toml", "[extend]\npath = \"c.toml\"\n" + rule("b"));
    write_file(dir.path() / "a.toml", "[extend]\npath = \"b.toml\"\n" + rule("a"));
    write_file(dir.path() / "top.toml", "[extend]\npath = \"a.toml\"\n" + rule("top"));

    auto two = rules::RuleSet::from_file(dir.path() / "a.toml"); // a -> b -> c
    ASSERT_TRUE(two) << two.error().describe();
    EXPECT_EQ(two->size(), 3u);

    auto three = rules::RuleSet::from_file(dir.path() / "top.toml"); // top -> a -> b -> c
    ASSERT_FALSE(three);
    EXPECT_EQ(three.error().kind, util::ErrorKind::config);
    EXPECT_NE(three.error().describe().find("[extend]"), std::string::npos)
        << three.error().describe();
}

TEST(GitleaksRulesExtend, DisabledRulesReachIntoAnExtendedFile) {
    TempDir dir;
    write_file(dir.path() / "base.toml", k_base);
    write_file(dir.path() / "top.toml",
               "[extend]\npath = \"base.toml\"\ndisabledRules = [\"other\", \"ghost\"]\n");
    auto rules = rules::RuleSet::from_file(dir.path() / "top.toml");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_EQ(rules->size(), 1u);
    EXPECT_TRUE(rules->find("other").empty());
    ASSERT_EQ(rules->warnings().size(), 1u); // only the id that does not exist
    EXPECT_NE(rules->warnings()[0].find("ghost"), std::string::npos);
}

TEST(GitleaksRulesExtend, GlobalAllowlistsOfBothFilesAreAppended) {
    auto rules = parse("[extend]\nuseDefault = true\n[[allowlists]]\nregexes = ['''^itk_0''']\n" +
                       k_itk_rule);
    ASSERT_TRUE(rules) << rules.error().describe();
    auto defaults = rules::RuleSet::defaults();
    ASSERT_TRUE(defaults);
    EXPECT_EQ(rules->global_allowlists().size(), defaults->global_allowlists().size() + 1);
    EXPECT_TRUE(has(rules->global_allowlists().back().regexes, "^itk_0"));
    std::string placeholder_itk = "itk_0" + k_itk.substr(5);
    EXPECT_TRUE(secrets_in(*rules, placeholder_itk).empty());
    EXPECT_EQ(secrets_in(*rules, k_itk), Strings{"internal-token:" + k_itk});
}

} // namespace
} // namespace vigil::test
