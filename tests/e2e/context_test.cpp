// `vigil context` through the real binary: symbol chains, bounded sources, definitions from
// other files of the change, imports, line windows for unknown and broken files, and the
// usage errors.
#include "e2e.hpp"

#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

json context_json(TempRepo& repo, std::vector<std::string> args) {
    args.insert(args.begin(), "context");
    args.push_back("--format");
    args.push_back("json");
    auto r = repo.vigil(args);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    return json::parse(r.out);
}

const json& file_named(const json& doc, const std::string& path) {
    for (const auto& f : doc["files"]) {
        if (f["path"] == path) {
            return f;
        }
    }
    static const json none;
    ADD_FAILURE() << "no context for " << path << " in " << doc.dump(2);
    return none;
}

TEST(E2eContext, StagedChangeAcrossFilesAndLanguages) {
    TempRepo repo;
    repo.write("store.py",
               "import json\n\n\nclass Store:\n    def put(self, key):\n        return key\n");
    repo.write("main.go",
               "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n");
    repo.commit_all("base");
    repo.write("store.py", "import json\nfrom util import check\n\n\nclass Store:\n"
                           "    def put(self, key):\n        check(key)\n        return key\n");
    repo.write("util.py", "def check(key):\n    if not key:\n        raise ValueError(key)\n");
    repo.write("main.go",
               "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(greet())\n}\n\n"
               "func greet() string {\n\treturn \"hi\"\n}\n");
    repo.write("settings.toml", "debug = true\n");
    repo.git({"add", "."});
    json doc = context_json(repo, {"--staged"});
    ASSERT_EQ(doc["files"].size(), 4u) << doc.dump(2);

    const json& store = file_named(doc, "store.py");
    EXPECT_EQ(store["language"], "python");
    ASSERT_EQ(store["imports"].size(), 2u);
    EXPECT_EQ(store["imports"][1]["text"], "from util import check");
    const json& put = store["hunks"].back();
    EXPECT_EQ(put["first_line"], 7);
    EXPECT_EQ(put["symbols"][0]["chain"], "class Store > def put");
    EXPECT_EQ(put["source_of"], "def put");
    EXPECT_EQ(put["source"][0]["start_line"], 6);
    ASSERT_EQ(put["definitions"].size(), 1u) << put.dump(2);
    EXPECT_EQ(put["definitions"][0]["path"], "util.py");
    EXPECT_EQ(put["definitions"][0]["label"], "def check");

    const json& go = file_named(doc, "main.go");
    EXPECT_EQ(go["imports"][0]["text"], "package main");
    const json& call = go["hunks"][0];
    EXPECT_EQ(call["symbols"][0]["chain"], "func main");
    ASSERT_FALSE(call["definitions"].empty()) << call.dump(2);
    EXPECT_EQ(call["definitions"][0]["label"], "func greet");
    EXPECT_EQ(call["definitions"][0]["start_line"], 9);

    const json& toml = file_named(doc, "settings.toml");
    EXPECT_TRUE(toml["language"].is_null());
    EXPECT_EQ(toml["note"], "no grammar for this file: line windows");
    EXPECT_EQ(toml["hunks"][0]["source_of"], "lines");
    EXPECT_EQ(toml["hunks"][0]["source"][0]["text"], "debug = true");
}

TEST(E2eContext, CommitIsReadFromItsBlobsNotTheWorkTree) {
    TempRepo repo;
    repo.write("app.js", "class Cache {\n  get(key) {\n    return 1;\n  }\n}\n");
    repo.commit_all("base");
    repo.write("app.js", "class Cache {\n  get(key) {\n    return load(key);\n  }\n}\n"
                         "function load(key) {\n  return key;\n}\n");
    repo.commit_all("load");
    repo.write("app.js", "// rewritten\n");
    json doc = context_json(repo, {"--commit", "HEAD"});
    const json& hunk = file_named(doc, "app.js")["hunks"][0];
    EXPECT_EQ(hunk["symbols"][0]["chain"], "class Cache > method get");
    ASSERT_FALSE(hunk["definitions"].empty()) << hunk.dump(2);
    EXPECT_EQ(hunk["definitions"][0]["label"], "function load");
}

TEST(E2eContext, BrokenFileStillGetsContextAndTextOutputIsPrintable) {
    TempRepo repo;
    repo.write("README", "x\n");
    repo.commit_all("base");
    repo.write("bad.py", "def ok():\n    return '\x1b[31m'\n\ndef broken(:\n    pass\n");
    repo.git({"add", "bad.py"});
    auto r = repo.vigil({"context", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "bad.py (python)")) << describe(r);
    EXPECT_TRUE(contains(r.out, "in def ok")) << describe(r);
    EXPECT_FALSE(contains(r.out, "\x1b")) << describe(r);
}

TEST(E2eContext, UsageErrors) {
    TempRepo repo;
    repo.write("README", "x\n");
    repo.commit_all("base");
    auto none = repo.vigil({"context"});
    EXPECT_EQ(none.exit_code, 2) << describe(none);
    EXPECT_TRUE(contains(none.err, "--staged")) << describe(none);
    auto two = repo.vigil({"context", "--staged", "--worktree"});
    EXPECT_EQ(two.exit_code, 2) << describe(two);
    auto format = repo.vigil({"context", "--staged", "--format", "sarif"});
    EXPECT_EQ(format.exit_code, 2) << describe(format);
    EXPECT_TRUE(contains(format.err, "--format")) << describe(format);
    auto rev = repo.vigil({"context", "--commit", "nope"});
    EXPECT_EQ(rev.exit_code, 2) << describe(rev);
}

} // namespace
} // namespace vigil::test
