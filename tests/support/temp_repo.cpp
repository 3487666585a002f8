#include "temp_repo.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>

namespace vigil::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "vigil-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
        throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
}

TempDir::~TempDir() {
    if (::testing::Test::HasFailure()) {
        std::cerr << "kept temporary folder of the failed test: " << m_path << '\n';
        return;
    }
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

TempRepo::TempRepo() : TempRepo(Options{}) {}

TempRepo::TempRepo(Options opts) {
    m_home = m_dir.path() / "home";
    m_path = m_dir.path() / (opts.bare ? "repo.git" : "repo");
    fs::create_directories(m_home);
    fs::create_directories(m_path);
    std::vector<std::string> args = {"init", "-q", "-b", "main"};
    if (opts.bare) {
        args.push_back("--bare");
    }
    git(args);
}

std::vector<std::pair<std::string, std::string>> TempRepo::base_env() const {
    return {{"HOME", m_home.string()},
            {"GIT_CONFIG_NOSYSTEM", "1"},
            {"GIT_AUTHOR_NAME", "Test Author"},
            {"GIT_AUTHOR_EMAIL", "author@example.com"},
            {"GIT_COMMITTER_NAME", "Test Author"},
            {"GIT_COMMITTER_EMAIL", "author@example.com"},
            {"LC_ALL", "C"}};
}

void TempRepo::write(const std::string& rel, const std::string& content) const {
    fs::path p = m_path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
}

std::string TempRepo::read(const std::string& rel) const {
    std::ifstream in(m_path / rel, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void TempRepo::remove(const std::string& rel) const {
    fs::remove_all(m_path / rel);
}

ProcessResult TempRepo::run_here(std::vector<std::string> argv, ProcessOptions opts) const {
    if (opts.cwd.empty()) {
        opts.cwd = m_path.string();
    }
    auto env = base_env();
    env.insert(env.end(), opts.env.begin(), opts.env.end());
    opts.env = env;
    return run_process(argv, opts);
}

std::string TempRepo::git(const std::vector<std::string>& args) const {
    ProcessResult r = git_result(args);
    std::string joined;
    for (const auto& a : args) {
        joined += " " + a;
    }
    EXPECT_EQ(r.exit_code, 0) << "git" << joined << " failed:\n" << r.err;
    while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == '\r')) {
        r.out.pop_back();
    }
    return r.out;
}

std::string TempRepo::commit_all(const std::string& message) const {
    git({"add", "-A"});
    git({"commit", "-q", "--allow-empty", "-m", message});
    return git({"rev-parse", "HEAD"});
}

ProcessResult TempRepo::git_result(const std::vector<std::string>& args,
                                   ProcessOptions opts) const {
    std::vector<std::string> argv = {"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_here(std::move(argv), std::move(opts));
}

ProcessResult TempRepo::vigil(const std::vector<std::string>& args, ProcessOptions opts) const {
    std::vector<std::string> argv = {vigil_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_here(std::move(argv), std::move(opts));
}

std::string fake_aws_key(int variant) {
    // [A-Z2-7]{16} after the prefix; rotating a fixed high-entropy body gives distinct keys.
    std::string body = "Z4MQ2TRX7VPLKW5N";
    std::rotate(body.begin(), body.begin() + (variant % 16), body.end());
    return std::string("AK") + "IA" + body;
}

std::string fake_github_token(int variant) {
    std::string body = "q8Xv2LmN4pR7sT1uW3yZ5aB6cD9eF0gH2jK4";
    std::rotate(body.begin(), body.begin() + (variant % 36), body.end());
    return std::string("gh") + "p_" + body;
}

} // namespace vigil::test
