// --format json: valid JSON (even for hostile bytes and odd paths) with the documented fields;
// --output FILE writes the report there and nothing to stdout.
#include "e2e.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace vigil::test {
namespace {
using nlohmann::json;

// Parses stdout, failing the test (not crashing) on invalid JSON.
json parse(const ProcessResult& r) {
    try {
        return json::parse(r.out);
    } catch (const json::exception& e) {
        ADD_FAILURE() << "invalid JSON: " << e.what() << "\n" << describe(r);
        return json::object();
    }
}

TEST(E2eJsonOutput, DocumentHasTheDocumentedFields) {
    TempRepo repo;
    repo.write("config.py", "# settings\n" + secret_line(fake_aws_key()));
    repo.git({"add", "config.py"});
    auto r = repo.vigil({"scan", "--staged", "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    json doc = parse(r);
    ASSERT_TRUE(doc.is_object());
    EXPECT_EQ(doc["schema_version"], 1);
    EXPECT_EQ(doc["tool"]["name"], "vigil");
    EXPECT_TRUE(doc["tool"]["version"].is_string());
    EXPECT_EQ(doc["target"], "staged");
    ASSERT_TRUE(doc["findings"].is_array());
    ASSERT_EQ(doc["findings"].size(), 1u) << doc.dump(2);
    const json& f = doc["findings"][0];
    EXPECT_EQ(f["rule_id"], "aws-access-token");
    EXPECT_EQ(f["category"], "secret");
    EXPECT_EQ(f["severity"], "error");
    EXPECT_TRUE(f["message"].is_string());
    EXPECT_EQ(f["path"], "config.py");
    EXPECT_EQ(f["line"], 2);
    EXPECT_EQ(f["column"], 12);
    EXPECT_EQ(f["end_column"], 32); // exclusive: 20 characters of key
    EXPECT_EQ(f["byte_column"], 12);
    EXPECT_EQ(f["byte_end_column"], 32);
    EXPECT_TRUE(f["commit"].is_null()); // staged: no commit yet
    EXPECT_TRUE(f["snippet"].is_string());
    EXPECT_TRUE(f["secret"].is_string());
    EXPECT_TRUE(f["entropy"].is_number());
    EXPECT_TRUE(f["fingerprint"].is_string());
    EXPECT_FALSE(f["fingerprint"].get<std::string>().empty());
    ASSERT_TRUE(doc["skipped"].is_array());
    const json& s = doc["summary"];
    EXPECT_EQ(s["findings"], 1);
    EXPECT_EQ(s["errors"], 1);
    EXPECT_EQ(s["warnings"], 0);
    EXPECT_EQ(s["notes"], 0);
    EXPECT_EQ(s["files"], 1);
    EXPECT_EQ(s["lines"], 2);
    EXPECT_EQ(s["commits"], 0);
    // Machine output: no colour, no progress, and the summary line stays off stdout.
    EXPECT_FALSE(has_ansi(r.out));
}

TEST(E2eJsonOutput, CleanRunIsAnEmptyReport) {
    TempRepo repo;
    repo.write("a.txt", "hello\n");
    repo.git({"add", "a.txt"});
    auto r = repo.vigil({"scan", "--staged", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    json doc = parse(r);
    EXPECT_TRUE(doc["findings"].is_array());
    EXPECT_TRUE(doc["findings"].empty());
    EXPECT_EQ(doc["summary"]["findings"], 0);
}

TEST(E2eJsonOutput, CommitScanNamesTheCommit) {
    TempRepo repo;
    repo.write("k.py", secret_line(fake_aws_key()));
    std::string id = repo.commit_all("key");
    auto r = repo.vigil({"scan", "--commit", "HEAD", "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    json doc = parse(r);
    ASSERT_EQ(doc["findings"].size(), 1u) << doc.dump(2);
    EXPECT_EQ(doc["findings"][0]["commit"], id);
    EXPECT_EQ(doc["summary"]["commits"], 1);
}

TEST(E2eJsonOutput, InvalidUtf8ContentStillGivesValidJson) {
    TempRepo repo;
    // Latin-1 bytes and a stray continuation byte around the key, on the same line.
    repo.write("latin1.py", "caf\xe9 = \"" + fake_aws_key() + "\" # \x80\xff\xfe\n");
    repo.git({"add", "latin1.py"});
    for (bool show : {false, true}) {
        std::vector<std::string> args = {"scan", "--staged", "--format", "json"};
        if (show) {
            args.push_back("--show-secrets");
        }
        auto r = repo.vigil(args);
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        json doc = parse(r);
        ASSERT_EQ(doc["findings"].size(), 1u) << r.out;
        EXPECT_EQ(doc["findings"][0]["line"], 1);
        EXPECT_EQ(doc["findings"][0]["byte_column"], 9);
        EXPECT_TRUE(doc["findings"][0]["snippet"].is_string());
    }
}

TEST(E2eJsonOutput, NonAsciiAndSpacedPathsAreKeptExactly) {
    TempRepo repo;
    const std::string path = "d\xc3\xadr \xc3\xbc/\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87 file.txt";
    repo.write(path, "\xe2\x82\xac = \"" + fake_aws_key() + "\"\n");
    repo.git({"add", "-A"});
    auto r = repo.vigil({"scan", "--staged", "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    json doc = parse(r);
    ASSERT_EQ(doc["findings"].size(), 1u) << r.out;
    EXPECT_EQ(doc["findings"][0]["path"], path);
    // "€ = \"": the euro sign is one character but three bytes.
    EXPECT_EQ(doc["findings"][0]["column"], 6);
    EXPECT_EQ(doc["findings"][0]["byte_column"], 8);

    auto text = repo.vigil({"scan", "--staged"});
    EXPECT_TRUE(contains(text.out, path + ":1:6:")) << describe(text);
}

TEST(E2eJsonOutput, NonUtf8FileNameStillGivesValidJson) {
    TempRepo repo;
    repo.write("bad\xff name.py", secret_line(fake_aws_key()));
    repo.git({"add", "-A"});
    for (auto target : {std::vector<std::string>{"--staged"}, {"."}}) {
        std::vector<std::string> args = {"scan", "--format", "json"};
        args.insert(args.end(), target.begin(), target.end());
        auto r = repo.vigil(args);
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        json doc = parse(r);
        ASSERT_EQ(doc["findings"].size(), 1u) << r.out;
        std::string p = doc["findings"][0]["path"];
        EXPECT_TRUE(p.starts_with("bad")) << p;
        EXPECT_TRUE(p.ends_with(" name.py")) << p;
    }
}

TEST(E2eJsonOutput, SkippedFilesAreListed) {
    TempRepo repo;
    repo.write("blob.bin", std::string("\x00\x01\x02 binary", 10));
    repo.write("big.txt", std::string(4096, 'x') + "\n");
    repo.git({"add", "-A"});
    auto r = repo.vigil({"scan", "--staged", "--format", "json", "--max-file-size", "1K"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    json doc = parse(r);
    ASSERT_TRUE(doc["skipped"].is_array());
    std::set<std::string> paths;
    for (const auto& s : doc["skipped"]) {
        paths.insert(s["path"].get<std::string>());
        EXPECT_TRUE(s["reason"].is_string());
        EXPECT_TRUE(s["commit"].is_null());
    }
    EXPECT_EQ(paths, (std::set<std::string>{"big.txt", "blob.bin"})) << r.out;
}

TEST(E2eJsonOutput, OutputFileGetsTheReportAndStdoutStaysEmpty) {
    TempRepo repo;
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    for (const char* format : {"json", "text"}) {
        auto file = repo.home() / (std::string("out dir ") + format) / "report";
        std::filesystem::create_directories(file.parent_path());
        auto r = repo.vigil({"scan", "--staged", "--format", format, "--output", file.string()});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_EQ(r.out, "") << describe(r);
        std::ifstream in(file, std::ios::binary);
        std::string written(std::istreambuf_iterator<char>(in), {});
        if (std::string(format) == "json") {
            json doc = json::parse(written, nullptr, false);
            ASSERT_FALSE(doc.is_discarded()) << written;
            EXPECT_EQ(doc["findings"].size(), 1u);
        } else {
            EXPECT_TRUE(contains(written, "k.py:1:12:")) << written;
        }
    }
}

TEST(E2eJsonOutput, OutputFileIsReplacedNotAppended) {
    TempRepo repo;
    repo.write("k.py", secret_line(fake_aws_key()));
    repo.git({"add", "k.py"});
    auto file = repo.home() / "report.json";
    std::ofstream(file) << std::string(10000, 'z');
    auto r = repo.vigil({"scan", "--staged", "--format", "json", "-o", file.string()});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    std::ifstream in(file, std::ios::binary);
    std::string written(std::istreambuf_iterator<char>(in), {});
    EXPECT_FALSE(json::parse(written, nullptr, false).is_discarded()) << written;
}

} // namespace
} // namespace vigil::test
