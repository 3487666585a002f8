// Rule files: what loads, and how every problem in a file is reported at once.
#include "rules_test_helpers.hpp"

#include <gtest/gtest.h>

namespace vigil::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(RuleLoader, LoadsAValidFile) {
    auto rules = load_rules(R"(
title = "team rules"
description = "what we check"
minVersion = "0.1.0"

[[rules]]
id = "team-token"
description = "Team API token"
regex = '''\b(tt_[a-z0-9]{12})\b'''
secretGroup = 1
entropy = 2.5
keywords = ["TT_"]
tags = ["api", "team"]
severity = "warning"
help = "Rotate it."

[[rules]]
id = "todo-marker"
description = "A TODO left in the code"
message = "TODO found"
category = "hygiene"
regex = '''TODO'''
path = '''\.py$'''
)");
    ASSERT_EQ(rules.size(), 2u);
    const rules::Rule& token = rules.rule(0);
    EXPECT_EQ(token.id, "team-token");
    EXPECT_EQ(token.description, "Team API token");
    EXPECT_EQ(token.category, "secret"); // the default category
    EXPECT_EQ(token.severity, core::Severity::warning);
    EXPECT_EQ(token.secret_group, 1);
    EXPECT_DOUBLE_EQ(token.entropy, 2.5);
    EXPECT_EQ(token.keywords, Strings{"tt_"}); // lower-cased
    EXPECT_EQ(token.tags, (Strings{"api", "team"}));
    EXPECT_EQ(token.help, "Rotate it.");
    const rules::Rule& todo = rules.rule(1);
    EXPECT_EQ(todo.category, "hygiene");
    EXPECT_EQ(todo.message, "TODO found");
    EXPECT_EQ(todo.severity, core::Severity::warning); // non-secret rules default to warning
    EXPECT_DOUBLE_EQ(todo.entropy, 0);
}

TEST(RuleLoader, DefaultsForASecretRule) {
    auto rules = load_rules("[[rules]]\nid = \"x\"\nregex = 'x'\n");
    EXPECT_EQ(rules.rule(0).category, "secret");
    EXPECT_EQ(rules.rule(0).severity, core::Severity::error);
    EXPECT_EQ(rules.rule(0).secret_group, 0);
    EXPECT_TRUE(rules.rule(0).keywords.empty());
}

TEST(RuleLoader, IntegerEntropyIsAccepted) {
    auto rules = load_rules("[[rules]]\nid = \"x\"\nregex = 'x'\nentropy = 3\n");
    EXPECT_DOUBLE_EQ(rules.rule(0).entropy, 3.0);
}

TEST(RuleLoader, EmptyFileHasNoRules) {
    EXPECT_EQ(load_rules("").size(), 0u);
    EXPECT_EQ(load_rules("title = \"nothing yet\"\n").size(), 0u);
}

TEST(RuleLoader, EveryProblemIsReportedAtOnceWithLineAndRuleId) {
    util::ErrorKind kind{};
    std::string error = load_error(R"([[rules]]
id = "a"
regex = '''(unclosed'''

[[rules]]
id = "b"
regx = '''x'''
regex = '''y'''
secretgroup = 1

[[rules]]
id = "c"
regex = '''(a)(b)'''
secretGroup = 3

[[rules]]
id = "c"
regex = '''z'''
severity = "critical"

[[rules]]
id = "d"
regex = '''q'''
[rules.allowlist]
condition = "XOR"
regexTarget = "body"
regexes = ['''ok''']

[[rules]]
id = "e"
regex = '''w'''
[[rules.allowlists]]
description = "nothing"
)",
                                   &kind);
    EXPECT_EQ(kind, util::ErrorKind::config);
    auto lines = split_lines(error);
    ASSERT_EQ(lines.size(), 9u) << error;
    EXPECT_TRUE(lines[0].starts_with("test.toml:3: invalid regex: missing ")) << lines[0];
    EXPECT_TRUE(lines[0].ends_with(" [a]")) << lines[0];
    EXPECT_EQ(lines[1], "test.toml:7: unknown key 'regx'; did you mean 'regex'? [b]");
    EXPECT_EQ(lines[2], "test.toml:9: unknown key 'secretgroup'; did you mean 'secretGroup'? [b]");
    EXPECT_EQ(lines[3], "test.toml:14: secretGroup 3 is out of range: the regex has 2 groups [c]");
    EXPECT_EQ(lines[4], "test.toml:16: duplicate rule id 'c' [c]");
    EXPECT_EQ(lines[5],
              "test.toml:19: severity must be error, warning or note, not 'critical' [c]");
    EXPECT_EQ(lines[6],
              "test.toml:25: allowlist condition must be \"OR\" or \"AND\", not \"XOR\" [d]");
    EXPECT_EQ(
        lines[7],
        "test.toml:26: regexTarget must be \"secret\", \"match\" or \"line\", not \"body\" [d]");
    EXPECT_EQ(lines[8], "test.toml:32: allowlist has no regexes, paths, stopwords or commits [e]");
}

TEST(RuleLoader, BadRegexCarriesRe2sMessage) {
    std::string error = load_error("[[rules]]\nid = \"r\"\nregex = '''a[b'''\n");
    EXPECT_TRUE(error.starts_with("test.toml:3: invalid regex: ")) << error;
    EXPECT_TRUE(contains(error, "missing ]")) << error; // RE2: "missing ]: [b"
    EXPECT_TRUE(error.ends_with("[r]")) << error;
    // Perl features RE2 does not have are reported the same way.
    std::string lookahead = load_error("[[rules]]\nid = \"la\"\nregex = '''a(?=b)'''\n");
    EXPECT_TRUE(lookahead.starts_with("test.toml:3: invalid regex: ")) << lookahead;
}

TEST(RuleLoader, BadPathAndAllowlistRegexes) {
    std::string error = load_error(R"([[rules]]
id = "p"
regex = 'x'
path = '''(['''
[rules.allowlist]
regexes = ['ok', '''*bad''']
paths = ['''(''']
)");
    auto lines = split_lines(error);
    ASSERT_EQ(lines.size(), 3u) << error;
    EXPECT_TRUE(lines[0].starts_with("test.toml:4: invalid path regex: ")) << lines[0];
    // Each problem names the line of its own value.
    EXPECT_TRUE(lines[1].starts_with("test.toml:6: invalid allowlist regex: ")) << lines[1];
    EXPECT_TRUE(lines[2].starts_with("test.toml:7: invalid allowlist path regex: ")) << lines[2];
    for (const auto& l : lines) {
        EXPECT_TRUE(l.ends_with(" [p]")) << l;
    }
}

TEST(RuleLoader, UnknownKeysWithAndWithoutSuggestion) {
    EXPECT_EQ(load_error("[[rules]]\nid = \"k\"\nregex = 'x'\nkeyword = ['x']\n"),
              "test.toml:4: unknown key 'keyword'; did you mean 'keywords'? [k]");
    EXPECT_EQ(load_error("[[rules]]\nid = \"k\"\nregex = 'x'\nflavour = 'x'\n"),
              "test.toml:4: unknown key 'flavour' [k]");
    EXPECT_EQ(load_error("titel = 'x'\n"),
              "test.toml:1: unknown key 'titel'; did you mean 'title'?");
    EXPECT_EQ(load_error("[[rules]]\nid = \"k\"\nregex = 'x'\n[rules.allowlist]\nregexs = ['a']\n"),
              "test.toml:5: unknown key 'regexs'; did you mean 'regexes'? [k]");
}

TEST(RuleLoader, SecretGroupOutOfRange) {
    EXPECT_EQ(load_error("[[rules]]\nid = \"g\"\nregex = 'abc'\nsecretGroup = 1\n"),
              "test.toml:4: secretGroup 1 is out of range: the regex has 0 groups [g]");
    // Non-capturing groups do not count.
    EXPECT_EQ(load_error("[[rules]]\nid = \"g\"\nregex = '(?:a)(b)'\nsecretGroup = 2\n"),
              "test.toml:4: secretGroup 2 is out of range: the regex has 1 groups [g]");
    EXPECT_EQ(load_rules("[[rules]]\nid = \"g\"\nregex = '(?:a)(b)'\nsecretGroup = 1\n").size(),
              1u);
}

TEST(RuleLoader, NegativeSecretGroupIsAnError) {
    EXPECT_EQ(load_error("[[rules]]\nid = \"g\"\nregex = '(a)'\nsecretGroup = -1\n"),
              "test.toml:4: secretGroup -1 is out of range: the regex has 1 groups [g]");
}

TEST(RuleLoader, WrongValueTypesAreReported) {
    // Values of the wrong TOML type are problems, not silently replaced by defaults (which
    // would disable the entropy gate, widen a path-scoped rule to every file, and so on).
    const std::pair<const char*, const char*> cases[] = {
        {"entropy = \"3.5\"", "'entropy' must be a number"},
        {"path = 5", "'path' must be a string"},
        {"secretGroup = \"1\"", "'secretGroup' must be a whole number"},
        {"secretGroup = 1.0", "'secretGroup' must be a whole number"},
        {"severity = 2", "'severity' must be a string"},
        {"description = true", "'description' must be a string"},
        {"category = [\"secret\"]", "'category' must be a string"},
    };
    for (const auto& [bad, expected] : cases) {
        std::string toml = std::string("[[rules]]\nid = \"t\"\nregex = '(x)'\n") + bad + "\n";
        EXPECT_EQ(load_error(toml), std::string("test.toml:4: ") + expected + " [t]") << bad;
    }
    EXPECT_EQ(load_error("[[rules]]\nid = 7\nregex = 'x'\n"),
              "test.toml:2: 'id' must be a string\ntest.toml:1: rule without an 'id'");
    EXPECT_EQ(load_error("[[rules]]\nid = \"t\"\nregex = 5\n"),
              "test.toml:3: 'regex' must be a string [t]");
}

TEST(RuleLoader, DuplicateIdAcrossRules) {
    EXPECT_EQ(
        load_error("[[rules]]\nid = \"dup\"\nregex = 'a'\n[[rules]]\nid = \"dup\"\nregex = 'b'\n"),
        "test.toml:4: duplicate rule id 'dup' [dup]");
}

TEST(RuleLoader, MissingIdOrRegex) {
    EXPECT_EQ(load_error("[[rules]]\nregex = 'a'\n"), "test.toml:1: rule without an 'id'");
    EXPECT_EQ(load_error("[[rules]]\nid = \"x\"\ndescription = 'd'\n"),
              "test.toml:1: rule needs a 'regex', a 'path' or both [x]");
    EXPECT_EQ(load_rules("[[rules]]\nid = \"x\"\npath = 'a'\n").size(), 1u); // path-only
}

TEST(RuleLoader, BadSeverityNamesTheValue) {
    EXPECT_EQ(load_error("[[rules]]\nid = \"s\"\nregex = 'a'\nseverity = \"high\"\n"),
              "test.toml:4: severity must be error, warning or note, not 'high' [s]");
}

TEST(RuleLoader, BadSeveritySuggestsTheClosestName) {
    EXPECT_EQ(load_error("[[rules]]\nid = \"s\"\nregex = 'a'\nseverity = \"eror\"\n"),
              "test.toml:4: severity must be error, warning or note, not 'eror'; did you mean "
              "'error'? [s]");
    EXPECT_TRUE(contains(load_error("[[rules]]\nid = \"s\"\nregex = 'a'\nseverity = \"notes\"\n"),
                         "did you mean 'note'?"));
}

TEST(RuleLoader, AllowlistConditionAndTargetSpellings) {
    for (const char* condition : {"OR", "||", "AND", "&&", "and", "Or"}) { // any case, as gitleaks
        std::string toml = std::string("[[rules]]\nid = \"a\"\nregex = 'a'\n[rules.allowlist]\n"
                                       "condition = \"") +
                           condition + "\"\nregexes = ['b']\n";
        EXPECT_TRUE(rules::RuleSet::from_toml(toml, "test.toml")) << condition;
    }
    EXPECT_EQ(load_error("[[rules]]\nid = \"a\"\nregex = 'a'\n[rules.allowlist]\n"
                         "condition = \"xor\"\nregexes = ['b']\n"),
              "test.toml:5: allowlist condition must be \"OR\" or \"AND\", not \"xor\" [a]");
    for (const char* target : {"secret", "match", "line"}) {
        std::string toml = std::string("[[rules]]\nid = \"a\"\nregex = 'a'\n[rules.allowlist]\n"
                                       "regexTarget = \"") +
                           target + "\"\nregexes = ['b']\n";
        EXPECT_TRUE(rules::RuleSet::from_toml(toml, "test.toml")) << target;
    }
}

TEST(RuleLoader, EmptyAllowlistIsAProblemGlobalOrPerRule) {
    EXPECT_EQ(load_error("[allowlist]\ndescription = \"empty\"\n"),
              "test.toml:1: allowlist has no regexes, paths, stopwords or commits");
    EXPECT_EQ(load_error("[[rules]]\nid = \"a\"\nregex = 'a'\n[[rules.allowlists]]\n"
                         "regexes = []\n"),
              "test.toml:4: allowlist has no regexes, paths, stopwords or commits [a]");
}

TEST(RuleLoader, ListsMustHoldStrings) {
    EXPECT_EQ(load_error("[[rules]]\nid = \"l\"\nregex = 'a'\nkeywords = \"a\"\n"),
              "test.toml:4: 'keywords' must be a list of strings [l]");
    EXPECT_EQ(load_error("[[rules]]\nid = \"l\"\nregex = 'a'\ntags = [\"a\", 1]\n"),
              "test.toml:4: 'tags' must hold only strings [l]");
}

TEST(RuleLoader, RulesMustBeAnArrayOfTables) {
    EXPECT_EQ(load_error("rules = 5\n"),
              "test.toml:1: 'rules' must be an array of tables ([[rules]])");
    EXPECT_EQ(load_error("rules = [1]\n"), "test.toml:1: each [[rules]] entry must be a table");
}

TEST(RuleLoader, TomlSyntaxErrorHasLineAndColumn) {
    util::ErrorKind kind{};
    std::string error = load_error("[[rules]]\nid = \"x\nregex = 'a'\n", &kind);
    EXPECT_EQ(kind, util::ErrorKind::config);
    EXPECT_TRUE(error.starts_with("test.toml:2:8: ")) << error;
    std::string other = load_error("[[rules]]\nid = \"x\"\nregex = 'a'\nid = \"y\"\n");
    EXPECT_TRUE(other.starts_with("test.toml:4:")) << other; // redefinition
}

TEST(RuleLoader, ArrayOfSingularAllowlistTablesIsNotSilentlyDropped) {
    // `[[rules.allowlist]]` is a common slip between gitleaks' `[rules.allowlist]` and
    // `[[rules.allowlists]]`; it used to load and be ignored. Now it is a problem.
    EXPECT_EQ(load_error("[[rules]]\nid = \"x\"\nregex = 'tok_[a-d]+'\n[[rules.allowlist]]\n"
                         "regexes = ['tok']\n"),
              "test.toml:4: 'allowlist' must be one table ([allowlist]); for a list write "
              "[[allowlists]] [x]");
    EXPECT_EQ(load_error("[[allowlist]]\nregexes = ['tok']\n"),
              "test.toml:1: 'allowlist' must be one table ([allowlist]); for a list write "
              "[[allowlists]]");
    EXPECT_EQ(load_error("[[rules]]\nid = \"x\"\nregex = 'a'\nallowlists = 3\n"),
              "test.toml:4: 'allowlists' must be a list of tables ([[allowlists]]) [x]");
    EXPECT_EQ(load_error("[[rules]]\nid = \"x\"\nregex = 'a'\nallowlists = [3]\n"),
              "test.toml:4: each 'allowlists' entry must be a table [x]");
}

} // namespace
} // namespace vigil::test
