// Routing against real fake servers: spreading, failover, endpoints left out for the rest of
// the run, the budget, the cache and the accounting.
#include "llm_test_helpers.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <vigil/llm/routing.hpp>

namespace vigil::test {
namespace {

using llm::Failure;
using llm::Role;

const std::string k_model = "qwen2.5-coder:7b";

llm::EndpointConfig down_endpoint() {
    return {"down", "ollama", "http://127.0.0.1:" + std::to_string(closed_port()), ""};
}

// A router over the given endpoints, every role served by k_model.
std::unique_ptr<llm::Router> router_for(std::vector<llm::EndpointConfig> endpoints,
                                        std::optional<llm::Millis> budget = std::nullopt,
                                        std::unique_ptr<llm::ResponseCache> cache = nullptr) {
    llm::LlmSettings s;
    s.endpoints = std::move(endpoints);
    s.model = k_model;
    std::vector<std::unique_ptr<llm::Backend>> backends;
    std::vector<llm::Backend*> raw;
    for (const auto& e : llm::effective_endpoints(s)) {
        backends.push_back(llm::make_backend(e, test_timeouts()));
        raw.push_back(backends.back().get());
    }
    auto plan = llm::plan_routes(s, raw);
    EXPECT_TRUE(plan);
    return std::make_unique<llm::Router>(std::move(backends), std::move(*plan), budget,
                                         std::move(cache));
}

struct RouterTest : ::testing::Test {
    FakeOllama a;
    FakeOllama b;
    void SetUp() override {
        a.add_model({.name = k_model});
        b.add_model({.name = k_model});
    }
};

TEST_F(RouterTest, SpreadsRequestsOverEndpoints) {
    auto router = router_for({endpoint_for(a), endpoint_for(b)});
    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE(router->chat(Role::review, review_request()));
    }
    EXPECT_EQ(a.chat_requests().size(), 2u);
    EXPECT_EQ(b.chat_requests().size(), 2u);
}

TEST_F(RouterTest, FailsOverAndNeverRetriesAFailedEndpoint) {
    a.script({.fault = Fault::server_error}); // a fails once, then would answer again
    auto router = router_for({endpoint_for(a), endpoint_for(b)});
    for (int i = 0; i < 4; ++i) {
        auto reply = router->chat(Role::review, review_request());
        ASSERT_TRUE(reply) << reply.error().describe();
    }
    EXPECT_EQ(a.chat_requests().size(), 1u);
    EXPECT_EQ(b.chat_requests().size(), 4u);
    auto failed = router->failed_endpoints();
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_NE(failed[0].second.find("server error"), std::string::npos);
}

TEST_F(RouterTest, UnreachableEndpointIsSkippedAfterOneTry) {
    auto router = router_for({down_endpoint(), endpoint_for(b)});
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(router->chat(Role::triage, review_request()));
    }
    EXPECT_EQ(b.chat_requests().size(), 3u);
    ASSERT_EQ(router->failed_endpoints().size(), 1u);
    EXPECT_EQ(router->failed_endpoints()[0].first, "down");
}

TEST_F(RouterTest, AllEndpointsDownIsReportedWithoutHanging) {
    auto router = router_for({down_endpoint()});
    auto first = router->chat(Role::review, review_request());
    ASSERT_FALSE(first);
    EXPECT_EQ(first.error().failure, Failure::unreachable);
    auto second = router->chat(Role::review, review_request());
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().failure, Failure::no_endpoint);
}

TEST_F(RouterTest, EndpointWithoutTheModelIsSkippedForThatModelOnly) {
    FakeOllama bare; // has no models
    auto router = router_for({endpoint_for(bare), endpoint_for(b)});
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(router->chat(Role::review, review_request()));
    }
    EXPECT_EQ(b.chat_requests().size(), 3u);
    EXPECT_TRUE(router->failed_endpoints().empty()); // not down, just without the model
}

TEST_F(RouterTest, RequestSpecificFailuresDoNotFailOver) {
    a.script({.fault = Fault::malformed_json});
    auto router = router_for({endpoint_for(a), endpoint_for(b)});
    auto reply = router->chat(Role::review, review_request());
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().failure, Failure::malformed_output);
    EXPECT_TRUE(b.chat_requests().empty());
    EXPECT_TRUE(router->failed_endpoints().empty());
}

TEST_F(RouterTest, ExhaustedBudgetSendsNothing) {
    auto router = router_for({endpoint_for(a)}, llm::Millis(0));
    auto reply = router->chat(Role::review, review_request());
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().failure, Failure::budget_exhausted);
    EXPECT_TRUE(a.chat_requests().empty());
}

TEST_F(RouterTest, BudgetEndsASlowRequestWithoutBlamingTheEndpoint) {
    a.script({.fault = Fault::slow_first_token, .delay = k_forever});
    llm::LlmSettings s;
    s.endpoints = {endpoint_for(a)};
    s.model = k_model;
    llm::Timeouts t = test_timeouts();
    t.first_token = llm::Millis(600000);
    std::vector<std::unique_ptr<llm::Backend>> backends;
    backends.push_back(llm::make_backend(s.endpoints[0], t));
    ASSERT_TRUE(backends[0]->show(k_model)); // context length known before the clock starts
    auto plan = llm::plan_routes(s, {backends[0].get()});
    ASSERT_TRUE(plan);
    llm::Router router(std::move(backends), *plan, llm::Millis(300), nullptr);
    auto reply = router.chat(Role::review, review_request());
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().failure, Failure::budget_exhausted);
    EXPECT_TRUE(router.failed_endpoints().empty());
}

TEST_F(RouterTest, CacheAnswersUnchangedRequestsAndAccountsForThem) {
    TempDir dir;
    auto router = router_for({endpoint_for(a)}, std::nullopt,
                             std::make_unique<llm::ResponseCache>(dir.path() / "cache"));
    a.script({.content = R"({"findings":["x"]})", .eval_count = 5});
    auto first = router->chat(Role::review, review_request());
    ASSERT_TRUE(first);
    auto second = router->chat(Role::review, review_request());
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->from_cache);
    EXPECT_EQ(second->content, R"({"findings":["x"]})");
    EXPECT_EQ(a.chat_requests().size(), 1u);

    std::string streamed;
    llm::ChatRequest watched = review_request();
    watched.on_text = [&](std::string_view piece) { streamed += piece; };
    ASSERT_TRUE(router->chat(Role::review, watched)); // a cached answer reaches on_text whole
    EXPECT_EQ(streamed, R"({"findings":["x"]})");

    llm::ChatRequest newer = review_request();
    newer.template_version = "review-2"; // a new prompt template misses the cache
    ASSERT_TRUE(router->chat(Role::review, newer));
    EXPECT_EQ(a.chat_requests().size(), 2u);

    auto rows = router->accounting().rows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].role, Role::review);
    EXPECT_EQ(rows[0].model, k_model);
    EXPECT_EQ(rows[0].requests, 2u);
    EXPECT_EQ(rows[0].cache_hits, 2u);
    EXPECT_EQ(rows[0].output_tokens, 12u); // 5 + the default 7
    EXPECT_NE(router->accounting().to_json().find(R"("cache_hits":2)"), std::string::npos);
}

TEST_F(RouterTest, FailedAnswersAreNotCached) {
    TempDir dir;
    auto router = router_for({endpoint_for(a)}, std::nullopt,
                             std::make_unique<llm::ResponseCache>(dir.path() / "cache"));
    a.script({.fault = Fault::length});
    EXPECT_FALSE(router->chat(Role::review, review_request()));
    EXPECT_TRUE(router->chat(Role::review, review_request()));
    EXPECT_EQ(a.chat_requests().size(), 2u);
}

} // namespace
} // namespace vigil::test

namespace vigil::test {
namespace {

TEST_F(RouterTest, BusyEndpointIsAskedAgainBeforeFailingOver) {
    a.script({.fault = Fault::queue_full});
    auto router = router_for({endpoint_for(a), endpoint_for(b)});
    auto reply = router->chat(Role::review, review_request());
    ASSERT_TRUE(reply) << reply.error().describe();
    EXPECT_EQ(reply->endpoint, endpoint_for(a).name);
    EXPECT_EQ(a.chat_requests().size(), 2u);
    EXPECT_TRUE(b.chat_requests().empty());
    EXPECT_TRUE(router->failed_endpoints().empty());
}

TEST_F(RouterTest, EndpointBusyEveryTimeIsLeftOut) {
    for (int i = 0; i <= llm::k_busy_retries; ++i) {
        a.script({.fault = Fault::queue_full});
    }
    auto router = router_for({endpoint_for(a), endpoint_for(b)});
    auto reply = router->chat(Role::review, review_request());
    ASSERT_TRUE(reply) << reply.error().describe();
    EXPECT_EQ(a.chat_requests().size(), static_cast<size_t>(1 + llm::k_busy_retries));
    EXPECT_EQ(b.chat_requests().size(), 1u);
    ASSERT_EQ(router->failed_endpoints().size(), 1u);
}

} // namespace
} // namespace vigil::test
