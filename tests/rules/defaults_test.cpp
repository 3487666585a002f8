// The rule packs compiled into the binary.
#include "rules_test_helpers.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <set>

namespace vigil::test {
namespace {

rules::RuleSet defaults() {
    auto loaded = rules::RuleSet::defaults();
    if (!loaded) {
        ADD_FAILURE() << loaded.error().describe();
        std::abort();
    }
    return std::move(*loaded);
}

TEST(DefaultRules, LoadWithUniqueIdsAndKeywords) {
    auto rules = defaults();
    ASSERT_GT(rules.size(), 0u);
    std::set<std::string> ids;
    for (size_t i = 0; i < rules.size(); ++i) {
        const auto& r = rules.rule(i);
        EXPECT_TRUE(ids.insert(r.id).second) << r.id;
        EXPECT_FALSE(r.description.empty()) << r.id;
        if (r.category != "hygiene" && !r.is_path_only()) {
            EXPECT_FALSE(r.keywords.empty()) << r.id << " runs on every fragment";
        }
    }
    EXPECT_TRUE(ids.count("aws-access-token"));
}

TEST(DefaultRules, DetectAnAwsStyleKey) {
    auto rules = defaults();
    std::string key = fake_aws_key();
    EXPECT_EQ(secrets_in(rules, "aws_access_key_id = \"" + key + "\""),
              Strings{"aws-access-token:" + key});
    EXPECT_EQ(secrets_in(rules, "AWS_ACCESS_KEY_ID=" + key + "\r"),
              Strings{"aws-access-token:" + key});
    // Different variants are all found.
    EXPECT_EQ(secrets_in(rules, fake_aws_key(3)).size(), 1u);
}

TEST(DefaultRules, IgnoreTheAwsDocumentationKey) {
    auto rules = defaults();
    std::string example = std::string("AKIA") + "IOSFODNN7" + "EXAMPLE";
    EXPECT_TRUE(secrets_in(rules, "aws_access_key_id = " + example).empty());
}

TEST(DefaultRules, DoNotFlagPlaceholders) {
    auto rules = defaults();
    for (const char* line :
         {"aws_access_key_id = ${AWS_KEY}", "aws_access_key_id: {{ .Values.awsKey }}",
          "token = \"<your-token-here>\"", "GITHUB_TOKEN=$GITHUB_TOKEN",
          "aws_secret = xxxxxxxxxxxxxxxx", "password = changeme"}) {
        EXPECT_TRUE(secrets_in(rules, line).empty()) << line;
    }
}

TEST(DefaultRules, DetectAGithubToken) {
    auto rules = defaults();
    std::string token = fake_github_token();
    EXPECT_EQ(secrets_in(rules, "GH_TOKEN=" + token), Strings{"github-pat:" + token});
}

TEST(DefaultRules, LowEntropyLookalikesAreNotReported) {
    auto rules = defaults();
    // Matches the AWS shape, but the body is one repeated letter: entropy far below 3.
    std::string dull = std::string("AKIA") + std::string(16, 'A');
    EXPECT_TRUE(secrets_in(rules, "key = " + dull).empty());
}

TEST(DefaultRules, PlaceholderAllowlistShape) {
    // The same global allowlist as rules/secrets.toml, on a rule that would match placeholders.
    auto rules = load_rules(R"(
[[allowlists]]
regexes = [
  '''^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$''',
  '''^\{\{.*\}\}$''',
  '''(?i)^(?:x{6,}|\*{6,}|changeme|<[a-z_-]+>)$''',
]
[[rules]]
id = "generic-password"
regex = '''password\s*=\s*(\S+)'''
)");
    for (const char* placeholder : {"${DB_PASSWORD}", "$DB_PASSWORD", "{{pw}}", "xxxxxxxx",
                                    "********", "CHANGEME", "<password>"}) {
        EXPECT_TRUE(secrets_in(rules, std::string("password = ") + placeholder).empty())
            << placeholder;
    }
    EXPECT_EQ(secrets_in(rules, "password = hunter2xyz"), Strings{"generic-password:hunter2xyz"});
    EXPECT_EQ(secrets_in(rules, "password = ${A}b"), Strings{"generic-password:${A}b"});
}

} // namespace
} // namespace vigil::test
