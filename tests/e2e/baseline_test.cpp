// `vigil baseline create` records today's findings as content fingerprints (no secret text) in
// .vigil-baseline.json at the top; scans then leave those out but still report a different
// secret on the same line, the same secret elsewhere and new secrets. The baseline file is
// never scanned; unused entries are noted for full scans; --baseline/--no-baseline override.
#include "e2e.hpp"

#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {
using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* k_file = ".vigil-baseline.json";

json parse_json(const std::string& text, const std::string& what) {
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        ADD_FAILURE() << what << " is not JSON: " << e.what() << "\n" << text;
        return json::object();
    }
}

// "path:line:column" of every finding a JSON report lists, sorted (rule ids are left out:
// the rule packs are still being renamed).
std::vector<std::string> reported(const ProcessResult& r) {
    std::vector<std::string> out;
    json doc = parse_json(r.out, "the report");
    for (const auto& f : doc.value("findings", json::array())) {
        out.push_back(f["path"].get<std::string>() + ":" + std::to_string(f["line"].get<int>()) +
                      ":" + std::to_string(f["column"].get<int>()));
    }
    std::sort(out.begin(), out.end());
    return out;
}

// "path:rule_id" of every entry (or finding) of a baseline (or JSON report), sorted.
std::vector<std::string> path_rules(const std::string& text) {
    std::vector<std::string> out;
    json doc = parse_json(text, "the document");
    for (const auto& e : doc.value("findings", json::array())) {
        out.push_back(e["path"].get<std::string>() + ":" + e["rule_id"].get<std::string>());
    }
    std::sort(out.begin(), out.end());
    return out;
}

ProcessResult scan(const TempRepo& repo, std::vector<std::string> args) {
    args.insert(args.begin(), "scan");
    return repo.vigil(args);
}

// A repository whose a.py holds an AWS key on line 2 and sub/b.env a GitHub token, both staged
// (not committed); create() runs `vigil baseline create` and expects it to succeed quietly.
class E2eBaseline : public ::testing::Test {
protected:
    void SetUp() override {
        repo.write("a.py", "# settings\n" + secret_line(fake_aws_key(0)) + "x = 1\n");
        repo.write("sub/b.env", "TOKEN=" + fake_github_token(0) + "\n");
        repo.git({"add", "-A"});
    }

    ProcessResult create(std::vector<std::string> args = {}) {
        args.insert(args.begin(), {"baseline", "create"});
        auto r = repo.vigil(args);
        EXPECT_EQ(r.exit_code, 0) << describe(r);
        EXPECT_EQ(r.out, "") << describe(r);
        return r;
    }

    TempRepo repo;
};

void expect_valid_baseline(const std::string& text) {
    json doc = parse_json(text, "the baseline");
    EXPECT_EQ(doc["version"], 1) << text;
    ASSERT_TRUE(doc["findings"].is_array()) << text;
    for (const auto& e : doc["findings"]) {
        std::string fp = e.value("fingerprint", "");
        EXPECT_EQ(fp.size(), 64u) << text;
        EXPECT_EQ(fp.find_first_not_of("0123456789abcdef"), std::string::npos) << text;
    }
    for (const std::string& secret : {fake_aws_key(0), fake_github_token(0)}) {
        EXPECT_FALSE(contains(text, secret)) << text;
        EXPECT_FALSE(contains(text, secret.substr(0, 4))) << text; // what masking shows
    }
}

TEST_F(E2eBaseline, CreateRecordsFingerprintsRulesAndPathsButNoSecrets) {
    auto r = create();
    EXPECT_TRUE(contains(r.err, "2 fingerprints")) << describe(r);
    ASSERT_TRUE(fs::exists(repo.path() / k_file)) << describe(r);
    std::string text = repo.read(k_file);
    expect_valid_baseline(text);
    // One entry per finding, with the finding's rule and repository-relative path.
    auto all = scan(repo, {"--staged", "--no-baseline", "--format", "json"});
    auto entries = path_rules(text);
    EXPECT_EQ(entries, path_rules(all.out)) << text << describe(all);
    ASSERT_EQ(entries.size(), 2u) << text;
    EXPECT_TRUE(entries[0].starts_with("a.py:") && entries[0].size() > 5) << text;
    EXPECT_TRUE(entries[1].starts_with("sub/b.env:") && entries[1].size() > 10) << text;
}

TEST_F(E2eBaseline, CreateWritesAtTheTopFromASubfolderAndWithC) {
    ProcessOptions in_sub;
    in_sub.cwd = (repo.path() / "sub").string();
    auto r = repo.vigil({"baseline", "create"}, in_sub);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(fs::exists(repo.path() / "sub" / k_file));
    ASSERT_TRUE(fs::exists(repo.path() / k_file)) << describe(r);
    EXPECT_TRUE(contains(repo.read(k_file), "\"sub/b.env\"")) << repo.read(k_file);
    std::string first = repo.read(k_file);
    fs::remove(repo.path() / k_file);

    ProcessOptions outside;
    outside.cwd = repo.home().string();
    r = repo.vigil({"baseline", "create", "-C", (repo.path() / "sub").string()}, outside);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(fs::exists(repo.home() / k_file));
    ASSERT_TRUE(fs::exists(repo.path() / k_file)) << describe(r);
    EXPECT_EQ(repo.read(k_file), first); // same content, whichever way it was made
    expect_valid_baseline(first);
}

TEST_F(E2eBaseline, KnownFindingsAreLeftOutOfEveryTarget) {
    create();
    for (std::vector<std::string> target : {std::vector<std::string>{"--staged"}, {"."}}) {
        auto r = scan(repo, target);
        EXPECT_EQ(r.exit_code, 0) << target[0] << "\n" << describe(r);
        EXPECT_EQ(r.out, "") << target[0] << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, "2 known in the baseline")) << target[0] << describe(r);
    }
    repo.commit_all("keys and their baseline");
    for (std::vector<std::string> target :
         {std::vector<std::string>{"--history"}, {"--commit", "HEAD"}}) {
        auto r = scan(repo, target);
        EXPECT_EQ(r.exit_code, 0) << target[0] << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, "2 known in the baseline")) << target[0] << describe(r);
    }
    ProcessOptions in_sub; // the top's baseline, found from a subfolder
    in_sub.cwd = (repo.path() / "sub").string();
    auto r = repo.vigil({"scan", "--history"}, in_sub);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
}

TEST_F(E2eBaseline, ADifferentSecretOnTheSameLineIsNew) {
    create();
    repo.commit_all("baselined");
    repo.write("a.py", "# settings\n" + secret_line(fake_aws_key(1)) + "x = 1\n");
    repo.git({"add", "-A"});
    for (std::vector<std::string> target : {std::vector<std::string>{"--staged"}, {"."}}) {
        target.insert(target.end(), {"--format", "json"});
        auto r = scan(repo, target);
        EXPECT_EQ(r.exit_code, 1) << target[0] << "\n" << describe(r);
        EXPECT_EQ(reported(r), std::vector<std::string>{"a.py:2:12"}) << describe(r);
    }
    repo.commit_all("rotated to another key");
    auto r = scan(repo, {"--history"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "a.py:2:12:")) << describe(r);
    EXPECT_EQ(finding_count(r.out), 1u) << describe(r); // the old key is still known
}

TEST_F(E2eBaseline, TheSameSecretInAnotherFileAndNewSecretsAreReported) {
    create();
    repo.commit_all("baselined");
    repo.write("copy.py", secret_line(fake_aws_key(0)));
    repo.write("sub/c.txt", "token: " + fake_github_token(5) + "\n");
    repo.git({"add", "-A"});
    for (std::vector<std::string> target :
         {std::vector<std::string>{"--staged"}, {"."}, {"--worktree"}}) {
        if (target[0] == "--worktree") {
            repo.git({"rm", "-q", "--cached", "copy.py", "sub/c.txt"}); // untracked again
        }
        target.insert(target.end(), {"--format", "json"});
        auto r = scan(repo, target);
        EXPECT_EQ(r.exit_code, 1) << target[0] << "\n" << describe(r);
        EXPECT_EQ(reported(r), (std::vector<std::string>{"copy.py:1:12", "sub/c.txt:1:8"}))
            << target[0] << "\n"
            << describe(r);
    }
}

TEST_F(E2eBaseline, LinesAddedAboveABaselinedSecretKeepItKnown) {
    create();
    // The files are new to HEAD, so --staged and --worktree see every line, the keys included.
    repo.write("a.py", "import os\n\n\n    # indented notes\n# settings\n" +
                           secret_line(fake_aws_key(0)) + "x = 1\n");
    repo.write("sub/b.env", "# first\n# second\nTOKEN=" + fake_github_token(0) + "\n");
    repo.git({"rm", "-q", "-r", "-f", "--cached", "."}); // untracked: --worktree sees all
    for (std::vector<std::string> target :
         {std::vector<std::string>{"--worktree"}, {"."}, {"--staged"}}) {
        if (target[0] == "--staged") {
            repo.git({"add", "-A"});
        }
        auto r = scan(repo, target);
        EXPECT_EQ(r.exit_code, 0) << target[0] << "\n" << describe(r);
        EXPECT_EQ(r.out, "") << target[0] << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, "2 known")) << target[0] << "\n" << describe(r);
    }
}

TEST_F(E2eBaseline, NoBaselineReportsEverything) {
    create();
    for (std::vector<std::string> target : {std::vector<std::string>{"--staged"}, {"."}}) {
        target.push_back("--no-baseline");
        auto r = scan(repo, target);
        EXPECT_EQ(r.exit_code, 1) << target[0] << "\n" << describe(r);
        EXPECT_EQ(finding_count(r.out), 2u) << target[0] << "\n" << describe(r);
        EXPECT_FALSE(contains(r.err, "known")) << target[0] << "\n" << describe(r);
    }
}

TEST_F(E2eBaseline, BaselineOptionUsesAnotherFile) {
    create({"-o", "other.json"});
    EXPECT_FALSE(fs::exists(repo.path() / k_file));
    ASSERT_TRUE(fs::exists(repo.path() / "other.json"));
    expect_valid_baseline(repo.read("other.json"));

    auto without = scan(repo, {"--staged"}); // no default file: everything is new
    EXPECT_EQ(without.exit_code, 1) << describe(without);
    auto with = scan(repo, {"--staged", "--baseline", "other.json"});
    EXPECT_EQ(with.exit_code, 0) << describe(with);
    EXPECT_TRUE(contains(with.err, "2 known")) << describe(with);

    // --baseline FILE wins over the default file, even an empty one.
    repo.write(k_file, R"({"version": 1, "findings": []})");
    auto other = scan(repo, {"--staged", "--baseline", (repo.path() / "other.json").string()});
    EXPECT_EQ(other.exit_code, 0) << describe(other);
}

TEST_F(E2eBaseline, AMissingOrMalformedBaselineIsAConfigurationError) {
    auto missing = scan(repo, {"--staged", "--baseline", "nowhere/base.json"});
    EXPECT_EQ(missing.exit_code, 2) << describe(missing);
    EXPECT_EQ(missing.out, "") << describe(missing);
    EXPECT_TRUE(contains(missing.err, "nowhere/base.json")) << describe(missing);

    for (const std::string& bad :
         {std::string("not json"), std::string(R"({"version": 9, "findings": []})"),
          std::string(R"({"version": 1, "findings": [{"fingerprint": "abc", "rule_id": "r", )"
                      R"("path": "p"}]})")}) {
        repo.write("bad.json", bad);
        auto r = scan(repo, {"--staged", "--baseline", "bad.json"});
        EXPECT_EQ(r.exit_code, 2) << bad << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, "bad.json")) << bad << "\n" << describe(r);
        // The default file, malformed, is no less an error.
        repo.write(k_file, bad);
        auto d = scan(repo, {"--staged"});
        EXPECT_EQ(d.exit_code, 2) << bad << "\n" << describe(d);
        EXPECT_TRUE(contains(d.err, k_file)) << bad << "\n" << describe(d);
        EXPECT_EQ(scan(repo, {"--staged", "--no-baseline"}).exit_code, 1);
    }
}

TEST_F(E2eBaseline, UnusedEntriesAreNotedForFullScansOnly) {
    create();
    repo.commit_all("baselined");
    auto clean = scan(repo, {"."});
    EXPECT_EQ(clean.exit_code, 0) << describe(clean);
    EXPECT_FALSE(contains(clean.err, "matched no finding")) << describe(clean);

    repo.remove("sub/b.env"); // the token is fixed: its entry is stale
    repo.git({"add", "-A"});
    auto full = scan(repo, {"."});
    EXPECT_EQ(full.exit_code, 0) << describe(full);
    EXPECT_TRUE(contains(full.err, "note")) << describe(full);
    EXPECT_TRUE(contains(full.err, "1 baseline entries")) << describe(full);
    EXPECT_TRUE(contains(full.err, k_file)) << describe(full);
    EXPECT_EQ(full.out, "") << describe(full);

    auto staged = scan(repo, {"--staged"}); // a diff sees too little to call an entry stale
    EXPECT_EQ(staged.exit_code, 0) << describe(staged);
    EXPECT_FALSE(contains(staged.err, "matched no finding")) << describe(staged);
}

TEST_F(E2eBaseline, JsonSummaryCountsKnownFindings) {
    create();
    auto r = scan(repo, {"--staged", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    json doc = parse_json(r.out, "the report");
    EXPECT_EQ(doc["summary"]["baseline_known"], 2) << r.out;
    EXPECT_EQ(doc["summary"]["findings"], 0) << r.out;
    EXPECT_TRUE(doc["findings"].empty()) << r.out;

    auto all = scan(repo, {"--staged", "--format", "json", "--no-baseline"});
    json every = parse_json(all.out, "the report");
    EXPECT_EQ(every["summary"]["baseline_known"], 0) << all.out;
    EXPECT_EQ(every["findings"].size(), 2u) << all.out;
}

TEST_F(E2eBaseline, CreateFromHistoryIntoAnotherFile) {
    repo.commit_all("keys");
    repo.remove("a.py");
    repo.commit_all("key removed from the tree, not from history");
    create({"-o", "hist.json", "--history"});
    std::string text = repo.read("hist.json");
    expect_valid_baseline(text);
    EXPECT_TRUE(contains(text, "\"a.py\"")) << text;
    EXPECT_TRUE(contains(text, "\"sub/b.env\"")) << text;
    EXPECT_FALSE(fs::exists(repo.path() / k_file));

    EXPECT_EQ(scan(repo, {"--history"}).exit_code, 1);
    auto r = scan(repo, {"--history", "--baseline", "hist.json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "2 known")) << describe(r);
    EXPECT_FALSE(contains(r.err, "matched no finding")) << describe(r);
}

// Rules that would flag every line of a baseline: its hashes and its field names.
const char* k_greedy_rules = R"toml(
[[rules]]
id = "generic-hex-secret"
description = "hex secret"
regex = '''\b([0-9a-f]{64})\b'''
[[rules]]
id = "json-field"
description = "a JSON field"
category = "hygiene"
severity = "warning"
regex = '''"(fingerprint|rule_id|path|version)"'''
)toml";

TEST_F(E2eBaseline, TheBaselineFileIsNeverScanned) {
    repo.write("../greedy.toml", k_greedy_rules); // outside the work tree
    std::string config = (repo.path().parent_path() / "greedy.toml").string();
    std::string hex(64, 'a');
    repo.write("c.txt", "digest = " + hex + "\n");
    repo.git({"add", "-A"});
    create({"--config", config});
    create({"--config", config}); // the second run sees the first one's file
    std::string text = repo.read(k_file);
    EXPECT_FALSE(contains(text, k_file)) << text;
    EXPECT_TRUE(contains(text, "\"c.txt\"")) << text;
    repo.git({"add", "-A"});
    repo.commit_all("baseline committed");
    repo.write(k_file, text + "\n"); // changed in the work tree too
    std::vector<std::vector<std::string>> targets = {
        {"--staged"}, {"--worktree"}, {"."}, {k_file}, {"--history"}, {"--commit", "HEAD"}};
    for (auto target : targets) {
        target.insert(target.end(), {"--config", config, "--no-baseline", "--format", "json"});
        auto r = scan(repo, target);
        EXPECT_LE(r.exit_code, 1) << target[0] << "\n" << describe(r);
        for (const auto& where : reported(r)) {
            EXPECT_FALSE(contains(where, k_file)) << target[0] << "\n" << describe(r);
        }
    }
}

TEST_F(E2eBaseline, ABaselineGivenByOptionIsNotScannedEither) {
    // BUG: only files named .vigil-baseline.json are skipped; a baseline written with -o and
    // read with --baseline is scanned, and generic rules flag its fingerprints.
    repo.write("../greedy.toml", k_greedy_rules);
    std::string config = (repo.path().parent_path() / "greedy.toml").string();
    repo.write("c.txt", "digest = " + std::string(64, 'a') + "\n");
    create({"--config", config, "-o", "other.json"});
    auto r = scan(repo, {".", "--config", config, "--baseline", "other.json", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(reported(r).empty()) << describe(r);
}

TEST(E2eBaselineBare, CreateWithoutATargetIsAUsageError) {
    TempRepo src;
    src.write("k.py", secret_line(fake_aws_key(0)));
    src.commit_all("key");
    TempRepo bare{{.bare = true}};
    src.git({"push", "-q", bare.path().string(), "main"});

    auto r = bare.vigil({"baseline", "create"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "bare")) << describe(r);
    EXPECT_TRUE(fs::is_empty(bare.home())) << describe(r);

    std::string out = (bare.home() / "b.json").string();
    auto h = bare.vigil({"baseline", "create", "--history", "-o", out});
    EXPECT_EQ(h.exit_code, 0) << describe(h);
    EXPECT_TRUE(fs::exists(out)) << describe(h);
    auto s = bare.vigil({"scan", "--history", "--baseline", out});
    EXPECT_EQ(s.exit_code, 0) << describe(s);
}

} // namespace
} // namespace vigil::test
