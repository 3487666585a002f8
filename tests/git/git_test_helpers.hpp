// Helpers for git module tests: open a TempRepo through vigil's git module and read changes.
#pragma once

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>
#include <vigil/git/sources.hpp>

namespace vigil::test {

inline git::Repository open_repo(const TempRepo& repo, bool use_environment = false) {
    auto opened = git::Repository::open({repo.path().string(), use_environment});
    if (!opened) {
        ADD_FAILURE() << "cannot open " << repo.path() << ": " << opened.error().describe();
        std::abort();
    }
    return std::move(*opened);
}

template <class T> T value_or_fail(util::Expected<T> result) {
    if (!result) {
        ADD_FAILURE() << result.error().describe();
        std::abort();
    }
    return std::move(*result);
}

inline core::ChangeSet staged(const TempRepo& repo, git::DiffOptions opts = {}) {
    return value_or_fail(git::read_staged(open_repo(repo), opts));
}

inline core::ChangeSet worktree(const TempRepo& repo, git::DiffOptions opts = {}) {
    return value_or_fail(git::read_worktree(open_repo(repo), opts));
}

// "line:content" for every added line of a file, in order.
inline std::vector<std::string> added_lines(const core::FileChange& f) {
    std::vector<std::string> out;
    for (const auto& h : f.hunks) {
        for (const auto& l : h.lines) {
            if (l.kind == core::LineKind::added) {
                out.push_back(std::to_string(l.new_lineno) + ":" + l.content);
            }
        }
    }
    return out;
}

inline std::vector<std::string> removed_lines(const core::FileChange& f) {
    std::vector<std::string> out;
    for (const auto& h : f.hunks) {
        for (const auto& l : h.lines) {
            if (l.kind == core::LineKind::removed) {
                out.push_back(std::to_string(l.old_lineno) + ":" + l.content);
            }
        }
    }
    return out;
}

inline const core::FileChange* find_file(const core::ChangeSet& cs, const std::string& path) {
    for (const auto& f : cs.files) {
        if (f.path() == path) {
            return &f;
        }
    }
    return nullptr;
}

inline std::string skip_reason(const core::ChangeSet& cs, const std::string& path) {
    for (const auto& s : cs.skipped) {
        if (s.path == path) {
            return s.reason;
        }
    }
    return {};
}

// base (a.txt) <- main (main.txt); base <- topic (topic.txt); main checked out. With merge,
// topic is then merged into main with a merge commit.
inline void make_diverged_branches(const TempRepo& repo, bool merge) {
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "topic"});
    repo.write("topic.txt", "from topic\n");
    repo.commit_all("topic work");
    repo.git({"checkout", "-q", "main"});
    repo.write("main.txt", "from main\n");
    repo.commit_all("main work");
    if (merge) {
        repo.git({"merge", "-q", "--no-ff", "-m", "merge topic", "topic"});
    }
}

} // namespace vigil::test
