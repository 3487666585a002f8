// `syntax-error` findings: a staged change, a commit or a work-tree edit that breaks parsing is
// reported (severity error, exit 1); errors the file already had, unknown languages and fixed
// files are not.
#include "e2e.hpp"

namespace vigil::test {
namespace {

TEST(E2eSyntaxError, StagedChangeThatBreaksPythonIsAnError) {
    TempRepo repo;
    repo.write("store.py", "class Store:\n    def put(self, k):\n        return k\n");
    repo.commit_all("base");
    repo.write("store.py", "class Store:\n    def put(self, k:\n        return k\n");
    repo.git({"add", "store.py"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "store.py:2:")) << describe(r);
    EXPECT_TRUE(contains(r.out, "[syntax-error]")) << describe(r);
    EXPECT_TRUE(contains(r.out, "since this change")) << describe(r);

    auto off = repo.vigil({"scan", "--staged", "--no-syntax"});
    EXPECT_EQ(off.exit_code, 0) << describe(off);
    EXPECT_FALSE(contains(off.out, "syntax-error")) << describe(off);
}

TEST(E2eSyntaxError, ErrorsTheFileAlreadyHadAreNotReported) {
    TempRepo repo;
    repo.write("old.js", "function f( {\n  return 1;\n}\n");
    repo.commit_all("base");
    repo.write("old.js", "// header\nfunction f( {\n  return 1;\n}\nconst two = 2;\n");
    repo.git({"add", "old.js"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(contains(r.out, "syntax-error")) << describe(r);
}

TEST(E2eSyntaxError, FixingABrokenFileIsClean) {
    TempRepo repo;
    repo.write("main.go", "package main\nfunc main() {\n");
    repo.commit_all("base");
    repo.write("main.go", "package main\nfunc main() {\n}\n");
    repo.git({"add", "main.go"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST(E2eSyntaxError, AddedFileByShebangAndMissingToken) {
    TempRepo repo;
    repo.write("README", "x\n");
    repo.commit_all("base");
    repo.write("bin/deploy", "#!/usr/bin/env bash\nif true; then\n  echo go\n");
    repo.commit_all("add deploy");
    auto r = repo.vigil({"scan", "--commit", "HEAD", "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "\"rule_id\": \"syntax-error\"")) << describe(r);
    EXPECT_TRUE(contains(r.out, "missing fi")) << describe(r);
    EXPECT_TRUE(contains(r.out, "bin/deploy")) << describe(r);
}

TEST(E2eSyntaxError, WorktreeEditIsReadFromTheFileAndSarifNamesTheRule) {
    TempRepo repo;
    repo.write("data/config.json", "{\"a\": 1}\n");
    repo.commit_all("base");
    repo.write("data/config.json", "{\"a\": 1,, \"b\": 2}\n");
    auto r = repo.vigil({"scan", "--worktree", "--format", "sarif"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "\"id\": \"syntax-error\"")) << describe(r);
    EXPECT_TRUE(contains(r.out, "data/config.json")) << describe(r);
}

TEST(E2eSyntaxError, UnknownLanguagesAndInlineIgnoresDegradeQuietly) {
    TempRepo repo;
    repo.write("notes.txt", "a\n");
    repo.write("x.py", "a = 1\n");
    repo.commit_all("base");
    repo.write("notes.txt", "a (\n");
    repo.write("x.py", "a = (  # vigil:allow\n");
    repo.git({"add", "."});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(contains(r.out, "syntax-error")) << describe(r);
}

} // namespace
} // namespace vigil::test
