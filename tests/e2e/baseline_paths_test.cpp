// Baselines and the paths findings carry: a baseline lists repository-relative paths, so a
// finding stays known whichever way its file is reached (a path scan of part of the tree, an
// absolute path, a subfolder, a name that is not UTF-8), and a scan that saw only part of the
// tree does not call the rest of the baseline stale.
#include "e2e.hpp"

namespace vigil::test {
namespace {
namespace fs = std::filesystem;

class E2eBaselinePaths : public ::testing::Test {
protected:
    void SetUp() override {
        repo.write("a.py", "# settings\n" + secret_line(fake_aws_key(0)));
        repo.write("sub/b.env", "TOKEN=" + fake_github_token(0) + "\n");
        repo.git({"add", "-A"});
    }

    void create() {
        auto r = repo.vigil({"baseline", "create"});
        ASSERT_EQ(r.exit_code, 0) << describe(r);
        ASSERT_TRUE(fs::exists(repo.path() / ".vigil-baseline.json")) << describe(r);
    }

    ProcessResult scan_in(const fs::path& cwd, std::vector<std::string> args) {
        args.insert(args.begin(), "scan");
        ProcessOptions opts;
        opts.cwd = cwd.string();
        return repo.vigil(args, opts);
    }

    TempRepo repo;
};

TEST_F(E2eBaselinePaths, PathScansFromTheTopKnowBaselinedFindings) {
    create();
    for (std::vector<std::string> paths :
         {std::vector<std::string>{"."}, {"./"}, {"a.py", "sub"}, {"./a.py", "./sub/"}}) {
        auto r = scan_in(repo.path(), paths);
        EXPECT_EQ(r.exit_code, 0) << paths[0] << "\n" << describe(r);
        EXPECT_EQ(r.out, "") << paths[0] << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, "2 known")) << paths[0] << "\n" << describe(r);
        EXPECT_FALSE(contains(r.err, "matched no finding")) << paths[0] << "\n" << describe(r);
    }
}

TEST_F(E2eBaselinePaths, AScanOfOnePathDoesNotCallOtherEntriesStale) {
    // BUG: use_baseline treats every path scan as complete, so 'scan a.py' notes sub/b.env's
    // entry as "matched no finding (fixed or moved?)" although b.env was never looked at.
    create();
    auto r = scan_in(repo.path(), {"a.py"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "1 known")) << describe(r);
    EXPECT_FALSE(contains(r.err, "matched no finding")) << describe(r);

    // The whole tree, with b.env's token gone: now the entry is stale.
    repo.remove("sub/b.env");
    auto full = scan_in(repo.path(), {"."});
    EXPECT_EQ(full.exit_code, 0) << describe(full);
    EXPECT_TRUE(contains(full.err, "1 baseline entries")) << describe(full);
}

TEST_F(E2eBaselinePaths, RepositoryPathsReachedAnotherWayStayKnown) {
    // Path scans key files by their repository path, however they were named: `vigil scan
    // "$PWD"` (as CI jobs do) and `cd sub && vigil scan .` find the baseline's entries.
    create();
    auto abs = scan_in(repo.path(), {repo.path().string()});
    EXPECT_EQ(abs.exit_code, 0) << describe(abs);
    EXPECT_TRUE(contains(abs.err, "2 known")) << describe(abs);
    EXPECT_FALSE(contains(abs.err, "matched no finding")) << describe(abs);

    auto sub = scan_in(repo.path() / "sub", {"."});
    EXPECT_EQ(sub.exit_code, 0) << describe(sub);
    EXPECT_TRUE(contains(sub.err, "1 known")) << describe(sub);
}

TEST_F(E2eBaselinePaths, DiffScansFromASubfolderUseTheTopBaseline) {
    create();
    auto staged = scan_in(repo.path() / "sub", {"--staged"});
    EXPECT_EQ(staged.exit_code, 0) << describe(staged);
    EXPECT_TRUE(contains(staged.err, "2 known")) << describe(staged);
    repo.commit_all("keys");
    auto r = scan_in(repo.path() / "sub", {"--history"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "2 known")) << describe(r);
}

TEST_F(E2eBaselinePaths, AFileWhoseNameIsNotUtf8StaysKnown) {
    // BUG: write_baseline stores util::to_valid_utf8(path), so "caf\xE9.py" is written as
    // "caf\uFFFD.py"; apply_baseline compares it with the raw path and never matches: the
    // baselined secret is reported by every scan and its entry is noted as stale.
    const std::string name = "caf\xE9.py";
    repo.write(name, secret_line(fake_aws_key(4)));
    repo.git({"add", "-A"});
    create();
    for (const char* target : {"--staged", "."}) {
        auto r = scan_in(repo.path(), {target});
        EXPECT_EQ(r.exit_code, 0) << target << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, "3 known")) << target << "\n" << describe(r);
        EXPECT_FALSE(contains(r.err, "matched no finding")) << target << "\n" << describe(r);
    }
}

TEST_F(E2eBaselinePaths, ANestedFileNamedLikeTheBaselineIsStillScanned) {
    // BUG: scanner.cpp skips every path ending in "/.vigil-baseline.json", not just the baseline
    // in use (the top one), so a key committed in docs/.vigil-baseline.json is never reported,
    // by any target, even with --no-baseline.
    repo.write("docs/.vigil-baseline.json", "{\"k\": \"" + fake_aws_key(6) + "\"}\n");
    repo.git({"add", "-A"});
    for (const char* target : {"--staged", "."}) {
        auto r = scan_in(repo.path(), {target, "--no-baseline"});
        EXPECT_EQ(r.exit_code, 1) << target << "\n" << describe(r);
        EXPECT_TRUE(contains(r.out, "docs/.vigil-baseline.json:1:")) << target << describe(r);
    }
}

} // namespace
} // namespace vigil::test
