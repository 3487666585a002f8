// Default model choice from /api/tags, role resolution, and the cache under concurrent use.
#include "llm_test_helpers.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <thread>
#include <vigil/llm/routing.hpp>

namespace vigil::test {
namespace {

using llm::Role;

TEST(DefaultModels, OneInstalledModelServesEveryRole) {
    auto picked = llm::pick_default_models({{"llama3.2:3b", 0, "3.2B", "llama"}});
    ASSERT_EQ(picked.size(), 4u);
    for (Role r : llm::k_roles) {
        EXPECT_EQ(picked[r], "llama3.2:3b");
    }
}

TEST(DefaultModels, SmallModelTriagesCoderReviewsReasonerVerifies) {
    auto picked = llm::pick_default_models({{"qwen2.5-coder:7b", 0, "7.6B", "qwen2"},
                                            {"nomic-embed-text:latest", 0, "137M", "nomic-bert"},
                                            {"qwen2.5:0.5b", 0, "494M", "qwen2"},
                                            {"deepseek-r1:14b", 0, "14.8B", "qwen2"}});
    EXPECT_EQ(picked[Role::triage], "qwen2.5:0.5b");
    EXPECT_EQ(picked[Role::review], "qwen2.5-coder:7b");
    EXPECT_EQ(picked[Role::explain], "qwen2.5-coder:7b");
    EXPECT_EQ(picked[Role::verify], "deepseek-r1:14b");
    EXPECT_TRUE(llm::pick_default_models({}).empty());
}

TEST(PlanRoutes, PicksFromTheServerAndSaysSo) {
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    llm::LlmSettings s;
    s.endpoints = {endpoint_for(fake)};
    auto backend = llm::make_backend(s.endpoints[0], test_timeouts());
    auto plan = llm::plan_routes(s, {backend.get()});
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->roles.at(Role::review).model, "qwen2.5-coder:7b");
    EXPECT_EQ(plan->roles.at(Role::review).origin, "picked from installed models");
    ASSERT_FALSE(plan->notes.empty());
    EXPECT_NE(plan->notes[0].find("picked from the installed models"), std::string::npos);
}

TEST(PlanRoutes, ConfiguredModelsNeedNoDiscoveryAndUnknownEndpointsAreErrors) {
    llm::LlmSettings s;
    s.endpoints = {{"gpu1", "ollama", "http://127.0.0.1:1", ""}};
    s.model = "m:1";
    s.roles[Role::verify] = {"r:2", {"gpu1"}};
    auto plan = llm::plan_routes(s, {}); // no backend: nothing is asked
    ASSERT_TRUE(plan);
    EXPECT_EQ(plan->roles.at(Role::triage).model, "m:1");
    EXPECT_EQ(plan->roles.at(Role::verify).model, "r:2");
    s.roles[Role::verify].endpoints = {"gpu9"};
    auto bad = llm::plan_routes(s, {});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, util::ErrorKind::config);
    EXPECT_NE(bad.error().message.find("gpu9"), std::string::npos);
}

TEST(PlanRoutes, DefaultEndpointFollowsOllamaHost) {
    setenv("OLLAMA_HOST", "0.0.0.0:7777", 1);
    auto endpoints = llm::effective_endpoints({});
    unsetenv("OLLAMA_HOST");
    ASSERT_EQ(endpoints.size(), 1u);
    EXPECT_EQ(endpoints[0].url, "http://127.0.0.1:7777");
    EXPECT_EQ(llm::effective_endpoints({})[0].url, "http://127.0.0.1:11434");
}

TEST(ResponseCache, KeyDependsOnModelTemplateAndContent) {
    llm::ChatRequest r = review_request();
    std::string base = llm::ResponseCache::key(r);
    EXPECT_EQ(base, llm::ResponseCache::key(review_request()));
    r.model = "other:1b";
    EXPECT_NE(llm::ResponseCache::key(r), base);
    r = review_request();
    r.template_version = "review-2";
    EXPECT_NE(llm::ResponseCache::key(r), base);
    r = review_request();
    r.messages[1].content += " ";
    EXPECT_NE(llm::ResponseCache::key(r), base);
}

TEST(ResponseCache, ConcurrentWritersNeverExposeHalfAFile) {
    TempDir dir;
    llm::ResponseCache cache(dir.path() / "c");
    const std::string key = llm::ResponseCache::key(review_request());
    const std::string a(100000, 'a');
    const std::string b(100000, 'b');
    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                cache.put(key, t % 2 ? a : b);
                auto got = cache.get(key);
                if (got && *got != a && *got != b) {
                    ++bad;
                }
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    EXPECT_EQ(bad.load(), 0);
    auto last = cache.get(key);
    ASSERT_TRUE(last);
    EXPECT_TRUE(*last == a || *last == b);
    // No temporary files are left behind.
    size_t files = 0;
    for (auto& e : std::filesystem::recursive_directory_iterator(dir.path() / "c")) {
        files += e.is_regular_file();
    }
    EXPECT_EQ(files, 1u);
}

TEST(ResponseCache, DefaultDirFollowsXdg) {
    setenv("XDG_CACHE_HOME", "/tmp/xdg-test", 1);
    EXPECT_EQ(llm::ResponseCache::default_dir(), "/tmp/xdg-test/vigil/llm");
    unsetenv("XDG_CACHE_HOME");
}

} // namespace
} // namespace vigil::test
