// Rule scopes through the real binary: the same `eval(` in code, a comment, a docstring and a
// string literal, in an added file, a modified one (text from the staged blob), a commit, the
// work tree, a path scan and history; files without a grammar keep the rule as `any`.
#include "e2e.hpp"

namespace vigil::test {
namespace {

const char* k_rules = R"([[rules]]
id = "eval-call"
description = "eval call"
category = "safety"
severity = "error"
regex = '''eval\('''
keywords = ["eval("]
scope = "code"

[[rules]]
id = "note-in-comment"
description = "NOTE in a comment"
category = "hygiene"
severity = "error"
regex = '''NOTE-X'''
keywords = ["note-x"]
scope = "comment"
)";

// Line 2 is code, 3 a comment, 5 a docstring line, 7 a string literal.
const char* k_python = "def run(data):\n    eval(data)\n    # eval(data) is unsafe\n    \"\"\"\n"
                       "    eval(data) in a docstring\n    \"\"\"\n    msg = 'eval(data)'\n";

std::vector<std::string> eval_lines(const std::string& out, const std::string& path) {
    std::vector<std::string> found;
    for (const auto& line : lines_of(out)) {
        if (contains(line, "[eval-call]") && contains(line, path + ":")) {
            found.push_back(line.substr(line.find(path + ":"), path.size() + 3));
        }
    }
    return found;
}

TEST(E2eScope, CodeRuleFiresOnTheCallOnlyInAnAddedFile) {
    TempRepo repo;
    repo.write("rules.toml", k_rules);
    repo.write("README", "x\n");
    repo.commit_all("base");
    repo.write("run.py", k_python);
    repo.git({"add", "run.py"});
    auto r = repo.vigil({"scan", "--staged", "--config", "rules.toml"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(eval_lines(r.out, "run.py"), std::vector<std::string>{"run.py:2:"}) << describe(r);
}

TEST(E2eScope, ModifiedFileIsJudgedOnItsStagedText) {
    TempRepo repo;
    repo.write("rules.toml", k_rules);
    repo.write("run.py", "def run(data):\n    \"\"\"\n    Run it.\n    \"\"\"\n    return data\n");
    repo.commit_all("base");
    // The added line is inside the docstring: only the whole staged text says so.
    repo.write(
        "run.py",
        "def run(data):\n    \"\"\"\n    Run it; never eval(data).\n    \"\"\"\n    return data\n");
    repo.git({"add", "run.py"});
    // The work tree differs from the index: the scope must come from the staged blob.
    repo.write("run.py", "eval(x)\n");
    auto r = repo.vigil({"scan", "--staged", "--config", "rules.toml"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(contains(r.out, "eval-call")) << describe(r);

    repo.write("run.py",
               "def run(data):\n    \"\"\"\n    Run it.\n    \"\"\"\n    return eval(data)\n");
    repo.git({"add", "run.py"});
    auto code = repo.vigil({"scan", "--staged", "--config", "rules.toml"});
    EXPECT_EQ(code.exit_code, 1) << describe(code);
    EXPECT_EQ(eval_lines(code.out, "run.py"), std::vector<std::string>{"run.py:5:"})
        << describe(code);
}

TEST(E2eScope, CommentRuleFiresOnlyInComments) {
    TempRepo repo;
    repo.write("rules.toml", k_rules);
    repo.write("README", "x\n");
    repo.commit_all("base");
    repo.write("app.js", "// NOTE-X: check\nconst s = \"NOTE-X\";\nlet NOTE = 1; /* NOTE-X */\n");
    repo.commit_all("add app");
    auto r = repo.vigil({"scan", "--commit", "HEAD", "--config", "rules.toml"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(finding_count(r.out), 2u) << describe(r);
    EXPECT_TRUE(contains(r.out, "app.js:1:4:")) << describe(r);
    EXPECT_TRUE(contains(r.out, "app.js:3:")) << describe(r);
    EXPECT_FALSE(contains(r.out, "app.js:2:")) << describe(r);
}

TEST(E2eScope, WorkTreePathsAndHistoryAgree) {
    TempRepo repo;
    repo.write("rules.toml", k_rules);
    repo.write("run.py", "x = 1\n");
    repo.commit_all("base");
    repo.write("run.py", std::string("x = 1\n") + k_python);
    auto worktree = repo.vigil({"scan", "--worktree", "--config", "rules.toml"});
    EXPECT_EQ(eval_lines(worktree.out, "run.py"), std::vector<std::string>{"run.py:3:"})
        << describe(worktree);
    auto paths = repo.vigil({"scan", "run.py", "--config", "rules.toml"});
    EXPECT_EQ(eval_lines(paths.out, "run.py"), std::vector<std::string>{"run.py:3:"})
        << describe(paths);
    repo.commit_all("more");
    auto history = repo.vigil({"scan", "--history", "--config", "rules.toml"});
    EXPECT_EQ(eval_lines(history.out, "run.py"), std::vector<std::string>{"run.py:3:"})
        << describe(history);
}

TEST(E2eScope, FileWithoutAGrammarKeepsTheRuleAsAny) {
    TempRepo repo;
    repo.write("rules.toml", k_rules);
    repo.write("README", "x\n");
    repo.commit_all("base");
    repo.write("notes.txt", "# eval(data) everywhere\n");
    repo.git({"add", "notes.txt"});
    auto r = repo.vigil({"scan", "--staged", "--config", "rules.toml"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(eval_lines(r.out, "notes.txt"), std::vector<std::string>{"notes.txt:1:"})
        << describe(r);
}

TEST(E2eScope, DefaultConsoleLogRuleSkipsStringsAndComments) {
    TempRepo repo;
    repo.write("README", "x\n");
    repo.commit_all("base");
    repo.write("src/app.js",
               "function f(x) {\n  console.log(x);\n  const hint = \"try console.log(x)\";\n"
               "  /* console.log(x) */\n  return x;\n}\n");
    repo.git({"add", "src/app.js"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(finding_count(r.out), 1u) << describe(r);
    EXPECT_TRUE(
        contains(r.out, "src/app.js:2:3: note: console.log() left in the code [js-console-log]"))
        << describe(r);
}

} // namespace
} // namespace vigil::test
