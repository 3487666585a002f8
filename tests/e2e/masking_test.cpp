// Secrets are masked in every output by default and shown only with --show-secrets.
#include "e2e.hpp"

#include <fstream>

namespace vigil::test {
namespace {

// A repository whose index and history both hold an AWS key and a GitHub token.
struct RepoWithSecrets {
    RepoWithSecrets() {
        repo.write("aws.py", secret_line(aws));
        repo.write("gh.sh", "export GH_TOKEN=" + gh + "\n");
        repo.commit_all("add secrets");
        repo.write("later.py", "x = \"" + aws2 + "\"\ny = \"" + gh2 + "\"\n");
        repo.git({"add", "later.py"});
    }
    std::vector<std::string> secrets() const { return {aws, gh, aws2, gh2}; }

    TempRepo repo;
    std::string aws = fake_aws_key(0);
    std::string gh = fake_github_token(0);
    std::string aws2 = fake_aws_key(3);
    std::string gh2 = fake_github_token(5);
};

void expect_no_secret(const RepoWithSecrets& s, const ProcessResult& r, std::string_view what) {
    for (const auto& secret : s.secrets()) {
        EXPECT_FALSE(contains(r.out, secret)) << what << ": secret on stdout\n" << describe(r);
        EXPECT_FALSE(contains(r.err, secret)) << what << ": secret on stderr\n" << describe(r);
    }
}

TEST(E2eMasking, EveryFormatMasksEverySecretForEveryTarget) {
    RepoWithSecrets s;
    for (std::vector<std::string> target : {std::vector<std::string>{"--staged"},
                                            {"--commit", "HEAD"},
                                            {"--history"},
                                            {"--history", "--all"},
                                            {"."}}) {
        for (const char* format : {"text", "short", "json", "sarif", "codequality",
                                   "gitlab-secrets", "gitlab-sast", "patch", "rdjsonl"}) {
            std::vector<std::string> args = {"scan", "--format", format};
            args.insert(args.end(), target.begin(), target.end());
            auto r = s.repo.vigil(args);
            std::string what = std::string(format) + " " + target[0];
            EXPECT_EQ(r.exit_code, 1) << what << "\n" << describe(r);
            EXPECT_TRUE(r.out.empty() == (std::string_view(format) == "patch")) << what;
            expect_no_secret(s, r, what);
        }
    }
}

TEST(E2eMasking, TwoSecretsOnOneLineAreBothMasked) {
    // Each finding's JSON "snippet" is the whole line: every secret on it must be masked, not
    // only the finding's own.
    TempRepo repo;
    std::string aws = fake_aws_key(), gh = fake_github_token();
    repo.write("both.py", "x = \"" + aws + "\"  # " + gh + "\n");
    repo.git({"add", "both.py"});
    for (const char* format : {"text", "json"}) {
        auto r = repo.vigil({"scan", "--staged", "--format", format});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_TRUE(contains(r.out, "aws-access-token")) << describe(r);
        EXPECT_TRUE(contains(r.out, "github-pat")) << describe(r);
        for (const auto& secret : {aws, gh}) {
            EXPECT_FALSE(contains(r.out, secret)) << format << "\n" << describe(r);
            EXPECT_FALSE(contains(r.err, secret)) << format << "\n" << describe(r);
        }
    }
}

TEST(E2eMasking, MaskedTextStillShowsAPrefixAndTheRule) {
    RepoWithSecrets s;
    auto r = s.repo.vigil({"scan", "--commit", "HEAD"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "aws.py:1:12:")) << describe(r);
    EXPECT_TRUE(contains(r.out, s.aws.substr(0, 4))) << describe(r);
    EXPECT_TRUE(contains(r.out, "[aws-access-token]")) << describe(r);
    EXPECT_TRUE(contains(r.out, "gh.sh:1:")) << describe(r);
}

TEST(E2eMasking, OutputFileIsMaskedToo) {
    RepoWithSecrets s;
    for (const char* format : {"text", "json"}) {
        auto file = s.repo.home() / (std::string("report.") + format);
        auto r = s.repo.vigil({"scan", "--staged", "--format", format, "--output", file.string()});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        std::ifstream in(file, std::ios::binary);
        std::string written(std::istreambuf_iterator<char>(in), {});
        EXPECT_FALSE(written.empty()) << format;
        for (const auto& secret : s.secrets()) {
            EXPECT_FALSE(contains(written, secret)) << format << ":\n" << written;
        }
    }
}

TEST(E2eMasking, ShowSecretsPrintsThemInFull) {
    RepoWithSecrets s;
    for (const char* format : {"text", "json"}) {
        auto r = s.repo.vigil({"scan", "--commit", "HEAD", "--format", format, "--show-secrets"});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_TRUE(contains(r.out, s.aws)) << format << "\n" << describe(r);
        EXPECT_TRUE(contains(r.out, s.gh)) << format << "\n" << describe(r);
        // Shown on the requested output only, not echoed into diagnostics.
        EXPECT_FALSE(contains(r.err, s.aws)) << describe(r);
    }
}

TEST(E2eMasking, HookOutputIsMasked) {
    RepoWithSecrets s;
    auto hook = s.repo.path() / ".git" / "hooks" / "pre-commit";
    std::filesystem::create_directories(hook.parent_path());
    std::ofstream(hook) << "#!/bin/sh\nexec '" << vigil_binary() << "' scan --staged\n";
    std::filesystem::permissions(hook, std::filesystem::perms::owner_all);
    auto r = s.repo.git_result({"commit", "-m", "try"});
    EXPECT_NE(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "later.py:1:")) << describe(r);
    EXPECT_TRUE(contains(r.err, "later.py:2:")) << describe(r);
    expect_no_secret(s, r, "hook");
}

TEST(E2eMasking, AFixOnALineHoldingASecretIsNotPrinted) {
    // Trailing whitespace after a key: the whitespace fix rewrites the whole line, key and all.
    // A masked patch would not apply, so no format prints that change without --show-secrets.
    TempRepo repo;
    std::string aws = fake_aws_key();
    repo.write("k.py", "aws_key = \"" + aws + "\"   \n");
    repo.git({"add", "k.py"});
    for (const char* format : {"text", "short", "json", "sarif", "codequality", "gitlab-secrets",
                               "gitlab-sast", "patch", "rdjsonl"}) {
        auto r = repo.vigil({"scan", "--staged", "--format", format});
        EXPECT_EQ(r.exit_code, 1) << format << "\n" << describe(r);
        EXPECT_FALSE(contains(r.out, aws)) << format << "\n" << describe(r);
        EXPECT_FALSE(contains(r.err, aws)) << format << "\n" << describe(r);
    }
    auto text = repo.vigil({"scan", "--staged"});
    EXPECT_TRUE(contains(text.out, "not shown: the lines hold a secret")) << describe(text);
    auto patch = repo.vigil({"scan", "--staged", "--format", "patch"});
    EXPECT_EQ(patch.out, "") << describe(patch);
    auto shown = repo.vigil({"scan", "--staged", "--format", "patch", "--show-secrets"});
    EXPECT_TRUE(contains(shown.out, "diff --git a/k.py b/k.py")) << describe(shown);
}

} // namespace
} // namespace vigil::test
