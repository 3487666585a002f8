// gitleaks compatibility of rule files, part 2: allowlists (global and per rule, old and new
// forms, OR/AND, regexTarget, stopwords, commits, targetRules), entropy, secretGroup and path
// rules, through the rules API. Expected outcomes follow gitleaks v8 (config/*.go, detect.go);
// a test marked BUG documents where vigil disagrees.
#include "rules_test_helpers.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

util::Expected<rules::RuleSet> parse(std::string_view toml) {
    return rules::RuleSet::from_toml(toml, "test.toml");
}

const std::string k_commit = "0123456789abcdef0123456789abcdef01234567";

// "id:secret" of every match, as secrets_in, with a commit.
Strings secrets_at(const rules::RuleSet& rules, std::string_view text, std::string_view path,
                   std::string_view commit) {
    std::vector<rules::Match> matches;
    match_text(rules, path, text, matches, commit);
    Strings out;
    for (const auto& m : matches) {
        out.push_back(rules.rule(m.rule).id + ":" +
                      std::string(text.substr(m.secret_begin, m.secret_end - m.secret_begin)));
    }
    return out;
}

const char* k_two_rules = R"(
[[rules]]
id = "a"
regex = '''a_[a-z]+'''
[[rules]]
id = "b"
regex = '''b_[a-z]+'''
)";

TEST(GitleaksRulesAllowlist, GlobalNewAndOldFormsBothApply) {
    auto many = parse(std::string("[[allowlists]]\nregexes = ['''one$''']\n"
                                  "[[allowlists]]\npaths = ['''^vendor/''']\n") +
                      k_two_rules);
    ASSERT_TRUE(many) << many.error().describe();
    EXPECT_EQ(secrets_in(*many, "a_one b_two"), Strings{"b:b_two"});
    EXPECT_TRUE(secrets_in(*many, "a_x b_y", "vendor/x.py").empty());

    auto old =
        parse(std::string("[allowlist]\nregexes = ['''one$''']\npaths = ['''^vendor/''']\n") +
              k_two_rules);
    ASSERT_TRUE(old) << old.error().describe();
    EXPECT_EQ(secrets_in(*old, "a_one b_two"), Strings{"b:b_two"});
    EXPECT_TRUE(secrets_in(*old, "a_x b_y", "vendor/x.py").empty());
}

TEST(GitleaksRulesAllowlist, RuleNewAndOldFormsBothApply) {
    auto many = parse("[[rules]]\nid = \"r\"\nregex = '''tok_[a-z]+'''\n"
                      "[[rules.allowlists]]\nregexes = ['''one''']\n"
                      "[[rules.allowlists]]\nstopwords = ['''two''']\n");
    ASSERT_TRUE(many) << many.error().describe();
    EXPECT_TRUE(secrets_in(*many, "tok_one").empty());
    EXPECT_TRUE(secrets_in(*many, "tok_two").empty());
    EXPECT_EQ(secrets_in(*many, "tok_six"), Strings{"r:tok_six"});

    auto old = parse("[[rules]]\nid = \"r\"\nregex = '''tok_[a-z]+'''\n"
                     "[rules.allowlist]\nregexes = ['''one''']\n");
    ASSERT_TRUE(old) << old.error().describe();
    EXPECT_TRUE(secrets_in(*old, "tok_one").empty());
    EXPECT_EQ(secrets_in(*old, "tok_six"), Strings{"r:tok_six"});
}

TEST(GitleaksRulesAllowlist, MixingOldAndNewGlobalFormsIsAnError) {
    // gitleaks: "[allowlist] is deprecated, it cannot be used alongside [[allowlists]]".
    auto rules =
        parse(std::string("[allowlist]\nregexes = ['x']\n[[allowlists]]\nregexes = ['y']\n") +
              k_two_rules);
    ASSERT_FALSE(rules);
    EXPECT_EQ(rules.error().kind, util::ErrorKind::config);
}

TEST(GitleaksRulesAllowlist, MixingOldAndNewRuleFormsIsAnError) {
    // gitleaks: "r: [rules.allowlist] is deprecated, it cannot be used alongside
    // [[rules.allowlist]]".
    auto rules =
        parse("[[rules]]\nid = \"r\"\nregex = '''tok_[a-z]+'''\n"
              "[rules.allowlist]\nregexes = ['x']\n[[rules.allowlists]]\nregexes = ['y']\n");
    ASSERT_FALSE(rules);
    EXPECT_NE(rules.error().describe().find("[r]"), std::string::npos);
}

TEST(GitleaksRulesAllowlist, OrAllowsWhenAnyDefinedCheckHolds) {
    auto rules = parse("[[rules]]\nid = \"r\"\nregex = '''tok_[a-z]+'''\n[[rules.allowlists]]\n"
                       "condition = \"OR\"\npaths = ['''^test/''']\nregexes = ['''safe''']\n"
                       "stopwords = [\"mock\"]\ncommits = [\"" +
                       k_commit + "\"]\n");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_TRUE(secrets_at(*rules, "tok_real", "test/a.py", "").empty());
    EXPECT_TRUE(secrets_at(*rules, "tok_safe", "src/a.py", "").empty());
    EXPECT_TRUE(secrets_at(*rules, "tok_mockx", "src/a.py", "").empty());
    EXPECT_TRUE(secrets_at(*rules, "tok_real", "src/a.py", k_commit).empty());
    EXPECT_EQ(secrets_at(*rules, "tok_real", "src/a.py", ""), Strings{"r:tok_real"});
}

TEST(GitleaksRulesAllowlist, AndWithPathsAndRegexesNeedsBoth) {
    for (const char* condition : {"AND", "&&"}) {
        auto rules = parse(std::string("[[rules]]\nid = \"r\"\nregex = '''tok_[a-z]+'''\n"
                                       "[[rules.allowlists]]\ncondition = \"") +
                           condition + "\"\npaths = ['''^test/''']\nregexes = ['''safe''']\n");
        ASSERT_TRUE(rules) << rules.error().describe();
        EXPECT_TRUE(secrets_in(*rules, "tok_safe", "test/a.py").empty()) << condition;
        EXPECT_EQ(secrets_in(*rules, "tok_safe", "src/a.py"), Strings{"r:tok_safe"});
        EXPECT_EQ(secrets_in(*rules, "tok_real", "test/a.py"), Strings{"r:tok_real"});
        // The path alone must not keep the rule off the whole file either.
        EXPECT_TRUE(rules->applies_to(0, "test/a.py", ""));
    }
}

TEST(GitleaksRulesAllowlist, AndWithCommitsAndPathsNeedsBoth) {
    auto rules = parse("[[allowlists]]\ncondition = \"AND\"\npaths = ['''^test/''']\n"
                       "commits = [\"" +
                       k_commit + "\"]\n" + k_two_rules);
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_TRUE(rules->path_allowed("test/a.py", k_commit));
    EXPECT_FALSE(rules->path_allowed("test/a.py", ""));
    EXPECT_FALSE(rules->path_allowed("src/a.py", k_commit));
    EXPECT_TRUE(secrets_at(*rules, "a_x", "test/a.py", k_commit).empty());
    EXPECT_EQ(secrets_at(*rules, "a_x", "test/a.py", "1111111111111111111111111111111111111111"),
              Strings{"a:a_x"});
}

TEST(GitleaksRulesAllowlist, AndWithRegexesAndStopwordsNeedsBoth) {
    auto rules = parse("[[rules]]\nid = \"r\"\nregex = '''tok_[a-z]+'''\n[rules.allowlist]\n"
                       "condition = \"AND\"\nregexes = ['''^tok_t''']\nstopwords = [\"fake\"]\n");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_TRUE(secrets_in(*rules, "tok_testfake").empty());
    EXPECT_EQ(secrets_in(*rules, "tok_testreal"), Strings{"r:tok_testreal"});
    EXPECT_EQ(secrets_in(*rules, "tok_realfake"), Strings{"r:tok_realfake"});
}

TEST(GitleaksRulesAllowlist, ConditionIsCaseInsensitive) {
    // gitleaks upper-cases `condition` (strings.ToUpper), so "and" / "or" load.
    auto rules = parse("[[rules]]\nid = \"r\"\nregex = '''tok_[a-z]+'''\n[rules.allowlist]\n"
                       "condition = \"and\"\npaths = ['''^test/''']\nregexes = ['''safe''']\n");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_TRUE(secrets_in(*rules, "tok_safe", "test/a.py").empty());
    EXPECT_EQ(secrets_in(*rules, "tok_safe", "src/a.py"), Strings{"r:tok_safe"});
}

TEST(GitleaksRulesAllowlist, RegexTargetSecretMatchAndLine) {
    const std::string rule = "[[rules]]\nid = \"r\"\nregex = '''pw=(tok_[a-z]+)'''\n"
                             "[rules.allowlist]\n";
    const std::string line = "fixture: pw=tok_real # ok";
    auto secret = parse(rule + "regexes = ['''^pw=''', '''fixture''']\n");
    ASSERT_TRUE(secret);
    EXPECT_EQ(secrets_in(*secret, line), Strings{"r:tok_real"}); // neither is in the secret
    auto match = parse(rule + "regexTarget = \"match\"\nregexes = ['''^pw=tok''']\n");
    ASSERT_TRUE(match);
    EXPECT_TRUE(secrets_in(*match, line).empty());
    auto match_only = parse(rule + "regexTarget = \"match\"\nregexes = ['''fixture''']\n");
    ASSERT_TRUE(match_only);
    EXPECT_EQ(secrets_in(*match_only, line), Strings{"r:tok_real"}); // outside the match
    auto whole = parse(rule + "regexTarget = \"line\"\nregexes = ['''^fixture:.*# ok$''']\n");
    ASSERT_TRUE(whole);
    EXPECT_TRUE(secrets_in(*whole, line).empty());
    // "line" is the match's own line(s) of the fragment, not the neighbouring lines.
    EXPECT_EQ(secrets_in(*whole, "fixture: x # ok\npw=tok_real"), Strings{"r:tok_real"});
}

TEST(GitleaksRulesAllowlist, StopwordsAreSubstringsOfTheLowerCasedSecretOnly) {
    auto rules = parse("[[rules]]\nid = \"r\"\nregex = '''(?i)dummy_key=(tok_[a-z]+)'''\n"
                       "[rules.allowlist]\nstopwords = [\"Sample\"]\n"
                       "[[rules]]\nid = \"g\"\nregex = '''(?i)dummy_ident=(tok_[a-z]+)'''\n"
                       "[[rules.allowlists]]\nstopwords = [\"dummy\"]\n");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_TRUE(secrets_in(*rules, "dummy_key=tok_mySAMPLEkey").empty());
    EXPECT_EQ(secrets_in(*rules, "dummy_key=tok_realkey"), Strings{"r:tok_realkey"});
    // A stopword in the match but outside the secret, or elsewhere on the line, allows nothing.
    EXPECT_EQ(secrets_in(*rules, "# dummy sample\ndummy_ident=tok_realkey"),
              Strings{"g:tok_realkey"});
    EXPECT_TRUE(secrets_in(*rules, "dummy_ident=tok_xDuMmYx").empty());
}

TEST(GitleaksRulesAllowlist, CommitsCompareCaseInsensitively) {
    std::string upper = k_commit;
    for (auto& c : upper) {
        c = char(std::toupper(static_cast<unsigned char>(c)));
    }
    auto rules = parse("[[rules]]\nid = \"r\"\nregex = '''tok_[a-z]+'''\n[[rules.allowlists]]\n"
                       "commits = [\"" +
                       upper + "\"]\n");
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_TRUE(secrets_at(*rules, "tok_x", "a.py", k_commit).empty());
    EXPECT_TRUE(secrets_at(*rules, "tok_x", "a.py", upper).empty());
    EXPECT_FALSE(rules->applies_to(0, "a.py", k_commit)); // the whole file, for that commit
    EXPECT_EQ(secrets_at(*rules, "tok_x", "a.py", std::string(40, 'f')), Strings{"r:tok_x"});
}

TEST(GitleaksRulesAllowlist, TargetRulesAppliesOnlyToThoseRules) {
    auto rules =
        parse(std::string("[[allowlists]]\ntargetRules = [\"a\"]\nregexes = ['''safe''']\n"
                          "[[allowlists]]\ntargetRules = [\"b\"]\npaths = ['''^gen/''']\n") +
              k_two_rules);
    ASSERT_TRUE(rules) << rules.error().describe();
    EXPECT_EQ(secrets_in(*rules, "a_safe b_safe"), Strings{"b:b_safe"});
    EXPECT_EQ(secrets_in(*rules, "a_x b_y", "gen/x.py"), Strings{"a:a_x"});
    EXPECT_FALSE(rules->path_allowed("gen/x.py", ""));
}

TEST(GitleaksRulesAllowlist, TargetRulesNameRulesOfTheExtendedConfiguration) {
    auto rules = parse("[extend]\nuseDefault = true\n[[allowlists]]\n"
                       "targetRules = [\"aws-access-token\"]\npaths = ['''^fixtures/''']\n");
    ASSERT_TRUE(rules) << rules.error().describe();
    std::string line = "KEY = \"" + fake_aws_key() + "\"";
    EXPECT_TRUE(secrets_in(*rules, line, "fixtures/k.py").empty());
    EXPECT_EQ(secrets_in(*rules, line, "src/k.py"), Strings{"aws-access-token:" + fake_aws_key()});
    EXPECT_EQ(secrets_in(*rules, fake_github_token(), "fixtures/k.py"),
              Strings{"github-pat:" + fake_github_token()});
}

TEST(GitleaksRulesAllowlist, UnknownTargetRuleIsAConfigError) {
    auto rules = parse(std::string("[[allowlists]]\ntargetRules = [\"a\", \"nope\"]\n"
                                   "regexes = ['''x''']\n") +
                       k_two_rules);
    ASSERT_FALSE(rules);
    EXPECT_EQ(rules.error().kind, util::ErrorKind::config);
    EXPECT_NE(rules.error().describe().find("'nope'"), std::string::npos)
        << rules.error().describe();
}

TEST(GitleaksRulesAllowlist, TargetRuleThatWasDisabledIsAConfigError) {
    // The ids are checked against the rules left after [extend] (disabledRules included).
    auto rules = parse("[extend]\nuseDefault = true\ndisabledRules = [\"github-pat\"]\n"
                       "[[allowlists]]\ntargetRules = [\"github-pat\"]\nregexes = ['''x''']\n");
    ASSERT_FALSE(rules);
    EXPECT_NE(rules.error().describe().find("'github-pat'"), std::string::npos)
        << rules.error().describe();
}

TEST(GitleaksRulesMatch, EntropyAtOrBelowTheThresholdDrops) {
    // "tok_aaaa": 4 symbols of 1/8 and one of 1/2 -> exactly 2.0 bits.
    auto rules = parse("[[rules]]\nid = \"e\"\nregex = '''tok_[a-z]+'''\nentropy = 2.0\n");
    ASSERT_TRUE(rules);
    EXPECT_TRUE(secrets_in(*rules, "tok_aaaa").empty());
    EXPECT_EQ(secrets_in(*rules, "tok_aaab"), Strings{"e:tok_aaab"});
}

TEST(GitleaksRulesMatch, SecretGroupZeroIsTheFirstNonEmptyGroup) {
    auto rules = parse("[[rules]]\nid = \"g\"\nregex = '''(x*)(?:key)=(\\w+)(;?)'''\n");
    ASSERT_TRUE(rules);
    EXPECT_EQ(secrets_in(*rules, "key=abc;"), Strings{"g:abc"});
    EXPECT_EQ(secrets_in(*rules, "xkey=abc;"), Strings{"g:x"});
    auto explicit_group =
        parse("[[rules]]\nid = \"g\"\nregex = '''(x*)(?:key)=(\\w+)(;?)'''\nsecretGroup = 3\n");
    ASSERT_TRUE(explicit_group);
    EXPECT_EQ(secrets_in(*explicit_group, "xkey=abc;"), Strings{"g:;"});
}

TEST(GitleaksRulesMatch, PathOnlyRuleJudgesFilesNotText) {
    auto rules = parse("[[rules]]\nid = \"pkcs12-file\"\ndescription = \"PKCS #12 file\"\n"
                       "path = '''(?i)\\.(?:p12|pfx)$'''\n[[rules]]\nid = \"t\"\nregex = 'tok'\n");
    ASSERT_TRUE(rules) << rules.error().describe();
    ASSERT_EQ(rules->file_rules(), std::vector<size_t>{0});
    EXPECT_TRUE(rules->rule(0).is_path_only());
    EXPECT_TRUE(rules->applies_to(0, "certs/server.P12", ""));
    EXPECT_FALSE(rules->applies_to(0, "certs/server.pem", ""));
    std::vector<size_t> candidates;
    rules->candidate_rules("tok and anything else", candidates);
    EXPECT_EQ(candidates, std::vector<size_t>{1}); // a path-only rule never matches text
}

TEST(GitleaksRulesMatch, PathAndRegexRunOnlyOnMatchingPaths) {
    auto rules = parse("[[rules]]\nid = \"py\"\nregex = '''tok_[a-z]+'''\npath = '''\\.py$'''\n");
    ASSERT_TRUE(rules);
    EXPECT_FALSE(rules->rule(0).is_path_only());
    EXPECT_TRUE(rules->file_rules().empty());
    EXPECT_EQ(secrets_in(*rules, "tok_abc", "src/a.py"), Strings{"py:tok_abc"});
    EXPECT_TRUE(secrets_in(*rules, "tok_abc", "src/a.js").empty());
    EXPECT_FALSE(rules->applies_to(0, "src/a.js", ""));
}

} // namespace
} // namespace vigil::test
