// `vigil scan --format sarif` checked by the consumers' own validators: the SARIF Multitool
// with GitHub's rules (--rule-kind "Sarif;Gh") and ajv against the draft-07 schema with
// format checks. Every log must come out with no error and no warning from either. The
// validators are installed with npm into the build tree by tests/support/sarif_tools.sh
// (once, under a lock); without npm these tests skip and say why.
#include "e2e.hpp"
#include "support/fake_ollama.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

namespace vigil::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Tools {
    bool ready = false;
    std::string skip;  // why the tests skip (npm not available)
    std::string error; // why the install failed
    fs::path dir;
    fs::path multitool;
    fs::path ajv;
    fs::path schema;
};

// The tests/ folder of the source tree this file was compiled from.
fs::path tests_dir() {
    return fs::path(__FILE__).parent_path().parent_path();
}

const Tools& tools() {
    static const Tools installed = [] {
        Tools t;
        t.dir = fs::path(vigil_binary()).parent_path() / "sarif-tools";
        t.multitool = t.dir / "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
        t.ajv = t.dir / "node_modules/.bin/ajv";
        t.schema = tests_dir() / "data/sarif-schema-2.1.0.draft07.json";
        ProcessResult r =
            run_process({"bash", (tests_dir() / "support/sarif_tools.sh").string(), t.dir});
        if (r.exit_code == 77) {
            t.skip = "SARIF validators not installed (" + r.err.substr(0, r.err.find('\n')) +
                     "): install Node.js with npm to run the SARIF validation tests";
        } else if (r.exit_code != 0) {
            t.error = "installing the SARIF validators failed:\n" + r.err + r.out;
        } else {
            t.ready = true;
        }
        return t;
    }();
    return installed;
}

#define REQUIRE_SARIF_TOOLS()                                                                      \
    do {                                                                                           \
        if (!tools().skip.empty()) {                                                               \
            GTEST_SKIP() << tools().skip;                                                          \
        }                                                                                          \
        ASSERT_TRUE(tools().ready) << tools().error;                                               \
    } while (false)

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The Multitool's verdict: its own SARIF log, one result per problem (absent level =
// warning). Its exit code is 0 even when it finds errors, so only the log tells.
std::vector<std::string> multitool_problems(const fs::path& sarif, const fs::path& work) {
    fs::path out = work / (sarif.filename().string() + ".validation.sarif");
    ProcessOptions opts;
    opts.cwd = work.string();
    // The self-contained .NET binary runs without libicu this way.
    opts.env = {{"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1"},
                {"DOTNET_CLI_TELEMETRY_OPTOUT", "1"}};
    // Called directly: the npm wrapper runs it through a shell, where ';' ends the command.
    // Its default size limit (10,000 KB) would skip a capped log, which GitHub takes (its
    // limit is 10 MB gzipped).
    ProcessResult r = run_process({tools().multitool.string(), "validate", sarif.string(),
                                   "--rule-kind", "Sarif;Gh", "--max-file-size-in-kb", "100000",
                                   "-o", out.string(), "--log", "ForceOverwrite", "--quiet"},
                                  opts);
    std::vector<std::string> problems;
    json log;
    try {
        log = json::parse(read_text(out));
    } catch (const json::exception& e) {
        return {"Multitool wrote no readable log (" + std::string(e.what()) + "):\n" + describe(r)};
    }
    for (const auto& run : log.value("runs", json::array())) {
        for (const auto& result : run.value("results", json::array())) {
            std::string level = result.value("level", "warning");
            if (level == "error" || level == "warning") {
                problems.push_back(level + " " + result.value("ruleId", "?") + ": " +
                                   result["message"].dump());
            }
        }
        for (const auto& inv : run.value("invocations", json::array())) {
            for (const char* key :
                 {"toolExecutionNotifications", "toolConfigurationNotifications"}) {
                for (const auto& note : inv.value(key, json::array())) {
                    if (note.value("level", "warning") != "note") {
                        problems.push_back(std::string(key) + ": " + note.dump());
                    }
                }
            }
            if (!inv.value("executionSuccessful", true)) {
                problems.push_back("Multitool did not run to the end: " + inv.dump());
            }
        }
    }
    return problems;
}

// ajv with the draft-07 schema and format assertions (uri, date-time...), which the
// Multitool does not check. It picks its parser by extension, hence the copy.
std::vector<std::string> ajv_problems(const fs::path& sarif, const fs::path& work) {
    fs::path copy = work / (sarif.filename().string() + ".json");
    fs::copy_file(sarif, copy, fs::copy_options::overwrite_existing);
    ProcessOptions opts;
    opts.cwd = tools().dir.string(); // where -c ajv-formats resolves
    ProcessResult r = run_process({tools().ajv.string(), "validate", "--spec=draft7", "-s",
                                   tools().schema.string(), "-c", "ajv-formats", "-d",
                                   copy.string(), "--all-errors", "--errors=text"},
                                  opts);
    if (r.exit_code == 0) {
        return {};
    }
    return {"ajv: " + r.out + r.err};
}

// Validates the log at `path` with both tools and fails the test on any problem.
void expect_valid(const fs::path& path) {
    TempDir work;
    auto problems = multitool_problems(path, work.path());
    auto more = ajv_problems(path, work.path());
    problems.insert(problems.end(), more.begin(), more.end());
    std::string all;
    for (const auto& p : problems) {
        all += p + "\n";
    }
    EXPECT_TRUE(problems.empty()) << path << " is not clean:\n"
                                  << all << "--- the log ---\n"
                                  << read_text(path);
}

json parse_file(const fs::path& path) {
    try {
        return json::parse(read_text(path));
    } catch (const json::exception& e) {
        ADD_FAILURE() << path << ": " << e.what();
        return json::object();
    }
}

// Runs `vigil scan <args> --format sarif --output <file>` in repo and returns the file.
fs::path scan_to_sarif(const TempRepo& repo, std::vector<std::string> args, const std::string& name,
                       int expected_exit) {
    fs::path out = repo.path().parent_path() / name;
    args.insert(args.begin(), "scan");
    for (const char* a : {"--format", "sarif", "--output"}) {
        args.push_back(a);
    }
    args.push_back(out.string());
    ProcessResult r = repo.vigil(args);
    EXPECT_EQ(r.exit_code, expected_exit) << describe(r);
    EXPECT_TRUE(r.out.empty()) << "the report goes to the file only:\n" << r.out;
    return out;
}

const json* result_for(const json& run, const std::string& rule_id, const std::string& uri) {
    for (const auto& result : run["results"]) {
        if (result["ruleId"] == rule_id &&
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri) {
            return &result;
        }
    }
    return nullptr;
}

const std::string k_emoji = "\xF0\x9F\x98\x80"; // two UTF-16 units
const std::string k_e_acute = "\xC3\xA9";       // one

TEST(E2eSarifValidation, SecretsSafetyAndHygieneOnOddPaths) {
    REQUIRE_SARIF_TOOLS();
    TempRepo repo;
    std::string aws = fake_aws_key();
    std::string token = fake_github_token();
    repo.write("dir with space/\xC3\xBCn\xC3\xAF/conf ig.py",
               "# settings\n" + secret_line(aws) + "x = 1  \n");
    repo.write("a#b%c.py", "import os\nos.system(cmd)\neval(input())\n<<<<<<< HEAD\n");
    repo.write("win\\style.js", k_e_acute + k_emoji + " = \"" + token + "\";\n");
    repo.write("crlf.txt", "ok\r\naws_key = \"" + fake_aws_key(3) + "\"   \r\n");
    repo.write("tidy.py", "x = 1   \ny = 2\n");
    repo.write(".DS_Store", std::string("x\0\1\2binary", 10));
    repo.write("notes.txt~", "old\n");
    repo.git({"add", "-A"});
    fs::path log = scan_to_sarif(repo, {"--staged"}, "mixed.sarif", 1);
    expect_valid(log);

    std::string text = read_text(log);
    for (const auto& secret : {aws, token, fake_aws_key(3)}) {
        EXPECT_FALSE(contains(text, secret)) << "a secret is in the SARIF log unmasked";
    }
    json run = parse_file(log)["runs"][0];
    std::set<std::string> categories;
    std::regex line_hash("[0-9a-f]{1,16}:[0-9]+");
    for (const auto& result : run["results"]) {
        categories.insert(result["properties"]["category"].get<std::string>());
        const json& prints = result["partialFingerprints"];
        ASSERT_TRUE(prints.contains("primaryLocationLineHash")) << result.dump(2);
        EXPECT_TRUE(
            std::regex_match(prints["primaryLocationLineHash"].get<std::string>(), line_hash));
        EXPECT_EQ(prints["vigil/v1"].get<std::string>().size(), 64u);
    }
    // The conflict marker in a#b%c.py also breaks parsing.
    EXPECT_EQ(categories, (std::set<std::string>{"secret", "safety", "hygiene", "syntax"}));

    const json* aws_result =
        result_for(run, "aws-access-token", "dir%20with%20space/%C3%BCn%C3%AF/conf%20ig.py");
    ASSERT_TRUE(aws_result) << run["results"].dump(2);
    EXPECT_EQ((*aws_result)["locations"][0]["physicalLocation"]["region"]["startColumn"], 12);
    EXPECT_TRUE(result_for(run, "python-os-system-dynamic", "a%23b%25c.py"));
    EXPECT_TRUE(result_for(run, "merge-conflict-marker", "a%23b%25c.py"));
    // The backslash of a Windows-style path is a separator in the URI.
    const json* token_result = result_for(run, "github-pat", "win/style.js");
    ASSERT_TRUE(token_result) << run["results"].dump(2);
    // After "é😀 = \"": 1 + 2 + 4 = 7 UTF-16 units, so the token starts in column 8.
    EXPECT_EQ((*token_result)["locations"][0]["physicalLocation"]["region"]["startColumn"], 8);
    // Whole-file findings sit on line 1.
    const json* junk = result_for(run, "os-metadata-file", ".DS_Store");
    ASSERT_TRUE(junk) << run["results"].dump(2);
    EXPECT_EQ((*junk)["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
    // A rule's fix becomes a SARIF fix, except where it would spell out a secret.
    const json* tidy = result_for(run, "trailing-whitespace", "tidy.py");
    ASSERT_TRUE(tidy);
    EXPECT_TRUE(tidy->contains("fixes"));
    const json* crlf = result_for(run, "trailing-whitespace", "crlf.txt");
    ASSERT_TRUE(crlf);
    EXPECT_FALSE(crlf->contains("fixes"));
}

TEST(E2eSarifValidation, ModelReviewWithAFixValidates) {
    REQUIRE_SARIF_TOOLS();
    TempRepo repo;
    repo.write("calc.py", "def first(items):\n    return items[0]\n");
    repo.commit_all("base");
    repo.git({"branch", "-M", "main"});
    repo.git({"checkout", "-q", "-b", "feature"});
    repo.write("calc.py", "def first(items):\n    return items[0]\n\n\ndef mean(items):\n"
                          "    return sum(items) / len(items)\n");
    repo.commit_all("mean");
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    json finding = {{"quote", "    return sum(items) / len(items)"},
                    {"category", "bug"},
                    {"severity", "warning"},
                    {"title", "Division by zero on an empty list"},
                    {"explanation", "len(items) is 0 for an empty list."},
                    {"replacement", "    return sum(items) / len(items) if items else 0.0"}};
    fake.set_default_reply({.content = json{{"findings", json::array({finding})}}.dump()});
    fs::path out = repo.path().parent_path() / "review.sarif";
    ProcessOptions opts;
    opts.env = {{"OLLAMA_HOST", fake.host_port()},
                {"XDG_CACHE_HOME", (repo.home() / "cache").string()},
                {"XDG_CONFIG_HOME", (repo.home() / "config").string()}};
    ProcessResult r = repo.vigil({"review", "--format", "sarif", "--output", out.string()}, opts);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    expect_valid(out);
    json log = parse_file(out);
    const json& results = log["runs"][0]["results"];
    ASSERT_EQ(results.size(), 1u) << log.dump(2);
    EXPECT_EQ(results[0]["ruleId"], "model/bug");
    EXPECT_EQ(results[0]["fixes"].size(), 1u) << log.dump(2);
    EXPECT_EQ(
        log["runs"][0]["automationDetails"]["id"].get<std::string>().rfind("vigil/review/", 0), 0u);
}

TEST(E2eSarifValidation, EmptyLogValidates) {
    REQUIRE_SARIF_TOOLS();
    TempRepo repo;
    repo.write("clean.txt", "nothing to see\n");
    repo.git({"add", "clean.txt"});
    fs::path log = scan_to_sarif(repo, {"--staged"}, "empty.sarif", 0);
    expect_valid(log);
    json run = parse_file(log)["runs"][0];
    EXPECT_TRUE(run["results"].is_array());
    EXPECT_TRUE(run["results"].empty());
}

TEST(E2eSarifValidation, HistoryScanValidatesAndNamesCommits) {
    REQUIRE_SARIF_TOOLS();
    TempRepo repo;
    repo.write("one.py", secret_line(fake_aws_key(1)));
    std::string first = repo.commit_all("first");
    repo.write("two/t\xC3\xA9st file.py", secret_line(fake_aws_key(2)));
    std::string second = repo.commit_all("second");
    repo.remove("one.py");
    repo.commit_all("drop the key (still in history)");
    fs::path log = scan_to_sarif(repo, {"--history"}, "history.sarif", 1);
    expect_valid(log);
    json run = parse_file(log)["runs"][0];
    std::set<std::string> commits;
    for (const auto& result : run["results"]) {
        commits.insert(result["properties"]["commit"].get<std::string>());
        // The line hash needs the file as of the result's commit; without it the result has
        // none (upload-sarif computes one from the checkout) rather than a wrong one.
        EXPECT_TRUE(result["partialFingerprints"].contains("vigil/v1"));
    }
    EXPECT_EQ(commits, (std::set<std::string>{first, second}));
}

TEST(E2eSarifValidation, PathScanValidates) {
    REQUIRE_SARIF_TOOLS();
    TempRepo repo;
    repo.write("src/deep er/main.py", "eval(input())\n" + secret_line(fake_aws_key(4)));
    fs::path log = scan_to_sarif(repo, {"src"}, "paths.sarif", 1);
    expect_valid(log);
    json run = parse_file(log)["runs"][0];
    EXPECT_TRUE(result_for(run, "aws-access-token", "src/deep%20er/main.py"))
        << run["results"].dump(2);

    // Given as an absolute path, the file is a file URI (a relative reference may not start
    // with '/').
    fs::path abs_log =
        scan_to_sarif(repo, {(repo.path() / "src/deep er").string()}, "abs.sarif", 1);
    expect_valid(abs_log);
    json abs_run = parse_file(abs_log)["runs"][0];
    ASSERT_FALSE(abs_run["results"].empty());
    std::string uri =
        abs_run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    EXPECT_TRUE(uri.starts_with("file:///")) << uri;
    EXPECT_TRUE(contains(uri, "/src/deep%20er/main.py")) << uri;
}

TEST(E2eSarifValidation, CappedLogValidatesAndSaysSo) {
    REQUIRE_SARIF_TOOLS();
    TempRepo repo;
    std::string many;
    for (int i = 0; i < 5050; ++i) {
        many += "x" + std::to_string(i) + " = 1  # TODO: " + std::to_string(i) + "\n";
    }
    repo.write("many.py", many + secret_line(fake_aws_key()));
    repo.git({"add", "many.py"});
    fs::path log = scan_to_sarif(repo, {"--staged"}, "capped.sarif", 1);
    expect_valid(log);
    json run = parse_file(log)["runs"][0];
    ASSERT_EQ(run["results"].size(), 5000u);
    EXPECT_EQ(run["results"][4999]["ruleId"], "aws-access-token"); // errors are kept first
    EXPECT_EQ(run["properties"]["resultsOmitted"], 51);
    const json& notes = run["invocations"][0]["toolExecutionNotifications"];
    ASSERT_FALSE(notes.empty());
    EXPECT_EQ(notes[0]["level"], "warning");
}

// The harness itself: a log with known faults must be reported by each tool, or a clean
// verdict above would mean nothing.
TEST(E2eSarifValidation, ValidatorsCatchABrokenLog) {
    REQUIRE_SARIF_TOOLS();
    TempRepo repo;
    repo.write("a.py", secret_line(fake_aws_key()));
    repo.git({"add", "a.py"});
    fs::path log = scan_to_sarif(repo, {"--staged"}, "good.sarif", 1);
    json doc = parse_file(log);
    ASSERT_FALSE(doc["runs"][0]["results"].empty());
    TempDir work;

    json no_end = doc; // endColumn 0: out of the schema's range (JSON1008)
    no_end["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["endColumn"] = 0;
    write_text(work.path() / "no-end.sarif", no_end.dump());
    EXPECT_FALSE(multitool_problems(work.path() / "no-end.sarif", work.path()).empty());
    EXPECT_FALSE(ajv_problems(work.path() / "no-end.sarif", work.path()).empty());

    json no_rules = doc; // GitHub needs shortDescription etc. on every rule (GH2012)
    no_rules["runs"][0]["tool"]["driver"]["rules"][0].erase("fullDescription");
    write_text(work.path() / "no-full.sarif", no_rules.dump());
    EXPECT_FALSE(multitool_problems(work.path() / "no-full.sarif", work.path()).empty());

    json bad_time = doc; // only ajv checks formats
    bad_time["runs"][0]["invocations"][0]["startTimeUtc"] = "yesterday";
    write_text(work.path() / "bad-time.sarif", bad_time.dump());
    EXPECT_FALSE(ajv_problems(work.path() / "bad-time.sarif", work.path()).empty());
}

} // namespace
} // namespace vigil::test
