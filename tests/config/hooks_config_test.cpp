// The git hooks' [hooks] settings from the user's file.
#include "support/temp_repo.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <vigil/config/hooks_config.hpp>

namespace vigil::test {
namespace {

std::string write(const TempDir& dir, const std::string& text) {
    auto path = dir.path() / "config.toml";
    std::ofstream(path) << text;
    return path.string();
}

TEST(HooksConfig, DefaultsWithoutAFileOrATable) {
    TempDir dir;
    auto none = config::load_hook_settings((dir.path() / "missing.toml").string());
    ASSERT_TRUE(none) << none.error().message;
    EXPECT_FALSE(none->review_on_commit);
    EXPECT_TRUE(none->review_on_push);
    EXPECT_EQ(none->commit_budget, llm::Millis(10000));
    EXPECT_EQ(none->push_budget, llm::Millis(60000));
    auto other = config::load_hook_settings(write(dir, "[llm]\nmodel = \"m\"\n"));
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_FALSE(other->review_on_commit);
}

TEST(HooksConfig, ReadsEveryKey) {
    TempDir dir;
    auto s = config::load_hook_settings(write(dir, "[hooks]\nreview_on_commit = true\n"
                                                   "commit_budget = \"2s\"\n"
                                                   "review_on_push = false\npush_budget = 90\n"));
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_TRUE(s->review_on_commit);
    EXPECT_FALSE(s->review_on_push);
    EXPECT_EQ(s->commit_budget, llm::Millis(2000));
    EXPECT_EQ(s->push_budget, llm::Millis(90000));
}

TEST(HooksConfig, BadValuesAndUnknownKeysNameTheLine) {
    TempDir dir;
    auto unknown = config::load_hook_settings(write(dir, "[hooks]\n\nreview = true\n"));
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("config.toml:3: unknown key 'review' in [hooks]"),
              std::string::npos)
        << unknown.error().message;
    auto flag = config::load_hook_settings(write(dir, "[hooks]\nreview_on_push = \"no\"\n"));
    ASSERT_FALSE(flag);
    EXPECT_NE(flag.error().message.find("hooks.review_on_push must be true or false"),
              std::string::npos);
    auto budget = config::load_hook_settings(write(dir, "[hooks]\npush_budget = \"soon\"\n"));
    ASSERT_FALSE(budget);
    EXPECT_NE(budget.error().message.find("hooks.push_budget"), std::string::npos);
    EXPECT_EQ(budget.error().kind, util::ErrorKind::config);
}

} // namespace
} // namespace vigil::test
