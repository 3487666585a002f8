// `vigil rules check|test|list` through the real binary: every problem of every file at once
// with file:line and [rule id] (exit 2), examples run through the engine (exit 1 on a failure),
// and which rules a scan would use (built-in, --config, .vigil.toml / .gitleaks.toml).
#include "e2e.hpp"

#include <fstream>

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::string rule(const std::string& id, const std::string& regex) {
    return "[[rules]]\nid = \"" + id + "\"\ndescription = \"" + id + " rule\"\nregex = '''" +
           regex + "'''\n";
}

// Four problems; their lines are 3, 7, 13 and 15.
const char* k_bad = R"([[rules]]
id = "a"
regex = '''(unclosed'''

[[rules]]
id = "b"
regx = '''x'''
regex = '''y'''

[[rules]]
id = "c"
regex = '''(a)(b)'''
secretGroup = 3

[[rules]]
id = "c"
regex = '''z'''
)";

const char* k_bad_problems[] = {
    "bad.toml:3: invalid regex: missing ): (unclosed [a]",
    "bad.toml:7: unknown key 'regx'; did you mean 'regex'? [b]",
    "bad.toml:13: secretGroup 3 is out of range: the regex has 2 groups [c]",
    "bad.toml:15: duplicate rule id 'c' [c]",
};

TEST(RulesCommand, CheckGoodFileExitsZero) {
    TempDir dir;
    write_file(dir.path() / "good.toml", rule("team-token", R"(\btt_[a-z0-9]{12}\b)"));
    auto r = vigil_in(dir.path(), {"rules", "check", "good.toml"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "good.toml: 1 rules, no problems")) << describe(r);
}

TEST(RulesCommand, CheckReportsEveryProblemOfAFileAtOnce) {
    TempDir dir;
    write_file(dir.path() / "bad.toml", k_bad);
    auto r = vigil_in(dir.path(), {"rules", "check", "bad.toml"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    for (const char* problem : k_bad_problems) {
        EXPECT_TRUE(contains(r.err, problem)) << problem << "\n" << describe(r);
    }
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(RulesCommand, CheckPrintsEachProblemOnItsOwnLine) {
    TempDir dir;
    write_file(dir.path() / "bad.toml", k_bad);
    auto r = vigil_in(dir.path(), {"rules", "check", "bad.toml"});
    auto lines = lines_of(r.err);
    for (const char* problem : k_bad_problems) {
        bool alone = std::any_of(lines.begin(), lines.end(),
                                 [&](const std::string& l) { return l.ends_with(problem); });
        EXPECT_TRUE(alone) << problem << "\n" << describe(r);
    }
}

TEST(RulesCommand, CheckReportsEveryFileAndNamesTheGoodOnes) {
    TempDir dir;
    write_file(dir.path() / "bad.toml", k_bad);
    write_file(dir.path() / "good.toml", rule("g", "g_[0-9]+"));
    write_file(dir.path() / "worse.toml", "[[rules]]\nid = \"w\"\nregex = '''a[b'''\n");
    auto r = vigil_in(dir.path(), {"rules", "check", "bad.toml", "good.toml", "worse.toml"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    for (const char* problem : k_bad_problems) {
        EXPECT_TRUE(contains(r.err, problem)) << problem << "\n" << describe(r);
    }
    EXPECT_TRUE(contains(r.err, "worse.toml:3: invalid regex: missing ]")) << describe(r);
    EXPECT_TRUE(contains(r.err, "[w]")) << describe(r);
    EXPECT_TRUE(contains(r.out, "good.toml: 1 rules, no problems")) << describe(r);
}

TEST(RulesCommand, CheckWithoutFileChecksTheBuiltInPacks) {
    TempDir dir;
    auto r = vigil_in(dir.path(), {"rules", "check"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    ASSERT_TRUE(r.out.starts_with("built-in rules: ")) << describe(r);
    EXPECT_TRUE(contains(r.out, " rules, no problems")) << describe(r);
    // The count is that of the rules a scan uses without configuration.
    auto list = vigil_in(dir.path(), {"rules", "list"});
    ASSERT_EQ(list.exit_code, 0) << describe(list);
    size_t count = std::stoul(r.out.substr(std::string("built-in rules: ").size()));
    EXPECT_EQ(count, line_count(list.out)) << describe(r) << describe(list);
}

const char* k_examples = R"([[rules]]
id = "team-token"
regex = '''\b(tt_[a-z0-9]{12})\b'''
keywords = ["tt_"]
[[rules.examples]]
match = '''token = "tt_a1b2c3d4e5f6"'''
[[rules.examples]]
nomatch = ['''token = "tt_short"''', '''token = "tt_0000fixtures"''']

[[allowlists]]
regexes = ['''^tt_0''']
)";

TEST(RulesCommand, TestPassesWhenEveryExampleDoes) {
    TempDir dir;
    // The second nomatch example holds only thanks to the file's global allowlist.
    write_file(dir.path() / "ok.toml", k_examples);
    auto r = vigil_in(dir.path(), {"rules", "test", "ok.toml"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "1 rules, 3 examples: all passed")) << describe(r);
}

TEST(RulesCommand, TestNamesTheFailingExamplesFileLineAndRule) {
    TempDir dir;
    write_file(dir.path() / "ex.toml", std::string(k_examples) + R"(
[[rules]]
id = "other-token"
regex = '''\bot_[a-z0-9]{12}\b'''
[[rules.examples]]
match = "ot_a1b2c3d4e5f6"
[[rules.examples]]
nomatch = "ot_zzzzzzzzzzzz"
[[rules.examples]]
match = "ot_short"
)");
    auto r = vigil_in(dir.path(), {"rules", "test", "ex.toml"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    // Each failure names the line of its [[rules.examples]] table.
    EXPECT_TRUE(contains(r.out, "ex.toml:18: nomatch example gave 1 finding(s) [other-token]"))
        << describe(r);
    EXPECT_TRUE(contains(r.out, "ex.toml:20: match example gave no finding [other-token]"))
        << describe(r);
    EXPECT_FALSE(contains(r.out, "[team-token]")) << describe(r);
    EXPECT_TRUE(contains(r.out, "2 rules, 6 examples: 2 failed")) << describe(r);
}

TEST(RulesCommand, TestOfAnInvalidFileIsAConfigError) {
    TempDir dir;
    write_file(dir.path() / "bad.toml", k_bad);
    auto r = vigil_in(dir.path(), {"rules", "test", "bad.toml"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "bad.toml:7: unknown key 'regx'")) << describe(r);
}

TEST(RulesCommand, ListShowsTheBuiltInRules) {
    TempDir dir;
    auto r = vigil_in(dir.path(), {"rules", "list"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "aws-access-token")) << describe(r);
    EXPECT_TRUE(contains(r.out, "github-pat")) << describe(r);
    EXPECT_TRUE(contains(r.err, "from built-in rules")) << describe(r);
}

TEST(RulesCommand, ListShowsTheRulesOfConfig) {
    TempDir dir;
    write_file(dir.path() / "mine.toml", rule("team-token", "tt_[a-z0-9]{12}"));
    auto r = vigil_in(dir.path(), {"rules", "list", "--config", "mine.toml"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "team-token")) << describe(r);
    EXPECT_FALSE(contains(r.out, "aws-access-token")) << describe(r); // no [extend]
    EXPECT_EQ(line_count(r.out), 1u) << describe(r);
}

TEST(RulesCommand, ListShowsTheRepositorysGitleaksToml) {
    TempRepo repo;
    repo.write(".gitleaks.toml", "[extend]\nuseDefault = true\n" + rule("team-token", "tt_x"));
    repo.write("sub/dir/file.txt", "x\n");
    auto r = repo.vigil({"rules", "list"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "team-token")) << describe(r);
    EXPECT_TRUE(contains(r.out, "aws-access-token")) << describe(r);
    EXPECT_TRUE(contains(r.err, ".gitleaks.toml")) << describe(r);
    // From a subfolder the file at the top of the work tree is used.
    ProcessOptions in_sub;
    in_sub.cwd = (repo.path() / "sub/dir").string();
    auto sub = repo.vigil({"rules", "list"}, in_sub);
    EXPECT_EQ(sub.exit_code, 0) << describe(sub);
    EXPECT_TRUE(contains(sub.out, "team-token")) << describe(sub);
}

TEST(RulesCommand, ListPrefersVigilTomlOverGitleaksToml) {
    TempRepo repo;
    repo.write(".gitleaks.toml", rule("from-gitleaks-toml", "g_x"));
    repo.write(".vigil.toml", rule("from-vigil-toml", "v_x"));
    auto r = repo.vigil({"rules", "list"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "from-vigil-toml")) << describe(r);
    EXPECT_FALSE(contains(r.out, "from-gitleaks-toml")) << describe(r);
    EXPECT_TRUE(contains(r.err, ".vigil.toml")) << describe(r);
}

TEST(RulesCommand, ListConfigWinsOverTheRepositoryFile) {
    TempRepo repo;
    repo.write(".vigil.toml", rule("from-vigil-toml", "v_x"));
    repo.write("ci/rules.toml", rule("from-flag", "f_x"));
    auto r = repo.vigil({"rules", "list", "--config", "ci/rules.toml"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "from-flag")) << describe(r);
    EXPECT_FALSE(contains(r.out, "from-vigil-toml")) << describe(r);
}

TEST(RulesCommand, ListOfABadRepositoryFileIsAConfigError) {
    TempRepo repo;
    repo.write(".gitleaks.toml", "[[rules]]\nid = \"x\"\nregex = '''(x'''\n");
    auto r = repo.vigil({"rules", "list"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, ".gitleaks.toml:3: invalid regex")) << describe(r);
    EXPECT_TRUE(contains(r.err, "[x]")) << describe(r);
}

} // namespace
} // namespace vigil::test
