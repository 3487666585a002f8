// check_fix: every rejection reason on realistic Python, C and JavaScript fixes, the placeholder
// set (and code that only looks like one), and accepted fixes whose diff git applies as is.
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <set>
#include <vigil/review/fix_check.hpp>
#include <vigil/util/sha1.hpp>

namespace vigil::test {
namespace {

using review::FixProposal;
using review::FixRejection;

const rules::RuleSet& default_rules() {
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

// Lines start..end of `base` (breaks dropped) as the anchor found them.
FixProposal proposal(std::string path, std::string grammar, std::string base, uint32_t start,
                     uint32_t end, std::string replacement) {
    FixProposal p;
    p.path = std::move(path);
    p.grammar = std::move(grammar);
    p.start_line = start;
    p.end_line = end;
    size_t at = 0;
    for (uint32_t line = 1; at < base.size() && line <= end; ++line) {
        size_t nl = base.find('\n', at);
        std::string text = base.substr(at, nl == std::string::npos ? nl : nl - at);
        if (line >= start) {
            p.anchored_lines.push_back(text);
        }
        at = nl == std::string::npos ? base.size() : nl + 1;
    }
    p.base_text = std::move(base);
    p.replacement = std::move(replacement);
    p.finding_text = "Command injection: the archive name reaches a shell.";
    p.rule_id = "model/safety";
    p.fingerprint = "fp-1";
    p.description = "pass the arguments as a list";
    return p;
}

FixRejection rejection(const FixProposal& p) {
    auto result = review::check_fix(p, default_rules());
    if (result) {
        ADD_FAILURE() << "accepted:\n" << result->diff;
        return FixRejection::does_not_apply;
    }
    return result.error();
}

core::Suggestion accepted(const FixProposal& p) {
    auto result = review::check_fix(p, default_rules());
    if (!result) {
        ADD_FAILURE() << "rejected: " << review::to_string(result.error());
        return {};
    }
    return *result;
}

// `git apply --check` against the base as a committed file.
void expect_git_applies(const core::Suggestion& s, const std::string& base) {
    TempRepo repo;
    repo.write(s.path, base);
    repo.commit_all("base");
    repo.write("fix.patch", s.diff);
    auto check = repo.git_result({"apply", "--check", "fix.patch"});
    EXPECT_EQ(check.exit_code, 0) << check.err << s.diff;
}

const std::string k_python = "import shlex\n"
                             "import subprocess\n"
                             "\n"
                             "\n"
                             "def unpack(archive):\n"
                             "    subprocess.run([\"tar\", \"xf\", archive], check=True)\n"
                             "\n"
                             "\n"
                             "def quoted(name):\n"
                             "    return shlex.quote(name)\n";

TEST(FixRejection, NamesAreTheDocumentedOnes) {
    std::vector<std::string> names;
    for (auto r : review::k_fix_rejections) {
        names.emplace_back(review::to_string(r));
    }
    EXPECT_EQ(names,
              (std::vector<std::string>{"does not apply", "no-op", "syntax error", "adds a secret",
                                        "adds an unsafe pattern", "placeholder", "drops a symbol",
                                        "drops an import", "undoes the change"}));
}

TEST(CheckFix, DoesNotApplyWhenTheBaseChanged) {
    auto p = proposal("unpack.py", "python", k_python, 6, 6, "    pass_through(archive)\n");
    p.anchored_lines = {"    os.system(\"tar xf \" + archive)"};
    EXPECT_EQ(rejection(p), FixRejection::does_not_apply);
}

TEST(CheckFix, DoesNotApplyOutsideTheFile) {
    auto p = proposal("unpack.py", "python", k_python, 10, 10, "    return name\n");
    p.start_line = p.end_line = 11;
    EXPECT_EQ(rejection(p), FixRejection::does_not_apply);
    p.start_line = p.end_line = 0;
    EXPECT_EQ(rejection(p), FixRejection::does_not_apply);
    p.start_line = 10;
    p.end_line = 9;
    EXPECT_EQ(rejection(p), FixRejection::does_not_apply);
}

TEST(CheckFix, AnchoredLinesMatchWithoutCarriageReturns) {
    std::string base = "function f(a) {\r\n  return eval(a);\r\n}\r\n";
    auto p = proposal("f.js", "javascript", base, 2, 2, "  return JSON.parse(a);");
    ASSERT_EQ(p.anchored_lines, std::vector<std::string>{"  return eval(a);\r"});
    p.anchored_lines = {"  return eval(a);"};
    EXPECT_TRUE(review::check_fix(p, default_rules()).has_value());
}

TEST(CheckFix, NoOpWhenOnlyWhitespaceDiffers) {
    std::string base = "function total(items) {\n  return items.reduce((a, b) => a + b, 0);\n}\n";
    auto p = proposal("total.js", "javascript", base, 2, 2,
                      "    return items.reduce((a, b)  =>  a + b, 0);   \n\n");
    EXPECT_EQ(rejection(p), FixRejection::no_op);
}

TEST(CheckFix, PythonIndentationIsNotWhitespace) {
    std::string base = "def drain(queue):\n"
                       "    while queue:\n"
                       "        item = queue.pop()\n"
                       "        log(item)\n";
    auto p = proposal("drain.py", "python", base, 4, 4, "    log(item)");
    EXPECT_EQ(accepted(p).inserted, "    log(item)\n");
}

TEST(CheckFix, UndoesTheChangeUnderReview) {
    auto p = proposal("unpack.py", "python", k_python, 6, 6,
                      "    subprocess.run(\"tar xf \" + shlex.quote(archive),\n"
                      "                   shell=False)\n");
    p.removed_lines = {"    subprocess.run(\"tar xf \" + shlex.quote(archive),", "",
                       "                   shell=False)"};
    EXPECT_EQ(rejection(p), FixRejection::undoes_change);
}

TEST(CheckFix, PlaceholdersAreRejected) {
    for (std::string replacement : {
             "    # TODO: pass the arguments as a list\n",
             "    subprocess.run(archive)  # FIXME\n",
             "    # ... existing code ...\n",
             "    # implement this\n",
             "    # rest of the code unchanged\n",
             "    ...\n",
             "    \xe2\x80\xa6\n",
             "    pass\n",
             "    raise NotImplementedError\n",
             "    def run(): ...\n",
         }) {
        auto p = proposal("unpack.py", "python", k_python, 6, 6, replacement);
        EXPECT_EQ(rejection(p), FixRejection::placeholder) << replacement;
    }
}

TEST(CheckFix, EmptyBodyInPlaceOfCodeIsAPlaceholder) {
    std::string base = "int close_all(struct pool *p) {\n"
                       "    for (int i = 0; i < p->n; i++) {\n"
                       "        close(p->fds[i]);\n"
                       "    }\n"
                       "    return 0;\n"
                       "}\n";
    auto p = proposal("pool.c", "c", base, 2, 4, "    for (int i = 0; i < p->n; i++) { }\n");
    EXPECT_EQ(rejection(p), FixRejection::placeholder);
    p.replacement = "    for (int i = 0; i < p->n; i++) {\n        /* ... */\n    }\n";
    EXPECT_EQ(rejection(p), FixRejection::placeholder);

    std::string js = "async function load(url) {\n  return (await fetch(url)).json();\n}\n";
    p = proposal("load.js", "javascript", js, 2, 2,
                 "  try {\n    return (await fetch(url)).json();\n  } catch (err) { ... }\n");
    EXPECT_EQ(rejection(p), FixRejection::placeholder);
}

TEST(CheckFix, CodeThatOnlyLooksLikeAPlaceholderIsKept) {
    std::string js = "function call(fn, args) {\n  return fn.apply(null, args);\n}\n";
    auto p = proposal("call.js", "javascript", js, 2, 2,
                      "  const opts = {};\n  return fn(...args, { ...opts });\n");
    EXPECT_EQ(accepted(p).inserted, "  const opts = {};\n  return fn(...args, { ...opts });\n");

    std::string c = "#include <stdarg.h>\n"
                    "int log_line(const char *fmt, int level);\n";
    p = proposal("log.h", "c", c, 2, 2, "int log_line(const char *fmt,\n             ...);");
    EXPECT_EQ(accepted(p).inserted, "int log_line(const char *fmt,\n             ...);\n");

    std::string py = "def lookup(cache, key):\n    return cache[key]\n";
    p = proposal("cache.py", "python", py, 2, 2,
                 "    # leave the cache unchanged when the key is missing\n"
                 "    return cache.get(key)\n");
    EXPECT_TRUE(review::check_fix(p, default_rules()).has_value());
    p.replacement = "    missing = ...  # a sentinel: None is a valid value\n"
                    "    found = cache.get(key, missing)\n"
                    "    return None if found is missing else found\n";
    EXPECT_TRUE(review::check_fix(p, default_rules()).has_value());
}

TEST(CheckFix, PassIsKeptWhereTheOriginalHadOne) {
    std::string base = "try:\n    os.remove(path)\nexcept OSError:\n    pass  # already gone\n";
    auto p = proposal("clean.py", "python", base, 3, 4, "except FileNotFoundError:\n    pass\n");
    EXPECT_TRUE(review::check_fix(p, default_rules()).has_value());
}

TEST(CheckFix, AddsASecret) {
    std::string base = "import os\n\nAWS_KEY = os.environ[\"AWS_ACCESS_KEY_ID\"]\n";
    std::string key_line = "AWS_KEY = \"" + fake_aws_key() + "\"";
    auto p = proposal("settings.py", "python", base, 3, 3, key_line);
    EXPECT_EQ(rejection(p), FixRejection::adds_secret);
    // An inline ignore the model adds does not hide it.
    p.replacement = key_line + "  # vigil:allow";
    EXPECT_EQ(rejection(p), FixRejection::adds_secret);
}

TEST(CheckFix, KeepingTheSecretThatWasThereAddsNone) {
    std::string base = "AWS_KEY = \"" + fake_aws_key() + "\"  \n";
    auto p = proposal("settings.py", "python", base, 1, 1,
                      "AWS_KEY = \"" + fake_aws_key() + "\"  # rotate before release");
    EXPECT_TRUE(review::check_fix(p, default_rules()).has_value());
    p.replacement = "AWS_KEY = \"" + fake_aws_key(3) + "\"";
    EXPECT_EQ(rejection(p), FixRejection::adds_secret);
}

TEST(CheckFix, AddsAnUnsafePattern) {
    auto p = proposal("unpack.py", "python", k_python, 6, 6,
                      "    subprocess.run(f\"tar xf {archive}\", shell=True)\n");
    EXPECT_EQ(rejection(p), FixRejection::adds_unsafe);
}

TEST(CheckFix, SyntaxError) {
    auto p = proposal("unpack.py", "python", k_python, 6, 6,
                      "    subprocess.run([\"tar\", \"xf\", archive], check=True\n");
    EXPECT_EQ(rejection(p), FixRejection::syntax_error);
}

TEST(CheckFix, DropsASymbol) {
    auto p = proposal("unpack.py", "python", k_python, 5, 10,
                      "def unpack(archive):\n"
                      "    subprocess.run([\"tar\", \"xf\", shlex.quote(archive)], check=True)\n");
    EXPECT_EQ(rejection(p), FixRejection::drops_symbol);
}

TEST(CheckFix, DropsAnImport) {
    auto p = proposal("unpack.py", "python", k_python, 1, 2, "import subprocess\n");
    EXPECT_EQ(rejection(p), FixRejection::drops_import);
}

TEST(CheckFix, RemovalAllowedWhenTheFindingAsksForIt) {
    std::string base = "import os\nimport sys\n\nprint(sys.argv)\n";
    auto p = proposal("args.py", "python", base, 1, 2, "import sys\n");
    EXPECT_EQ(rejection(p), FixRejection::drops_import);
    p.finding_text = "Remove the unused import of os.";
    auto s = accepted(p);
    EXPECT_EQ(s.removed, "import os\nimport sys\n");
    EXPECT_EQ(s.inserted, "import sys\n");
}

TEST(CheckFix, AnImportMayGrow) {
    std::string base = "from subprocess import run\n\nrun([\"ls\"])\n";
    auto p = proposal("ls.py", "python", base, 1, 1, "from subprocess import PIPE, run");
    EXPECT_EQ(accepted(p).inserted, "from subprocess import PIPE, run\n");
}

TEST(CheckFix, CorrectFixBecomesASuggestionGitApplies) {
    auto p = proposal("tools/unpack.py", "python", k_python, 6, 6,
                      "    subprocess.run([\"tar\", \"-x\", \"-f\", archive], check=True)");
    auto s = accepted(p);
    EXPECT_EQ(s.path, "tools/unpack.py");
    EXPECT_EQ(s.rule_id, "model/safety");
    EXPECT_EQ(s.fingerprint, "fp-1");
    EXPECT_EQ(s.description, "pass the arguments as a list");
    EXPECT_FALSE(s.safe);
    EXPECT_EQ(s.start_line, 6u);
    EXPECT_EQ(s.end_line, 6u);
    EXPECT_EQ(s.removed, "    subprocess.run([\"tar\", \"xf\", archive], check=True)\n");
    EXPECT_EQ(s.inserted, "    subprocess.run([\"tar\", \"-x\", \"-f\", archive], check=True)\n");
    std::string patched = k_python;
    patched.replace(patched.find(s.removed), s.removed.size(), s.inserted);
    EXPECT_EQ(s.base_id, util::git_blob_id(k_python));
    EXPECT_EQ(s.new_id, util::git_blob_id(patched));
    EXPECT_EQ(s.diff, "diff --git a/tools/unpack.py b/tools/unpack.py\n"
                      "index " +
                          s.base_id + ".." + s.new_id +
                          " 100644\n"
                          "--- a/tools/unpack.py\n"
                          "+++ b/tools/unpack.py\n"
                          "@@ -3,7 +3,7 @@\n"
                          " \n"
                          " \n"
                          " def unpack(archive):\n"
                          "-    subprocess.run([\"tar\", \"xf\", archive], check=True)\n"
                          "+    subprocess.run([\"tar\", \"-x\", \"-f\", archive], check=True)\n"
                          " \n"
                          " \n"
                          " def quoted(name):\n");
    expect_git_applies(s, k_python);
}

TEST(CheckFix, GivenBaseIdIsRecorded) {
    auto p = proposal("unpack.py", "python", k_python, 10, 10, "    return shlex.quote(str(name))");
    p.base_id = util::git_blob_id(k_python);
    p.mode = 0100755;
    auto s = accepted(p);
    EXPECT_EQ(s.base_id, p.base_id);
    EXPECT_NE(s.diff.find("\nindex " + p.base_id + ".." + s.new_id + " 100755\n"),
              std::string::npos);
}

TEST(CheckFix, CrlfFileStaysCrlf) {
    std::string base = "int area(int w, int h)\r\n{\r\n    return w * h;\r\n}\r\n";
    auto p = proposal("area.c", "c", base, 3, 3,
                      "    if (w < 0 || h < 0)\n        return -1;\n    return w * h;\n");
    auto s = accepted(p);
    EXPECT_EQ(s.removed, "    return w * h;\r\n");
    EXPECT_EQ(s.inserted, "    if (w < 0 || h < 0)\r\n        return -1;\r\n    return w * h;\r\n");
    expect_git_applies(s, base);
}

TEST(CheckFix, NoFinalNewlineStaysSo) {
    std::string base = "const url = process.argv[2];\nfetch(url).then(r => r.json())";
    auto p = proposal("get.js", "javascript", base, 2, 2,
                      "fetch(url)\n  .then(r => r.json())\n  .catch(e => console.error(e));\n");
    auto s = accepted(p);
    EXPECT_EQ(s.inserted, "fetch(url)\n  .then(r => r.json())\n  .catch(e => console.error(e));");
    EXPECT_NE(s.diff.find("\\ No newline at end of file"), std::string::npos);
    expect_git_applies(s, base);
}

TEST(CheckFix, WithoutAGrammarSyntaxAndOutlineAreNotChecked) {
    // Parsed, this would both break the syntax and drop `def quoted`.
    auto p = proposal("unpack.py", "", k_python, 9, 10, "def quoted(name:\n");
    EXPECT_EQ(accepted(p).inserted, "def quoted(name:\n");
    p.grammar = "python";
    EXPECT_EQ(rejection(p), FixRejection::syntax_error);
}

} // namespace
} // namespace vigil::test
