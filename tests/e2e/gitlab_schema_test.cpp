// `vigil scan --format gitlab-secrets|gitlab-sast` checked with ajv (format assertions on)
// against tests/data/gitlab-security-report-15.required.schema.json: the fields GitLab's 15.x
// schema requires, as formats.md §3.2 lists them. GitLab's own schema files could not be
// fetched for vendoring, so this is vigil's transcription, not GitLab's schema (see
// tests/data/README.md). ajv comes from tests/support/sarif_tools.sh (npm, once, into the
// build tree); without npm the tests skip and say why.
#include "e2e.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

fs::path tests_dir() {
    return fs::path(__FILE__).parent_path().parent_path();
}

// The folder the validators live in (shared with sarif_validation_test.cpp), or why not.
struct Ajv {
    fs::path dir;
    std::string skip;
    std::string error;
};

const Ajv& ajv() {
    static const Ajv installed = [] {
        Ajv a;
        a.dir = fs::path(vigil_binary()).parent_path() / "sarif-tools";
        ProcessResult r =
            run_process({"bash", (tests_dir() / "support/sarif_tools.sh").string(), a.dir});
        if (r.exit_code == 77) {
            a.skip = "ajv not installed (" + r.err.substr(0, r.err.find('\n')) +
                     "): install Node.js with npm to validate the GitLab reports";
        } else if (r.exit_code != 0) {
            a.error = "installing ajv failed:\n" + r.err + r.out;
        }
        return a;
    }();
    return installed;
}

void expect_valid(const fs::path& report) {
    ProcessOptions opts;
    opts.cwd = ajv().dir.string(); // where -c ajv-formats resolves
    fs::path schema = tests_dir() / "data/gitlab-security-report-15.required.schema.json";
    ProcessResult r = run_process({(ajv().dir / "node_modules/.bin/ajv").string(), "validate",
                                   "--spec=draft7", "-s", schema.string(), "-c", "ajv-formats",
                                   "-d", report.string(), "--all-errors", "--errors=text"},
                                  opts);
    std::ifstream in(report, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err << "--- the report ---\n" << text;
}

TEST(E2eGitlabSchema, SecretAndSastReportsHaveEveryRequiredField) {
    if (!ajv().skip.empty()) {
        GTEST_SKIP() << ajv().skip;
    }
    ASSERT_TRUE(ajv().error.empty()) << ajv().error;
    TempRepo repo;
    repo.write("a.py", "x = 1\n");
    repo.commit_all("base");
    std::string key = fake_aws_key(2);
    repo.write("a.py", "x = 1\n" + secret_line(key) + secret_line(key));
    repo.write("run.py", "import os\nos.system(\"rm -rf \" + path)\n");
    repo.write("notes.py", "y = 2   \ny = 2   \n");
    repo.git({"add", "-A"});
    TempDir out;
    fs::path secrets = out.path() / "secrets.json";
    fs::path sast = out.path() / "sast.json";
    auto r = repo.vigil({"scan", "--staged", "--format", "gitlab-secrets", "--output",
                         secrets.string(), "--format", "gitlab-sast", "--output", sast.string()});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    for (const auto& file : {secrets, sast}) {
        std::ifstream in(file, std::ios::binary);
        std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        EXPECT_FALSE(contains(text, key)) << file;
        auto doc = nlohmann::json::parse(text);
        EXPECT_GE(doc["vulnerabilities"].size(), 2u) << text;
        expect_valid(file);
    }
    // An empty scan is a valid report too (GitLab then marks earlier findings resolved).
    repo.commit_all("all");
    fs::path clean = out.path() / "clean.json";
    r = repo.vigil({"scan", "--staged", "--format", "gitlab-secrets", "--output", clean.string()});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    expect_valid(clean);
}

} // namespace
} // namespace vigil::test
