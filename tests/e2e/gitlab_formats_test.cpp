// The GitLab and reviewdog formats from the real binary on a real repository: what GitLab and
// reviewdog need is there, and every format is produced from the same findings.
#include "e2e.hpp"

#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

struct Mixed {
    Mixed() {
        repo.write("conf/app.py", "x = 1\n");
        repo.commit_all("base");
        repo.write("conf/app.py", "x = 1\n" + secret_line(key));
        repo.write("run.py", "import os\nos.system(\"rm -rf \" + path)\n");
        repo.write("notes.py", "y = 2   \n");
        repo.git({"add", "-A"});
    }
    json scan_json(const char* format) const {
        auto r = repo.vigil({"scan", "--staged", "--format", format});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_FALSE(contains(r.out, key)) << describe(r);
        return json::parse(r.out);
    }
    TempRepo repo;
    std::string key = fake_aws_key(1);
};

TEST(E2eGitlabFormats, SameFindingsInEveryFormat) {
    Mixed m;
    json all = m.scan_json("json");
    size_t secrets = 0, others = 0;
    for (const auto& f : all["findings"]) {
        (f["category"] == "secret" ? secrets : others) += 1;
    }
    ASSERT_GE(secrets, 1u);
    ASSERT_GE(others, 2u);
    EXPECT_EQ(m.scan_json("codequality").size(), secrets + others);
    json secret_report = m.scan_json("gitlab-secrets");
    EXPECT_EQ(secret_report["vulnerabilities"].size(), secrets);
    EXPECT_EQ(secret_report["scan"]["type"], "secret_detection");
    json sast = m.scan_json("gitlab-sast");
    EXPECT_EQ(sast["vulnerabilities"].size(), others);
    EXPECT_EQ(sast["scan"]["type"], "sast");
    ASSERT_TRUE(sast.contains("remediations")) << sast.dump(2);
    auto r = m.repo.vigil({"scan", "--staged", "--format", "rdjsonl"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(lines_of(r.out).size(), secrets + others) << r.out;
    for (const auto& line : lines_of(r.out)) {
        json d = json::parse(line);
        EXPECT_TRUE(d["location"]["path"].is_string());
        EXPECT_TRUE(d["code"]["value"].is_string());
    }
}

TEST(E2eGitlabFormats, IdsSurviveLinesAddedAbove) {
    Mixed m;
    json before = m.scan_json("gitlab-secrets");
    m.repo.write("conf/app.py", "# a comment\n\nx = 1\n" + secret_line(m.key));
    m.repo.git({"add", "-A"});
    json after = m.scan_json("gitlab-secrets");
    ASSERT_EQ(after["vulnerabilities"].size(), before["vulnerabilities"].size());
    EXPECT_EQ(after["vulnerabilities"][0]["id"], before["vulnerabilities"][0]["id"]);
    EXPECT_NE(after["vulnerabilities"][0]["location"]["start_line"],
              before["vulnerabilities"][0]["location"]["start_line"]);
}

} // namespace
} // namespace vigil::test
