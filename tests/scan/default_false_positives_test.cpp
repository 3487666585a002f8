// The built-in secret rules stay quiet on what looks like a secret but is not: documentation
// keys, placeholders, environment lookups, lock-file hashes, UUIDs, data: URIs. Each text is
// scanned as one new file with the full default packs.
#include <algorithm>
#include <gtest/gtest.h>
#include <vigil/git/paths.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::test {
namespace {

const rules::RuleSet& defaults() {
    static rules::RuleSet rules = [] {
        auto loaded = rules::RuleSet::defaults();
        if (!loaded) {
            ADD_FAILURE() << loaded.error().describe();
            std::abort();
        }
        return std::move(*loaded);
    }();
    return rules;
}

std::vector<std::string> secret_findings(const std::string& path, const std::string& text) {
    core::ChangeSet cs;
    cs.files.push_back(git::file_as_added(path, text));
    std::vector<std::string> out;
    for (const auto& f : scan::scan_changes(defaults(), cs)) {
        if (f.category == "secret") {
            out.push_back(f.rule_id + ": " + f.line_text);
        }
    }
    return out;
}

struct Quiet {
    const char* path;
    const char* text;
};

class DefaultSecretsStayQuiet : public testing::TestWithParam<Quiet> {};

TEST_P(DefaultSecretsStayQuiet, On) {
    EXPECT_EQ(secret_findings(GetParam().path, GetParam().text), std::vector<std::string>{})
        << GetParam().text;
}

// Documentation keys are split so that this file does not carry them whole.
const std::string k_aws_doc_id = std::string("AKIA") + "IOSFODNN7EXAMPLE";
const std::string k_aws_doc_secret = std::string("wJalrXUtnFEMI/K7MDENG/") + "bPxRfiCYEXAMPLEKEY";

INSTANTIATE_TEST_SUITE_P(
    Placeholders, DefaultSecretsStayQuiet,
    testing::Values(Quiet{"config.py", "aws_access_key_id = \"${AWS_ACCESS_KEY_ID}\"\n"},
                    Quiet{"values.yaml", "apiKey: {{ .Values.stripe.apiKey }}\n"},
                    Quiet{"settings.py", "API_KEY = \"<your-api-key>\"\n"},
                    Quiet{"settings.py", "SECRET_KEY = \"changeme\"\n"},
                    Quiet{"app.env", "PASSWORD=xxxxxxxxxxxxxxxx\n"},
                    Quiet{"app.env", "DB_PASSWORD=********\n"},
                    Quiet{"README.md", "export GITHUB_TOKEN=your_github_token_here\n"},
                    Quiet{"app.js", "const password = \"%s\";\n"},
                    Quiet{"config.json", "{\"password\": \"\", \"api_key\": null}\n"}));

INSTANTIATE_TEST_SUITE_P(
    EnvironmentLookups, DefaultSecretsStayQuiet,
    testing::Values(Quiet{"app.py", "password = os.environ[\"DB_PASSWORD\"]\n"},
                    Quiet{"app.py", "api_key = os.getenv(\"OPENAI_API_KEY\")\n"},
                    Quiet{"app.js", "const token = process.env.GITHUB_TOKEN;\n"},
                    Quiet{"Main.java", "String secret = System.getenv(\"CLIENT_SECRET\");\n"},
                    Quiet{"main.go", "apiKey := os.Getenv(\"STRIPE_API_KEY\")\n"},
                    Quiet{"deploy.sh", "curl -H \"Authorization: Bearer $API_TOKEN\" https://x\n"},
                    Quiet{"ci.yml", "  token: ${{ secrets.NPM_TOKEN }}\n"}));

INSTANTIATE_TEST_SUITE_P(
    HashesIdsAndData, DefaultSecretsStayQuiet,
    testing::Values(
        Quiet{"package-lock.json",
              "      \"integrity\": "
              "\"sha512-Mu3zcYgeHQC9GzdOHvC5WjDoqDtQ8GmCJ4p8yYDWRvk4dsgBzRVa6fDyD"
              "lq4Nu2iBmOGSJbBDT6ytbvGuidAoQ==\"\n"},
        Quiet{"go.sum",
              "golang.org/x/text v0.3.7 h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=\n"},
        Quiet{"app.py", "request_id = \"3f2b8a9c-4d1e-4f6a-9b2c-7e5d8a1f0c3b\"\n"},
        Quiet{"app.py", "api_key_id = \"3f2b8a9c-4d1e-4f6a-9b2c-7e5d8a1f0c3b\"\n"},
        Quiet{"index.html", "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAA"
                            "AAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">\n"},
        Quiet{"build.gradle",
              "sha256 = \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"\n"},
        Quiet{"app.py", "commit = \"0123456789abcdef0123456789abcdef01234567\"\n"}));

TEST(DefaultSecretsStayQuiet, OnWellKnownDocumentationKeys) {
    EXPECT_EQ(secret_findings("creds.ini", "aws_access_key_id = " + k_aws_doc_id + "\n" +
                                               "aws_secret_access_key = " + k_aws_doc_secret +
                                               "\n"),
              std::vector<std::string>{});
}

TEST(DefaultSecretsFire, OnTheRealShapes) {
    // The counterpart: the same places with credential-shaped values do fire.
    std::string aws = std::string("AKIA") + "Z7QWERTYUIOP2345";
    EXPECT_FALSE(secret_findings("config.py", "aws_access_key_id = \"" + aws + "\"\n").empty());
    EXPECT_FALSE(
        secret_findings("app.env", std::string("DB_PASSWORD=") + "Tr0ub4dor3xQz9vLp2\n").empty());
}

TEST(DefaultSecretsFire, OnKeywordLinesDeepInAFileAtTheRightPlace) {
    // Built-in single-line rules run only on the lines holding their keywords: findings must
    // still carry the file's line and column.
    std::string aws = std::string("AKIA") + "Z7QWERTYUIOP2345";
    std::string text = "# keys below\n\nx = 1\n" + std::string(5000, '#') + "\n" +
                       "aws_access_key_id = \"" + aws + "\"\nend = 2\n";
    core::ChangeSet cs;
    cs.files.push_back(git::file_as_added("deep.py", text));
    auto findings = scan::scan_changes(defaults(), cs);
    auto it = std::find_if(findings.begin(), findings.end(),
                           [](const auto& x) { return x.rule_id == "aws-access-token"; });
    ASSERT_NE(it, findings.end());
    const auto& f = *it;
    EXPECT_EQ(f.location.line, 5u);
    EXPECT_EQ(f.location.column, 22u);
    EXPECT_EQ(f.secret_text(), aws);
}

TEST(DefaultSecretsFire, WhenTheContextWordIsOnAnotherLine) {
    // Some rules' keywords are context words that are not part of the token itself. Those
    // rules must see the whole fragment, not only the lines holding a keyword.
    auto rules_of = [](const std::string& path, const std::string& text) {
        std::vector<std::string> ids;
        core::ChangeSet cs;
        cs.files.push_back(git::file_as_added(path, text));
        for (const auto& f : scan::scan_changes(defaults(), cs)) {
            ids.push_back(f.rule_id);
        }
        return ids;
    };
    std::string discord =
        std::string("MTg2q0Ia5xoNDr5IaFKDCcfriO.") + "VquyZp.pkGNNKE3fO2AV5EcuV53Gy1BX9c";
    auto ids = rules_of("bot.py", "# discord\nTOKENS = [\n    \"" + discord + "\",\n]\n");
    EXPECT_NE(std::find(ids.begin(), ids.end(), "discord-api-token"), ids.end());

    std::string fb = std::string("4993785868838808|") + "YdERmWHzGkSKegiaI9I9s5iMIky";
    ids = rules_of("fb.js", "// facebook app\nconst creds = {\n  app: '" + fb + "',\n};\n");
    EXPECT_NE(std::find(ids.begin(), ids.end(), "facebook-access-token"), ids.end());
}

} // namespace
} // namespace vigil::test
