// The command line itself: version, help, unknown commands and options, bad values, targets.
#include "e2e.hpp"

namespace vigil::test {
namespace {

// Runs vigil in a fresh repository (usage errors must not depend on the repository).
ProcessResult run(const std::vector<std::string>& args) {
    TempRepo repo;
    return repo.vigil(args);
}

// A usage error: exit 2, nothing on stdout, an error line on stderr.
void expect_usage_error(const ProcessResult& r, std::string_view needle) {
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(contains(r.err, "error")) << describe(r);
    EXPECT_TRUE(contains(r.err, needle)) << "expected '" << needle << "' in\n" << describe(r);
}

TEST(E2eCli, VersionPrintsNameAndVersionOnStdout) {
    for (const char* flag : {"--version", "-V"}) {
        auto r = run({flag});
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        EXPECT_TRUE(r.out.starts_with("vigil ")) << describe(r);
        EXPECT_EQ(line_count(r.out), 1u) << describe(r);
        EXPECT_EQ(r.err, "");
    }
}

TEST(E2eCli, HelpListsCommandsOnStdout) {
    auto r = run({"--help"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "scan")) << describe(r);
    EXPECT_TRUE(contains(r.out, "Exit codes")) << describe(r);
    EXPECT_EQ(r.err, "");
}

TEST(E2eCli, ScanHelpListsItsOptions) {
    auto r = run({"scan", "--help"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    for (const char* opt :
         {"--staged", "--worktree", "--commit", "--range", "--history", "--all", "--format",
          "--output", "--fail-on", "--max-file-size", "--show-secrets", "--color"}) {
        EXPECT_TRUE(contains(r.out, opt)) << opt << " missing from\n" << describe(r);
    }
    EXPECT_EQ(r.err, "");
}

TEST(E2eCli, NoArgumentsIsAUsageError) {
    auto r = run({});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
}

TEST(E2eCli, UnknownCommandSuggestsTheClosestOne) {
    auto r = run({"scna"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(r.out, "");
    auto lines = lines_of(r.err);
    ASSERT_FALSE(lines.empty()) << describe(r);
    // One error line that says what was wrong and what was probably meant (a hint may follow).
    EXPECT_TRUE(contains(lines[0], "error")) << describe(r);
    EXPECT_TRUE(contains(lines[0], "scna")) << describe(r);
    EXPECT_TRUE(contains(lines[0], "did you mean 'scan'")) << describe(r);
    EXPECT_LE(lines.size(), 2u) << describe(r);
}

TEST(E2eCli, UnknownOptionSuggestsTheClosestOne) {
    auto r = run({"scan", "--stagd"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(r.out, "");
    auto lines = lines_of(r.err);
    ASSERT_FALSE(lines.empty()) << describe(r);
    EXPECT_TRUE(contains(lines[0], "--stagd")) << describe(r);
    EXPECT_TRUE(contains(lines[0], "did you mean '--staged'")) << describe(r);
    EXPECT_LE(lines.size(), 2u) << describe(r);
}

TEST(E2eCli, UnknownOptionWithValueSuggestsTheClosestOne) {
    auto r = run({"scan", "--staged", "--formt=json"});
    expect_usage_error(r, "did you mean '--format'");
}

TEST(E2eCli, BadFailOnValueIsAUsageError) {
    expect_usage_error(run({"scan", "--staged", "--fail-on", "bogus"}), "bogus");
}

TEST(E2eCli, BadColorValueIsAUsageError) {
    expect_usage_error(run({"scan", "--staged", "--color", "bogus"}), "--color");
    expect_usage_error(run({"scan", "--staged", "--color=bogus"}), "bogus");
}

TEST(E2eCli, BadMaxFileSizeIsAUsageError) {
    expect_usage_error(run({"scan", "--staged", "--max-file-size", "12Q"}), "12Q");
}

TEST(E2eCli, BadFormatIsAUsageError) {
    expect_usage_error(run({"scan", "--staged", "--format", "xml"}), "xml");
}

TEST(E2eCli, BadThreadCountIsAUsageError) {
    expect_usage_error(run({"scan", "--history", "--threads", "many"}), "many");
}

TEST(E2eCli, TwoTargetsAtOnceIsAUsageError) {
    expect_usage_error(run({"scan", "--staged", "--worktree"}), "one target");
    expect_usage_error(run({"scan", "--staged", "--commit", "HEAD"}), "one target");
    expect_usage_error(run({"scan", "--history", "some/path"}), "one target");
}

TEST(E2eCli, NoTargetIsAUsageError) {
    expect_usage_error(run({"scan"}), "--staged");
}

TEST(E2eCli, AllWithoutHistoryIsAUsageError) {
    expect_usage_error(run({"scan", "--staged", "--all"}), "--all");
}

TEST(E2eCli, UsageErrorsComeBeforeRepositoryErrors) {
    // Outside a repository a bad value is still a usage error (2), not a runtime error (3).
    TempDir dir;
    auto r = vigil_in(dir.path(), {"scan", "--staged", "--max-file-size", "12Q"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    r = vigil_in(dir.path(), {"scan", "--staged", "--color", "sometimes"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
}

} // namespace
} // namespace vigil::test
