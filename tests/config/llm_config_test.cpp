// Model settings from the user's file, the environment and flags.
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <vigil/config/llm_config.hpp>

namespace vigil::test {
namespace {

using llm::Role;

std::string write(const TempDir& dir, const std::string& text) {
    auto path = dir.path() / "config.toml";
    std::ofstream(path) << text;
    return path.string();
}

TEST(LlmConfig, ReadsEndpointsRolesTimeoutsAndBudget) {
    TempDir dir;
    std::string file = write(dir, R"(
[rules]
unrelated = true

[llm]
model = "qwen2.5-coder:7b"
budget = "5m"
cache = false

[llm.timeouts]
connect = "250ms"
first_token = 90
idle = "30s"
total = "1h"

[[llm.endpoints]]
name = "gpu1"
url = "http://gpu1:11434"

[[llm.endpoints]]
name = "vllm"
kind = "openai"
url = "http://vllm:8000/v1"
api_key_env = "VLLM_TOKEN"

[llm.roles.verify]
model = "deepseek-r1:14b"
endpoints = ["vllm"]
)");
    auto s = config::load_llm_settings({.user_file = file});
    ASSERT_TRUE(s) << s.error().describe();
    EXPECT_EQ(s->model, "qwen2.5-coder:7b");
    EXPECT_EQ(s->budget, llm::Millis(300000));
    EXPECT_FALSE(s->cache);
    EXPECT_EQ(s->timeouts.connect, llm::Millis(250));
    EXPECT_EQ(s->timeouts.first_token, llm::Millis(90000));
    EXPECT_EQ(s->timeouts.total, llm::Millis(3600000));
    ASSERT_EQ(s->endpoints.size(), 2u);
    EXPECT_EQ(s->endpoints[1].kind, "openai");
    EXPECT_EQ(s->endpoints[1].api_key_env, "VLLM_TOKEN");
    EXPECT_EQ(s->roles.at(Role::verify).model, "deepseek-r1:14b");
    EXPECT_EQ(s->roles.at(Role::verify).endpoints, std::vector<std::string>{"vllm"});
    EXPECT_EQ(s->sources.at(0), file);
}

TEST(LlmConfig, EveryProblemIsNamedWithItsLine) {
    TempDir dir;
    std::string file = write(dir, R"([llm]
modle = "x"
budget = "soon"

[[llm.endpoints]]
kind = "grpc"

[llm.roles.judge]
model = "m"
)");
    auto s = config::load_llm_settings({.user_file = file});
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().kind, util::ErrorKind::config);
    const std::string& m = s.error().message;
    EXPECT_NE(m.find(file + ":2: unknown key 'modle'"), std::string::npos) << m;
    EXPECT_NE(m.find(file + ":3: llm.budget"), std::string::npos) << m;
    EXPECT_NE(m.find("kind must be \"ollama\" or \"openai\""), std::string::npos) << m;
    EXPECT_NE(m.find("an endpoint needs a url"), std::string::npos) << m;
    EXPECT_NE(m.find("unknown role 'judge'"), std::string::npos) << m;
}

TEST(LlmConfig, FlagsOverrideEnvironmentOverridesFile) {
    TempDir dir;
    std::string file = write(dir, "[llm]\nmodel = \"from-file\"\n");
    setenv("VIGIL_MODEL", "from-env", 1);
    auto env = config::load_llm_settings({.user_file = file});
    auto flag = config::load_llm_settings(
        {.user_file = file, .model = "from-flag", .endpoints = {"http://h:1"}, .budget = "90s"});
    unsetenv("VIGIL_MODEL");
    ASSERT_TRUE(env);
    ASSERT_TRUE(flag);
    EXPECT_EQ(env->model, "from-env");
    EXPECT_EQ(flag->model, "from-flag");
    ASSERT_EQ(flag->endpoints.size(), 1u);
    EXPECT_EQ(flag->endpoints[0].url, "http://h:1");
    EXPECT_EQ(flag->budget, llm::Millis(90000));
}

TEST(LlmConfig, DefaultFileIsUnderXdgConfigHomeAndMayBeAbsent) {
    TempDir dir;
    setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1);
    EXPECT_EQ(config::default_user_config_file(), dir.path() / "vigil" / "config.toml");
    auto none = config::load_llm_settings({});
    std::filesystem::create_directories(dir.path() / "vigil");
    std::ofstream(dir.path() / "vigil" / "config.toml") << "[llm]\nmodel = \"m:1\"\n";
    auto some = config::load_llm_settings({});
    unsetenv("XDG_CONFIG_HOME");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->sources.empty());
    ASSERT_TRUE(some);
    EXPECT_EQ(some->model, "m:1");
}

TEST(LlmConfig, NamedFileMustExistAndBadBudgetIsUsageError) {
    auto missing = config::load_llm_settings({.user_file = "/nonexistent/vigil.toml"});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, util::ErrorKind::config);
    auto bad = config::load_llm_settings({.user_file = "", .budget = "10 minutes"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, util::ErrorKind::usage);
}

TEST(Durations, Units) {
    EXPECT_EQ(*config::parse_duration("250ms"), llm::Millis(250));
    EXPECT_EQ(*config::parse_duration("3s"), llm::Millis(3000));
    EXPECT_EQ(*config::parse_duration("2"), llm::Millis(2000));
    EXPECT_EQ(*config::parse_duration("5m"), llm::Millis(300000));
    EXPECT_FALSE(config::parse_duration("5 m"));
    EXPECT_FALSE(config::parse_duration("-1s"));
    EXPECT_FALSE(config::parse_duration("fast"));
}

} // namespace
} // namespace vigil::test
