// RuleSet::match_line: keywords, secret groups, entropy, allowlists, path scopes.
#include "rules_test_helpers.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

TEST(MatchLine, KeywordPrefilterKeepsARuleFromRunning) {
    auto rules = load_rules(R"(
[[rules]]
id = "kw"
regex = '''secret_[a-z]+'''
keywords = ["ZZKW"]
)");
    // The regex would match, but the keyword is missing: the rule does not run.
    EXPECT_TRUE(secrets_in(rules, "secret_abc").empty());
    // With the keyword anywhere on the line, in any case, it does.
    EXPECT_EQ(secrets_in(rules, "secret_abc zzkw"), Strings{"kw:secret_abc"});
    EXPECT_EQ(secrets_in(rules, "ZzKw: secret_abc"), Strings{"kw:secret_abc"});
}

TEST(MatchLine, AnyOfSeveralKeywordsIsEnough) {
    auto rules = load_rules(
        "[[rules]]\nid = \"kw\"\nregex = 'tok_[0-9]+'\nkeywords = [\"alpha\", \"tok_\"]\n");
    EXPECT_EQ(secrets_in(rules, "x = tok_123"), Strings{"kw:tok_123"});
    EXPECT_TRUE(secrets_in(rules, "x = TOK123").empty());
}

TEST(MatchLine, RulesWithoutKeywordsAlwaysRun) {
    auto rules = load_rules(R"(
[[rules]]
id = "with"
regex = '''aaa[0-9]'''
keywords = ["zzz"]
[[rules]]
id = "without"
regex = '''bbb[0-9]'''
)");
    EXPECT_EQ(secrets_in(rules, "aaa1 bbb2"), Strings{"without:bbb2"});
}

TEST(MatchLine, ExplicitSecretGroup) {
    auto rules = load_rules("[[rules]]\nid = \"g\"\nregex = '(key)=([a-z]+)'\nsecretGroup = 2\n");
    std::vector<rules::Match> matches;
    match_text(rules, "a.env", "my key=value;", matches);
    ASSERT_EQ(matches.size(), 1u);
    EXPECT_EQ(matches[0].begin, 3u);
    EXPECT_EQ(matches[0].end, 12u);
    EXPECT_EQ(matches[0].secret_begin, 7u);
    EXPECT_EQ(matches[0].secret_end, 12u);
    EXPECT_EQ(matches[0].rule, 0u);
}

TEST(MatchLine, WithoutSecretGroupTheFirstNonEmptyGroupIsTheSecret) {
    auto rules = load_rules("[[rules]]\nid = \"g\"\nregex = '(x*)(key)=([a-z]+)'\n");
    EXPECT_EQ(secrets_in(rules, "key=abc"), Strings{"g:key"});  // group 1 is empty
    EXPECT_EQ(secrets_in(rules, "xxkey=abc"), Strings{"g:xx"}); // group 1 is not
}

TEST(MatchLine, WithoutGroupsTheWholeMatchIsTheSecret) {
    auto rules = load_rules("[[rules]]\nid = \"w\"\nregex = 'tok_[a-z]+'\n");
    std::vector<rules::Match> matches;
    match_text(rules, "p", "a tok_abc b", matches);
    ASSERT_EQ(matches.size(), 1u);
    EXPECT_EQ(matches[0].secret_begin, matches[0].begin);
    EXPECT_EQ(matches[0].secret_end, matches[0].end);
    EXPECT_EQ(secrets_in(rules, "a tok_abc b"), Strings{"w:tok_abc"});
}

TEST(MatchLine, SecretGroupThatDidNotParticipateFallsBackToTheWholeMatch) {
    auto rules = load_rules("[[rules]]\nid = \"alt\"\nregex = '(?:a(b)|c(d))'\nsecretGroup = 1\n");
    EXPECT_EQ(secrets_in(rules, "zab"), Strings{"alt:b"});
    EXPECT_EQ(secrets_in(rules, "zcd"), Strings{"alt:cd"});
}

TEST(MatchLine, EveryMatchOnALineInOrder) {
    auto rules = load_rules("[[rules]]\nid = \"t\"\nregex = 'tok_[a-z]+'\n");
    EXPECT_EQ(secrets_in(rules, "tok_one, tok_two tok_three"),
              (Strings{"t:tok_one", "t:tok_two", "t:tok_three"}));
}

TEST(MatchLine, EntropyThresholdUsesLessOrEqual) {
    // "abcd" has entropy exactly 2; gitleaks drops a secret whose entropy is <= the threshold.
    auto at = load_rules("[[rules]]\nid = \"e\"\nregex = 'k=([a-z]+)'\nentropy = 2.0\n");
    EXPECT_TRUE(secrets_in(at, "k=abcd").empty());
    EXPECT_EQ(secrets_in(at, "k=abcde"), Strings{"e:abcde"}); // log2(5) > 2
    auto below = load_rules("[[rules]]\nid = \"e\"\nregex = 'k=([a-z]+)'\nentropy = 1.99\n");
    EXPECT_EQ(secrets_in(below, "k=abcd"), Strings{"e:abcd"});
    // Entropy is measured on the secret, not on the whole match.
    auto whole = load_rules("[[rules]]\nid = \"e\"\nregex = 'k=([a-z]+)'\nentropy = 1.5\n");
    EXPECT_TRUE(secrets_in(whole, "k=aaaaaaaaab").empty());
}

TEST(MatchLine, MatchCarriesTheSecretsEntropy) {
    auto rules = load_rules("[[rules]]\nid = \"e\"\nregex = 'k=([a-z]+)'\n");
    std::vector<rules::Match> matches;
    match_text(rules, "p", "k=abcd", matches);
    ASSERT_EQ(matches.size(), 1u);
    EXPECT_DOUBLE_EQ(matches[0].entropy, 2.0);
}

TEST(MatchLine, StopwordsAreCaseInsensitiveSubstringsOfTheSecret) {
    auto rules = load_rules(R"(
[[rules]]
id = "s"
regex = '''tok_[A-Za-z]+'''
[rules.allowlist]
stopwords = ["Example"]
)");
    EXPECT_TRUE(secrets_in(rules, "tok_myEXAMPLEkey").empty());
    EXPECT_TRUE(secrets_in(rules, "tok_example").empty());
    EXPECT_EQ(secrets_in(rules, "tok_realkey"), Strings{"s:tok_realkey"});
    // A stopword elsewhere on the line does not allow the secret.
    EXPECT_EQ(secrets_in(rules, "example: tok_realkey"), Strings{"s:tok_realkey"});
}

TEST(MatchLine, AllowlistRegexTargetsSecretMatchOrLine) {
    const char* base = "[[rules]]\nid = \"r\"\nregex = '(key)=(tok_[a-z]+)'\nsecretGroup = 2\n"
                       "[rules.allowlist]\n";
    // secret (default): the regex sees only "tok_...".
    auto secret = load_rules(std::string(base) + "regexes = ['^tok_safe']\n");
    EXPECT_TRUE(secrets_in(secret, "key=tok_safe").empty());
    EXPECT_EQ(secrets_in(secret, "key=tok_real"), Strings{"r:tok_real"});
    auto secret_no_prefix = load_rules(std::string(base) + "regexes = ['^key=']\n");
    EXPECT_EQ(secrets_in(secret_no_prefix, "key=tok_real"), Strings{"r:tok_real"});
    // match: the regex sees "key=tok_...".
    auto match =
        load_rules(std::string(base) + "regexTarget = \"match\"\nregexes = ['^key=tok_s']\n");
    EXPECT_TRUE(secrets_in(match, "x key=tok_safe").empty());
    EXPECT_EQ(secrets_in(match, "x key=tok_real"), Strings{"r:tok_real"});
    // line: the regex sees the whole line.
    auto line =
        load_rules(std::string(base) + "regexTarget = \"line\"\nregexes = ['# test fixture$']\n");
    EXPECT_TRUE(secrets_in(line, "key=tok_real # test fixture").empty());
    EXPECT_EQ(secrets_in(line, "key=tok_real"), Strings{"r:tok_real"});
}

TEST(MatchLine, AllowlistConditionOrAllowsWhenAnyCheckHolds) {
    auto rules = load_rules(R"(
[[rules]]
id = "r"
regex = '''tok_[a-z]+'''
[rules.allowlist]
regexes = ['''safe''']
paths = ['''^test/''']
)");
    EXPECT_TRUE(secrets_in(rules, "tok_safe", "src/a.py").empty());
    EXPECT_TRUE(secrets_in(rules, "tok_real", "test/a.py").empty());
    EXPECT_EQ(secrets_in(rules, "tok_real", "src/a.py"), Strings{"r:tok_real"});
}

TEST(MatchLine, AllowlistConditionAndAllowsOnlyWhenEveryCheckHolds) {
    auto rules = load_rules(R"(
[[rules]]
id = "r"
regex = '''tok_[a-z]+'''
[rules.allowlist]
condition = "AND"
regexes = ['''safe''']
paths = ['''^test/''']
stopwords = ["tok"]
)");
    EXPECT_TRUE(secrets_in(rules, "tok_safe", "test/a.py").empty());
    EXPECT_EQ(secrets_in(rules, "tok_safe", "src/a.py"), Strings{"r:tok_safe"});
    EXPECT_EQ(secrets_in(rules, "tok_real", "test/a.py"), Strings{"r:tok_real"});
}

TEST(MatchLine, SeveralAllowlistsAnyOneAllows) {
    auto rules = load_rules(R"(
[[rules]]
id = "r"
regex = '''tok_[a-z]+'''
[[rules.allowlists]]
regexes = ['''one''']
[[rules.allowlists]]
regexes = ['''two''']
)");
    EXPECT_TRUE(secrets_in(rules, "tok_one").empty());
    EXPECT_TRUE(secrets_in(rules, "tok_two").empty());
    EXPECT_EQ(secrets_in(rules, "tok_three"), Strings{"r:tok_three"});
}

TEST(MatchLine, GlobalAllowlistAppliesToEveryRule) {
    for (const char* header : {"[allowlist]", "[[allowlists]]"}) {
        auto rules = load_rules(std::string(header) + R"(
paths = ['''^vendor/''']
regexes = ['''^dummy''']

[[rules]]
id = "a"
regex = '''a_[a-z]+'''
[[rules]]
id = "b"
regex = '''b_[a-z]+'''
)");
        EXPECT_TRUE(secrets_in(rules, "a_x b_y", "vendor/lib.py").empty()) << header;
        EXPECT_EQ(secrets_in(rules, "a_x b_y", "src/lib.py"), (Strings{"a:a_x", "b:b_y"}))
            << header;
        EXPECT_TRUE(secrets_in(rules, "dummy_thing", "src/lib.py").empty());
    }
}

TEST(MatchLine, AllowlistCommitsCompareTheGivenCommitCaseInsensitively) {
    auto rules = load_rules(R"(
[[rules]]
id = "r"
regex = '''tok_[a-z]+'''
[rules.allowlist]
commits = ["ABCDEF0123456789ABCDEF0123456789ABCDEF01"]
)");
    std::vector<rules::Match> out;
    match_text(rules, "a.py", "tok_x", out, "abcdef0123456789abcdef0123456789abcdef01");
    EXPECT_TRUE(out.empty());
    match_text(rules, "a.py", "tok_x", out, "0000000000000000000000000000000000000000");
    EXPECT_EQ(out.size(), 1u);
    match_text(rules, "a.py", "tok_x", out); // no commit: nothing to compare
    EXPECT_EQ(out.size(), 2u);
}

TEST(MatchLine, PathScopedRuleRunsOnlyOnMatchingPaths) {
    auto rules = load_rules(R"(
[[rules]]
id = "env-only"
regex = '''PASSWORD=\S+'''
path = '''(^|/)\.env(\.[a-z]+)?$'''
)");
    EXPECT_EQ(secrets_in(rules, "PASSWORD=hunter2", ".env"), Strings{"env-only:PASSWORD=hunter2"});
    EXPECT_EQ(secrets_in(rules, "PASSWORD=hunter2", "deploy/.env.prod").size(), 1u);
    EXPECT_TRUE(secrets_in(rules, "PASSWORD=hunter2", "src/settings.py").empty());
}

TEST(MatchLine, AnchorsSeeTheWholeLineAfterAnEarlierMatch) {
    auto rules = load_rules("[[rules]]\nid = \"a\"\nregex = '^tok_[a-z]+'\n");
    EXPECT_EQ(secrets_in(rules, "tok_a tok_b"), Strings{"a:tok_a"});
    auto wb = load_rules("[[rules]]\nid = \"b\"\nregex = '\\btok\\b'\n");
    EXPECT_EQ(secrets_in(wb, "tok xtok tok"), (Strings{"b:tok", "b:tok"}));
}

TEST(MatchLine, EmptyLineAndNoRules) {
    auto rules = load_rules("[[rules]]\nid = \"t\"\nregex = 'tok'\n");
    EXPECT_TRUE(secrets_in(rules, "").empty());
    auto none = load_rules("");
    EXPECT_TRUE(secrets_in(none, "anything tok").empty());
}

TEST(MatchLine, AppendsToTheOutputVector) {
    auto rules = load_rules("[[rules]]\nid = \"t\"\nregex = 'tok'\n");
    std::vector<rules::Match> out(2);
    match_text(rules, "p", "tok", out);
    EXPECT_EQ(out.size(), 3u);
}

} // namespace
} // namespace vigil::test
