// Test support: real git repositories built in temporary folders with the git CLI.
#pragma once

#include "process.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace vigil::test {

// A temporary folder, removed at the end unless the current test failed (kept for a look;
// its path is printed).
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// A repository in a TempDir (its work tree is path(), or the git dir itself when bare), with
// an isolated HOME so the developer's git config never leaks in.
class TempRepo {
public:
    struct Options {
        bool bare = false;
    };
    TempRepo();
    explicit TempRepo(Options opts);

    const std::filesystem::path& path() const { return m_path; }
    const std::filesystem::path& home() const { return m_home; }

    // Writes a file (creating folders), bytes exactly as given.
    void write(const std::string& rel, const std::string& content) const;
    std::string read(const std::string& rel) const;
    void remove(const std::string& rel) const;

    // Runs git in the repository; fails the test when git fails. Returns stdout, trimmed.
    std::string git(const std::vector<std::string>& args) const;
    ProcessResult git_result(const std::vector<std::string>& args, ProcessOptions opts = {}) const;

    // `git add -A` then `git commit -m message`; returns the new commit id.
    std::string commit_all(const std::string& message) const;

    // Runs the vigil binary with cwd = path() and HOME = home().
    ProcessResult vigil(const std::vector<std::string>& args, ProcessOptions opts = {}) const;

    // The environment every git/vigil call here gets (HOME, author, no system config).
    std::vector<std::pair<std::string, std::string>> base_env() const;

private:
    // Runs argv with cwd = path() (unless opts say otherwise) and base_env() added.
    ProcessResult run_here(std::vector<std::string> argv, ProcessOptions opts) const;

    TempDir m_dir;
    std::filesystem::path m_path;
    std::filesystem::path m_home;
};

// Fake but well-formed credentials, built at run time so the test sources hold none.
// Different `variant`s give different secrets.
std::string fake_aws_key(int variant = 0);
std::string fake_github_token(int variant = 0);

} // namespace vigil::test
