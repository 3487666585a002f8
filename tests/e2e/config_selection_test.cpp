// Which rules `vigil scan --staged` uses: the built-in rules, a repository's .gitleaks.toml or
// .vigil.toml (gitleaks semantics: without [extend] it replaces the defaults), --config over
// both; and the CI trust policy: with CI set, a repository's file cannot disable, override,
// allowlist or drop the default secret rules (vigil warns), while without CI it can.
#include "e2e.hpp"

namespace vigil::test {
namespace {

const std::string k_itk = "itk_" + std::string("q8xv2lmn4pr7st1uw3yz5ab6cd9ef0gh");

const char* k_itk_rule = R"(
[[rules]]
id = "internal-token"
description = "Internal service token"
regex = '''\b(itk_[a-z0-9]{32})\b'''
keywords = ["itk_"]
)";

// A repository with `config` committed as `name`, then a staged file holding a fake AWS key
// (line 1) and an internal token (line 2).
void prepare(const TempRepo& repo, const std::string& name, const std::string& config) {
    if (!name.empty()) {
        repo.write(name, config);
    }
    repo.write("README.md", "readme\n");
    repo.commit_all("base");
    repo.write("app/settings.py", secret_line(fake_aws_key()) + "token = \"" + k_itk + "\"\n");
    repo.git({"add", "app/settings.py"});
}

ProcessResult scan_staged(const TempRepo& repo, bool in_ci, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"scan", "--staged"};
    args.insert(args.end(), extra.begin(), extra.end());
    ProcessOptions opts;
    if (in_ci) {
        opts.env.push_back({"CI", "true"}); // process.hpp removes CI from every child otherwise
    }
    return repo.vigil(args, opts);
}

bool reports(const ProcessResult& r, const std::string& rule_id) {
    return contains(r.out, "[" + rule_id + "]");
}

TEST(ConfigSelection, BuiltInRulesWithoutAConfigFile) {
    TempRepo repo;
    prepare(repo, "", "");
    auto r = scan_staged(repo, false);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "app/settings.py:1:12:")) << describe(r);
    EXPECT_TRUE(reports(r, "aws-access-token")) << describe(r);
    EXPECT_FALSE(reports(r, "internal-token")) << describe(r);
}

TEST(ConfigSelection, GitleaksTomlWithoutExtendReplacesTheDefaults) {
    TempRepo repo;
    prepare(repo, ".gitleaks.toml", k_itk_rule);
    auto r = scan_staged(repo, false);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "app/settings.py:2:")) << describe(r);
    EXPECT_TRUE(reports(r, "internal-token")) << describe(r);
    EXPECT_FALSE(reports(r, "aws-access-token")) << describe(r);
}

TEST(ConfigSelection, GitleaksTomlWithUseDefaultAddsToTheDefaults) {
    TempRepo repo;
    prepare(repo, ".gitleaks.toml", std::string("[extend]\nuseDefault = true\n") + k_itk_rule);
    auto r = scan_staged(repo, false);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(reports(r, "internal-token")) << describe(r);
    EXPECT_TRUE(reports(r, "aws-access-token")) << describe(r);
}

TEST(ConfigSelection, VigilTomlWinsOverGitleaksToml) {
    TempRepo repo;
    repo.write(".vigil.toml", k_itk_rule);
    prepare(repo, ".gitleaks.toml", "[extend]\nuseDefault = true\n");
    auto r = scan_staged(repo, false);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(reports(r, "internal-token")) << describe(r);
    EXPECT_FALSE(reports(r, "aws-access-token")) << describe(r);
}

TEST(ConfigSelection, ConfigFlagWinsOverTheRepositoryFile) {
    TempRepo repo;
    repo.write("ci/user-rules.toml", "[[rules]]\nid = \"itk-prefix\"\nregex = '''itk_q8'''\n");
    prepare(repo, ".gitleaks.toml", std::string("[extend]\nuseDefault = true\n") + k_itk_rule);
    for (bool in_ci : {false, true}) {
        auto r = scan_staged(repo, in_ci, {"--config", "ci/user-rules.toml"});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_TRUE(reports(r, "itk-prefix")) << describe(r);
        EXPECT_FALSE(reports(r, "internal-token")) << describe(r);
        // The user's own file is trusted in CI too: it may leave the defaults out.
        EXPECT_FALSE(reports(r, "aws-access-token")) << in_ci << "\n" << describe(r);
    }
}

TEST(ConfigSelection, MissingConfigFlagFileIsAConfigError) {
    TempRepo repo;
    prepare(repo, "", "");
    auto r = scan_staged(repo, false, {"--config", "no-such-rules.toml"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "no-such-rules.toml")) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(ConfigSelection, BadRepositoryConfigExitsTwoNamingFileAndLine) {
    for (const char* name : {".gitleaks.toml", ".vigil.toml"}) {
        TempRepo repo;
        prepare(repo, name, "[[rules]]\nid = \"broken\"\nregex = '''(unclosed'''\n");
        auto r = scan_staged(repo, false);
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_TRUE(contains(r.err, std::string(name) + ":3: invalid regex")) << describe(r);
        EXPECT_TRUE(contains(r.err, "[broken]")) << describe(r);
        EXPECT_EQ(r.out, "") << describe(r);
    }
}

// Repository files that would keep aws-access-token from reporting the staged key.
struct Weakening {
    const char* what;
    std::string file;
    std::string config;
    std::string named = ""; // the file the CI warning names, when not `file`
};

std::vector<Weakening> weakenings() {
    std::string use_default = "[extend]\nuseDefault = true\n";
    return {
        {"disabledRules", ".gitleaks.toml",
         use_default + "disabledRules = [\"aws-access-token\"]\n"},
        {"override", ".gitleaks.toml",
         use_default + "[[rules]]\nid = \"aws-access-token\"\nregex = '''NEVER_MATCHES_1'''\n"
                       "entropy = 9.0\n"},
        {"rule allowlist by id", ".gitleaks.toml",
         use_default + "[[rules]]\nid = \"aws-access-token\"\n[[rules.allowlists]]\n"
                       "paths = ['''^app/''']\n"},
        {"global allowlist", ".gitleaks.toml",
         use_default + "[[allowlists]]\nregexes = ['''^AKIA''']\n"},
        {"targeted allowlist", ".gitleaks.toml",
         use_default +
             "[[allowlists]]\ntargetRules = [\"aws-access-token\"]\npaths = ['''.*''']\n"},
        {"old global allowlist", ".vigil.toml",
         use_default + "[allowlist]\npaths = ['''^app/''']\n"},
        {"no extend", ".gitleaks.toml", k_itk_rule},
        {"redefined without extend", ".gitleaks.toml",
         "[[rules]]\nid = \"aws-access-token\"\nregex = '''NEVER_MATCHES_2'''\n"},
        {"extend path", ".gitleaks.toml", "[extend]\npath = \"ci/base.toml\"\n", "ci/base.toml"},
    };
}

// The base file of the "extend path" case: it disables the rule on top of the defaults.
void write_base(const TempRepo& repo) {
    repo.write("ci/base.toml",
               "[extend]\nuseDefault = true\ndisabledRules = [\"aws-access-token\"]\n");
}

TEST(ConfigSelection, WithoutCiARepositoryFileMayWeakenTheDefaultSecretRules) {
    for (const auto& w : weakenings()) {
        TempRepo repo;
        write_base(repo);
        prepare(repo, w.file, w.config);
        auto r = scan_staged(repo, false);
        EXPECT_FALSE(reports(r, "aws-access-token")) << w.what << "\n" << describe(r);
        EXPECT_NE(r.exit_code, 2) << w.what << "\n" << describe(r);
    }
}

TEST(ConfigSelection, InCiARepositoryFileCannotWeakenTheDefaultSecretRules) {
    for (const auto& w : weakenings()) {
        TempRepo repo;
        write_base(repo);
        prepare(repo, w.file, w.config);
        auto r = scan_staged(repo, true);
        EXPECT_EQ(r.exit_code, 1) << w.what << "\n" << describe(r);
        EXPECT_TRUE(contains(r.out, "app/settings.py:1:12:")) << w.what << "\n" << describe(r);
        EXPECT_TRUE(reports(r, "aws-access-token")) << w.what << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, "warning:")) << w.what << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, w.named.empty() ? w.file : w.named)) << w.what << "\n"
                                                                         << describe(r);
    }
}

TEST(ConfigSelection, InCiARepositoryFileStillAddsItsOwnRules) {
    TempRepo repo;
    prepare(repo, ".gitleaks.toml", k_itk_rule); // no [extend]: the defaults stay on in CI
    auto r = scan_staged(repo, true);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(reports(r, "internal-token")) << describe(r);
    EXPECT_TRUE(reports(r, "aws-access-token")) << describe(r);
}

TEST(ConfigSelection, InCiARepositoryAllowlistStillCoversItsOwnRules) {
    TempRepo repo;
    prepare(repo, ".gitleaks.toml",
            std::string("[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''^app/''']\n") +
                k_itk_rule);
    auto r = scan_staged(repo, true);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(reports(r, "aws-access-token")) << describe(r);
    EXPECT_FALSE(reports(r, "internal-token")) << describe(r);
}

} // namespace
} // namespace vigil::test
