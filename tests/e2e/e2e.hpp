// Helpers for end-to-end tests: they drive the built vigil binary on real repositories.
#pragma once

#include "support/temp_repo.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::test {

inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

inline bool has_ansi(std::string_view text) {
    return contains(text, "\x1b[");
}

inline size_t line_count(std::string_view text) {
    size_t n = 0;
    for (char c : text) {
        n += c == '\n';
    }
    return n + (!text.empty() && text.back() != '\n');
}

// Findings in a text report: their first lines, the ones not indented (code frames, help and
// suggestions under them are).
inline size_t finding_count(std::string_view text) {
    size_t n = 0;
    bool line_start = true;
    for (char c : text) {
        if (line_start && c != ' ' && c != '\n') {
            ++n;
        }
        line_start = c == '\n';
    }
    return n;
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

// A source line holding `secret` in a string literal: the secret starts at column 12.
inline std::string secret_line(const std::string& secret) {
    return "aws_key = \"" + secret + "\"\n";
}

// What a failed expectation should show about a run.
inline std::string describe(const ProcessResult& r) {
    return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out +
           "--- stderr ---\n" + r.err;
}

// Commits reachable from HEAD (0 on an unborn HEAD).
inline int commit_count(const TempRepo& repo) {
    ProcessResult r = repo.git_result({"rev-list", "--count", "HEAD"});
    return r.exit_code == 0 ? std::stoi(r.out) : 0;
}

// The environment for running vigil in a folder that is not a repository: HOME inside it and
// discovery stopped at its parent, so an enclosing repository cannot be found.
inline std::vector<std::pair<std::string, std::string>>
outside_env(const std::filesystem::path& dir) {
    return {{"HOME", (dir / "home").string()},
            {"GIT_CONFIG_NOSYSTEM", "1"},
            {"GIT_CEILING_DIRECTORIES", dir.parent_path().string()},
            {"LC_ALL", "C"}};
}

// Runs vigil with cwd = dir, outside any repository.
inline ProcessResult vigil_in(const std::filesystem::path& dir, std::vector<std::string> args,
                              std::vector<std::pair<std::string, std::string>> extra_env = {}) {
    std::vector<std::string> argv = {vigil_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions opts;
    opts.cwd = dir.string();
    opts.env = outside_env(dir);
    opts.env.insert(opts.env.end(), extra_env.begin(), extra_env.end());
    return run_process(argv, opts);
}

} // namespace vigil::test
