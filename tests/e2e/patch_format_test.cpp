// --format patch through the real binary: the default rule `trailing-whitespace` has `fix = ""`,
// so a scan prints a patch; stdout must hold that patch only, `git apply` must take it and
// leave the expected bytes, and a scan after applying it must find nothing more to fix. Also
// rule files with fixes of their own (a group in the fix; a fix naming a group the regex lacks).
#include "e2e.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

// Every line of `out` is a line a unified git diff may hold, and it starts with "diff --git".
void expect_only_a_patch(const ProcessResult& r) {
    ASSERT_TRUE(r.out.starts_with("diff --git ")) << describe(r);
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
    for (const auto& line : lines_of(r.out)) {
        bool ok = line.starts_with("diff --git ") || line.starts_with("index ") ||
                  line.starts_with("--- ") || line.starts_with("+++ ") ||
                  line.starts_with("@@ -") || line.starts_with(" ") || line.starts_with("+") ||
                  line.starts_with("-") || line == "\\ No newline at end of file";
        EXPECT_TRUE(ok) << "not a patch line: '" << line << "'\n" << describe(r);
    }
    EXPECT_TRUE(r.out.ends_with("\n")) << describe(r);
}

size_t sections(const std::string& patch) {
    size_t n = 0;
    for (const auto& line : lines_of(patch)) {
        n += line.starts_with("diff --git ");
    }
    return n;
}

ProcessResult git_apply(const TempRepo& repo, const std::string& patch,
                        std::vector<std::string> extra = {}) {
    ProcessOptions opts;
    opts.stdin_data = patch;
    std::vector<std::string> args = {"apply"};
    args.insert(args.end(), extra.begin(), extra.end());
    return repo.git_result(args, opts);
}

// Checks the patch with `git apply --check`, then applies it to the work tree.
void apply_ok(const TempRepo& repo, const std::string& patch) {
    auto check = git_apply(repo, patch, {"--check"});
    ASSERT_EQ(check.exit_code, 0) << "git apply --check refused:\n" << check.err << "\n" << patch;
    auto apply = git_apply(repo, patch);
    ASSERT_EQ(apply.exit_code, 0) << apply.err;
}

// Findings of `rule` in a JSON scan with `args`.
size_t findings_of(const TempRepo& repo, std::vector<std::string> args, const std::string& rule) {
    args.insert(args.end(), {"--format", "json"});
    auto r = repo.vigil(args);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << describe(r);
    auto doc = nlohmann::json::parse(r.out, nullptr, false);
    if (doc.is_discarded() || !doc.contains("findings")) {
        ADD_FAILURE() << "invalid JSON\n" << describe(r);
        return 0;
    }
    size_t n = 0;
    for (const auto& f : doc["findings"]) {
        n += f["rule_id"] == rule;
    }
    return n;
}

// `vigil scan <args> --format patch`, expected to succeed with notes only.
std::string patch_of(const TempRepo& repo, std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "patch"});
    auto r = repo.vigil(args);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    expect_only_a_patch(r);
    return r.out;
}

TEST(E2ePatchFormat, StagedFixAppliesAndLeavesNothingToFix) {
    TempRepo repo;
    repo.write("app.py", "x = 1   \ny = 2\n");
    repo.git({"add", "app.py"});
    ASSERT_EQ(findings_of(repo, {"scan", "--staged"}, "trailing-whitespace"), 1u);
    std::string patch = patch_of(repo, {"scan", "--staged"});
    EXPECT_EQ(sections(patch), 1u) << patch;
    EXPECT_TRUE(contains(patch, "diff --git a/app.py b/app.py\n")) << patch;
    EXPECT_TRUE(contains(patch, "-x = 1   \n+x = 1\n")) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("app.py"), "x = 1\ny = 2\n");
    repo.git({"add", "app.py"});
    EXPECT_EQ(findings_of(repo, {"scan", "--staged"}, "trailing-whitespace"), 0u);
    auto again = repo.vigil({"scan", "--staged", "--format", "patch"});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_EQ(again.out, "") << describe(again);
}

TEST(E2ePatchFormat, IndexLineNamesTheStagedBlobs) {
    TempRepo repo;
    repo.write("app.py", "x = 1 \n");
    repo.git({"add", "app.py"});
    std::string staged_id = repo.git({"rev-parse", ":app.py"});
    std::string patch = patch_of(repo, {"scan", "--staged"});
    std::string fixed_id;
    {
        ProcessOptions opts;
        opts.stdin_data = "x = 1\n";
        fixed_id = repo.git_result({"hash-object", "--stdin"}, opts).out;
        fixed_id.erase(fixed_id.find_last_not_of('\n') + 1);
    }
    EXPECT_TRUE(contains(patch, "index " + staged_id + ".." + fixed_id + " 100644\n")) << patch;
}

TEST(E2ePatchFormat, StagedPatchAppliesToTheIndexWhenTheWorkTreeMovedOn) {
    TempRepo repo;
    repo.write("app.py", "a = 1\n");
    repo.commit_all("base");
    repo.write("app.py", "a = 1\nb = 2  \n");
    repo.git({"add", "app.py"});
    repo.write("app.py", "zero = 0\na = 1\nb = 2  \nc = 3\n"); // unstaged edits around it
    std::string patch = patch_of(repo, {"scan", "--staged"});
    auto check = git_apply(repo, patch, {"--cached", "--check"});
    ASSERT_EQ(check.exit_code, 0) << check.err << patch;
    ASSERT_EQ(git_apply(repo, patch, {"--cached"}).exit_code, 0);
    EXPECT_EQ(repo.git({"show", ":app.py"}), "a = 1\nb = 2");
    EXPECT_EQ(repo.read("app.py"), "zero = 0\na = 1\nb = 2  \nc = 3\n"); // untouched
}

TEST(E2ePatchFormat, SeveralFixesInOneFileAreOneSection) {
    TempRepo repo;
    std::string text, expected;
    for (int i = 1; i <= 30; ++i) {
        std::string line = "v" + std::to_string(i) + " = " + std::to_string(i);
        // Far apart (1, 20, 30) and close together (5, 6, 9).
        bool dirty = i == 1 || i == 5 || i == 6 || i == 9 || i == 20 || i == 30;
        text += line + (dirty ? (i % 2 ? "  " : "\t") : "") + "\n";
        expected += line + "\n";
    }
    repo.write("many.py", text);
    repo.git({"add", "many.py"});
    ASSERT_EQ(findings_of(repo, {"scan", "--staged"}, "trailing-whitespace"), 6u);
    std::string patch = patch_of(repo, {"scan", "--staged"});
    EXPECT_EQ(sections(patch), 1u) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("many.py"), expected);
    repo.git({"add", "many.py"});
    EXPECT_EQ(findings_of(repo, {"scan", "--staged"}, "trailing-whitespace"), 0u);
}

TEST(E2ePatchFormat, SeveralFilesOneSectionEach) {
    TempRepo repo;
    repo.write("a.py", "a = 1 \nb = 2 \n");
    repo.write("sub/b.py", "c = 3\t\n");
    repo.write("clean.py", "d = 4\n");
    repo.git({"add", "."});
    std::string patch = patch_of(repo, {"scan", "--staged"});
    EXPECT_EQ(sections(patch), 2u) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("a.py"), "a = 1\nb = 2\n");
    EXPECT_EQ(repo.read("sub/b.py"), "c = 3\n");
    EXPECT_EQ(repo.read("clean.py"), "d = 4\n");
}

TEST(E2ePatchFormat, CrlfFileStaysCrlf) {
    TempRepo repo;
    repo.write("win.py", "a = 1  \r\nb = 2\t\r\nc = 3\r\n");
    repo.git({"add", "win.py"});
    std::string patch = patch_of(repo, {"scan", "--staged"});
    EXPECT_EQ(sections(patch), 1u) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("win.py"), "a = 1\r\nb = 2\r\nc = 3\r\n");
    repo.git({"add", "win.py"});
    EXPECT_EQ(findings_of(repo, {"scan", "--staged"}, "trailing-whitespace"), 0u);
}

TEST(E2ePatchFormat, FileWithoutFinalNewlineKeepsHavingNone) {
    TempRepo repo;
    repo.write("end.py", "q = 1\nr = 2 ");
    repo.git({"add", "end.py"});
    std::string patch = patch_of(repo, {"scan", "--staged"});
    EXPECT_TRUE(contains(patch, "\\ No newline at end of file\n")) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("end.py"), "q = 1\nr = 2");
}

TEST(E2ePatchFormat, ExecutableFileKeepsItsMode) {
    TempRepo repo;
    repo.write("run.sh", "#!/bin/sh\necho hi  \n");
    fs::permissions(repo.path() / "run.sh", fs::perms::owner_exec | fs::perms::group_exec,
                    fs::perm_options::add);
    repo.git({"add", "run.sh"});
    repo.git({"update-index", "--chmod=+x", "run.sh"});
    std::string patch = patch_of(repo, {"scan", "--staged"});
    EXPECT_TRUE(contains(patch, " 100755\n")) << patch;
    EXPECT_FALSE(contains(patch, " 100644\n")) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("run.sh"), "#!/bin/sh\necho hi\n");
    repo.git({"add", "run.sh"});
    EXPECT_EQ(repo.git({"ls-files", "-s", "run.sh"}).substr(0, 6), "100755");
}

TEST(E2ePatchFormat, WorktreeScan) {
    TempRepo repo;
    repo.write("app.py", "a = 1\n");
    repo.commit_all("base");
    repo.write("app.py", "a = 1\nb = 2   \n");
    repo.write("new.py", "n = 1 \n"); // untracked
    ASSERT_EQ(findings_of(repo, {"scan", "--worktree"}, "trailing-whitespace"), 2u);
    auto r = repo.vigil({"scan", "--worktree", "--format", "patch"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    expect_only_a_patch(r);
    std::string patch = r.out;
    EXPECT_EQ(sections(patch), 2u) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("app.py"), "a = 1\nb = 2\n");
    EXPECT_EQ(repo.read("new.py"), "n = 1\n");
    EXPECT_EQ(findings_of(repo, {"scan", "--worktree"}, "trailing-whitespace"), 0u);
}

TEST(E2ePatchFormat, PathScan) {
    TempRepo repo;
    repo.write("sub/file.py", "a = 1  \nb = 2\nc = 3 \n");
    std::string patch = patch_of(repo, {"scan", "sub/file.py"});
    EXPECT_EQ(sections(patch), 1u) << patch;
    EXPECT_TRUE(contains(patch, "diff --git a/sub/file.py b/sub/file.py\n")) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("sub/file.py"), "a = 1\nb = 2\nc = 3\n");
    EXPECT_EQ(findings_of(repo, {"scan", "sub/file.py"}, "trailing-whitespace"), 0u);
}

TEST(E2ePatchFormat, HistoryGivesNoPatch) {
    TempRepo repo;
    repo.write("old.py", "a = 1  \n");
    repo.commit_all("first");
    ASSERT_EQ(findings_of(repo, {"scan", "--history"}, "trailing-whitespace"), 1u);
    auto r = repo.vigil({"scan", "--history", "--format", "patch"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(E2ePatchFormat, NoFindingsNoOutput) {
    TempRepo repo;
    repo.write("clean.py", "a = 1\n");
    repo.git({"add", "clean.py"});
    auto r = repo.vigil({"scan", "--staged", "--format", "patch"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

// Runs vigil in `cwd` (inside the repository) and applies its patch with git from
// `apply_cwd` (default: the same folder); returns the patch.
std::string apply_from(const TempRepo& repo, const fs::path& cwd, std::vector<std::string> args,
                       ProcessResult* applied, const fs::path& apply_cwd = {}) {
    args.insert(args.end(), {"--format", "patch"});
    ProcessOptions opts;
    opts.cwd = cwd.string();
    auto r = repo.vigil(args, opts);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    ProcessOptions apply;
    apply.cwd = (apply_cwd.empty() ? cwd : apply_cwd).string();
    apply.stdin_data = r.out;
    *applied = repo.git_result({"apply", "-v"}, apply);
    return r.out;
}

TEST(E2ePatchFormat, PathScanFromASubfolder) {
    TempRepo repo;
    repo.write("sub/f.py", "b = 2 \n");
    ProcessResult applied;
    std::string patch = apply_from(repo, repo.path() / "sub", {"scan", "f.py"}, &applied);
    ASSERT_FALSE(patch.empty());
    EXPECT_TRUE(contains(patch, "diff --git a/sub/f.py b/sub/f.py\n")) << patch;
    EXPECT_EQ(applied.exit_code, 0) << applied.err << patch;
    EXPECT_EQ(repo.read("sub/f.py"), "b = 2\n") << patch << applied.err;
}

TEST(E2ePatchFormat, PathScanOfAFileAboveTheCurrentFolder) {
    TempRepo repo;
    repo.write("top.py", "c = 3 \n");
    fs::create_directories(repo.path() / "sub");
    ProcessOptions in_sub;
    in_sub.cwd = (repo.path() / "sub").string();
    auto r = repo.vigil({"scan", "../top.py", "--format", "patch"}, in_sub);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    // The patch names the file from the top, as git diff would (git apply run in sub/ leaves
    // out paths outside sub/, as git documents), so it applies from the top.
    EXPECT_TRUE(contains(r.out, "diff --git a/top.py b/top.py\n")) << r.out;
    apply_ok(repo, r.out);
    EXPECT_EQ(repo.read("top.py"), "c = 3\n") << r.out;
}

TEST(E2ePatchFormat, PathScanOfAnAbsolutePath) {
    TempRepo repo;
    repo.write("sub/f.py", "b = 2 \n");
    ProcessResult applied;
    std::string file = (repo.path() / "sub" / "f.py").string();
    std::string patch = apply_from(repo, repo.path(), {"scan", file}, &applied);
    ASSERT_FALSE(patch.empty());
    EXPECT_TRUE(contains(patch, "diff --git a/sub/f.py b/sub/f.py\n")) << patch;
    EXPECT_EQ(applied.exit_code, 0) << applied.err;
    EXPECT_EQ(repo.read("sub/f.py"), "b = 2\n") << patch << applied.err;
}

TEST(E2ePatchFormat, PathScanOutsideARepository) {
    TempDir dir;
    fs::create_directories(dir.path() / "work" / "lib");
    std::ofstream(dir.path() / "work" / "lib" / "o.py", std::ios::binary) << "d = 4 \n";
    auto r = vigil_in(dir.path() / "work", {"scan", "lib/o.py", "--format", "patch"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    expect_only_a_patch(r);
    ProcessOptions opts;
    opts.cwd = (dir.path() / "work").string();
    opts.env = outside_env(dir.path() / "work");
    opts.stdin_data = r.out;
    auto applied = run_process({"git", "apply"}, opts);
    EXPECT_EQ(applied.exit_code, 0) << applied.err << r.out;
    std::ifstream in(dir.path() / "work" / "lib" / "o.py", std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "d = 4\n");
}

TEST(E2ePatchFormat, AwkwardPathAppliesWithGit) {
    TempRepo repo;
    std::string path = "my dir/caf\xC3\xA9 \"q\".py";
    repo.write(path, "a = 1 \n");
    repo.git({"add", "."});
    std::string patch = patch_of(repo, {"scan", "--staged"});
    EXPECT_TRUE(contains(patch, "diff --git \"a/my dir/caf\\303\\251 \\\"q\\\".py\" ")) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read(path), "a = 1\n");
}

TEST(E2ePatchFormat, ManyFixesInOneFileComeInRoundsThatEachApply) {
    TempRepo repo;
    std::string text, expected;
    for (int i = 1; i <= 250; ++i) {
        text += "v" + std::to_string(i) + " = 1 \n";
        expected += "v" + std::to_string(i) + " = 1\n";
    }
    repo.write("big.py", text);
    repo.git({"add", "big.py"});
    std::string first = patch_of(repo, {"scan", "--staged"});
    EXPECT_EQ(sections(first), 1u);
    apply_ok(repo, first);
    repo.git({"add", "big.py"});
    size_t left = findings_of(repo, {"scan", "--staged"}, "trailing-whitespace");
    EXPECT_LT(left, 250u);
    for (int round = 0; left > 0 && round < 3; ++round) {
        apply_ok(repo, patch_of(repo, {"scan", "--staged"}));
        repo.git({"add", "big.py"});
        left = findings_of(repo, {"scan", "--staged"}, "trailing-whitespace");
    }
    EXPECT_EQ(left, 0u);
    EXPECT_EQ(repo.read("big.py"), expected);
}

// --- rule files with fixes --------------------------------------------------------------------

const char* k_group_fix = R"([[rules]]
id = "unsafe-copy"
description = "Unsafe copy"
category = "safety"
severity = "warning"
regex = '''\bunsafe_(copy|move)\('''
fix = 'safe_\1('
)";

TEST(E2ePatchFormat, UserRuleFixWithAGroup) {
    TempRepo repo;
    repo.write("rules/team.toml", k_group_fix);
    repo.write("u.py", "x = unsafe_copy(a)\nkeep = 1\ny = unsafe_move(b)\n");
    repo.git({"add", "u.py"});
    std::string patch = patch_of(repo, {"scan", "--staged", "--config", "rules/team.toml"});
    EXPECT_EQ(sections(patch), 1u) << patch;
    apply_ok(repo, patch);
    EXPECT_EQ(repo.read("u.py"), "x = safe_copy(a)\nkeep = 1\ny = safe_move(b)\n");
    repo.git({"add", "u.py"});
    EXPECT_EQ(findings_of(repo, {"scan", "--staged", "--config", "rules/team.toml"}, "unsafe-copy"),
              0u);
}

TEST(E2ePatchFormat, TwoFixesOnOneLineStillGiveAPatchThatApplies) {
    // The default trailing-whitespace fix and the team rule's fix both rewrite line 1: one is
    // left out of the combined diff, the patch still applies, and a second round fixes the rest.
    TempRepo repo;
    repo.write("rules/team.toml", std::string("[extend]\nuseDefault = true\n\n") + k_group_fix);
    repo.write("u.py", "x = unsafe_copy(a)  \n");
    repo.git({"add", "u.py"});
    std::vector<std::string> scan = {"scan", "--staged", "--config", "rules/team.toml"};
    std::string patch = patch_of(repo, scan);
    EXPECT_EQ(sections(patch), 1u) << patch;
    apply_ok(repo, patch);
    std::string once = repo.read("u.py");
    EXPECT_TRUE(once == "x = safe_copy(a)  \n" || once == "x = unsafe_copy(a)\n") << once;
    repo.git({"add", "u.py"});
    std::string second = patch_of(repo, scan);
    apply_ok(repo, second);
    EXPECT_EQ(repo.read("u.py"), "x = safe_copy(a)\n");
}

TEST(E2ePatchFormat, FixNamingAMissingGroupIsALocatedError) {
    TempDir dir;
    std::ofstream(dir.path() / "bad.toml", std::ios::binary) << R"([[rules]]
id = "bad-fix"
description = "bad"
regex = '''unsafe_(copy)'''
fix = '\2'
)";
    auto r = vigil_in(dir.path(), {"rules", "check", "bad.toml"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "bad.toml:5")) << describe(r);
    EXPECT_TRUE(contains(r.err, "[bad-fix]")) << describe(r);
    EXPECT_TRUE(contains(r.err, "invalid fix")) << describe(r);
    EXPECT_EQ(r.out.find("diff --git"), std::string::npos);
}

TEST(E2ePatchFormat, ScanWithABadFixIsAConfigurationError) {
    TempRepo repo;
    repo.write("bad.toml", "[[rules]]\nid = \"bad-fix\"\ndescription = \"bad\"\n"
                           "regex = '''unsafe_(copy)'''\nfix = '\\2'\n");
    repo.write("u.py", "unsafe_copy(a)\n");
    repo.git({"add", "u.py"});
    auto r = repo.vigil({"scan", "--staged", "--config", "bad.toml", "--format", "patch"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(contains(r.err, "bad.toml:5")) << describe(r);
    EXPECT_TRUE(contains(r.err, "invalid fix")) << describe(r);
}

} // namespace
} // namespace vigil::test
