// Helpers for review tests: a staged change in a real repository, read as vigil reads it.
#pragma once

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <vigil/core/change.hpp>
#include <vigil/git/repository.hpp>
#include <vigil/git/sources.hpp>
#include <vigil/rules/rule_set.hpp>

namespace vigil::test {

// Commits `before` (path -> text), stages `after`, and returns the staged ChangeSet.
inline core::ChangeSet
staged_change(TempRepo& repo, const std::vector<std::pair<std::string, std::string>>& before,
              const std::vector<std::pair<std::string, std::string>>& after) {
    repo.write("README.md", "base\n");
    for (const auto& [path, text] : before) {
        repo.write(path, text);
    }
    repo.commit_all("before");
    for (const auto& [path, text] : after) {
        repo.write(path, text);
    }
    repo.git({"add", "-A"});
    auto opened = git::Repository::open({repo.path().string(), false});
    EXPECT_TRUE(opened);
    auto cs = git::read_staged(*opened, {});
    EXPECT_TRUE(cs);
    return cs ? *cs : core::ChangeSet{};
}

inline const rules::RuleSet& default_rules() {
    static rules::RuleSet rules = [] {
        auto loaded = rules::RuleSet::defaults();
        EXPECT_TRUE(loaded);
        return std::move(*loaded);
    }();
    return rules;
}

} // namespace vigil::test
