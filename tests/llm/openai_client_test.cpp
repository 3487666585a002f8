// The OpenAI-compatible backend against the fake in OpenAI mode: SSE, the nested
// response_format, the bearer token from the named variable, and the fault modes.
#include "llm_test_helpers.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

using llm::Failure;
using nlohmann::json;

struct OpenAiClient : ::testing::Test {
    FakeOllama fake{FakeOllama::Mode::openai};
    std::unique_ptr<llm::Backend> backend;
    void SetUp() override {
        fake.add_model({.name = "qwen2.5-coder:7b"});
        backend = llm::make_openai_backend(endpoint_for(fake, "openai"), test_timeouts());
    }
    Failure failure_of(Reply reply, const llm::ChatRequest& r = review_request()) {
        fake.script(std::move(reply));
        auto result = backend->chat(r, std::nullopt);
        EXPECT_FALSE(result.has_value());
        return result ? Failure::no_endpoint : result.error().failure;
    }
};

TEST_F(OpenAiClient, StreamsSseAndReadsUsage) {
    fake.script({.content = R"({"findings":[7]})", .eval_count = 9, .chunk_bytes = 2});
    auto reply = backend->chat(review_request(), std::nullopt);
    ASSERT_TRUE(reply) << reply.error().describe();
    EXPECT_EQ(reply->content, R"({"findings":[7]})");
    EXPECT_EQ(reply->done_reason, "stop");
    EXPECT_EQ(reply->usage.output_tokens, 9u);
    json body = json::parse(fake.chat_requests().at(0).body);
    EXPECT_EQ(body["response_format"]["type"], "json_schema");
    EXPECT_EQ(body["response_format"]["json_schema"]["schema"]["required"][0], "findings");
    EXPECT_FALSE(body["response_format"].contains("schema")); // the flat form is ignored by servers
    EXPECT_EQ(body["max_tokens"], 256);
    EXPECT_TRUE(body.contains("temperature"));
    EXPECT_TRUE(body.contains("top_p"));
    EXPECT_EQ(body["stream_options"]["include_usage"], true);
}

TEST_F(OpenAiClient, EachPieceReachesOnText) {
    fake.script({.content = "Check the bound.", .pieces = 3});
    llm::ChatRequest r = review_request();
    r.schema.clear();
    std::string seen;
    int calls = 0;
    r.on_text = [&](std::string_view piece) {
        seen += piece;
        ++calls;
    };
    auto reply = backend->chat(r, std::nullopt);
    ASSERT_TRUE(reply) << reply.error().describe();
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(seen, "Check the bound.");
}

TEST_F(OpenAiClient, BaseUrlWithV1IsAccepted) {
    llm::EndpointConfig e = endpoint_for(fake, "openai");
    e.url += "/v1/";
    auto b = llm::make_openai_backend(e, test_timeouts());
    auto models = b->models();
    ASSERT_TRUE(models) << models.error().describe();
    ASSERT_EQ(models->size(), 1u);
    EXPECT_EQ((*models)[0].name, "qwen2.5-coder:7b");
}

TEST_F(OpenAiClient, FaultsAreClassified) {
    EXPECT_EQ(failure_of({.fault = Fault::not_found}), Failure::model_not_found);
    EXPECT_EQ(failure_of({.fault = Fault::prompt_too_long}), Failure::context_overflow);
    EXPECT_EQ(failure_of({.fault = Fault::bad_request}), Failure::bad_request);
    EXPECT_EQ(failure_of({.fault = Fault::server_error}), Failure::server_error);
    EXPECT_EQ(failure_of({.fault = Fault::error_mid_stream}), Failure::server_error);
    EXPECT_EQ(failure_of({.fault = Fault::length}), Failure::truncated_output);
    EXPECT_EQ(failure_of({.fault = Fault::malformed_json}), Failure::malformed_output);
    EXPECT_EQ(failure_of({.fault = Fault::connection_reset}), Failure::server_error);
    EXPECT_EQ(failure_of({.fault = Fault::dropped_mid_stream}), Failure::server_error);
    EXPECT_EQ(failure_of({.fault = Fault::truncated_prompt}, large_request()),
              Failure::context_overflow);
}

TEST_F(OpenAiClient, SlowFirstTokenAndStalledStreamTimeOut) {
    backend = llm::make_openai_backend(endpoint_for(fake, "openai"), small_timeouts());
    EXPECT_EQ(failure_of({.fault = Fault::slow_first_token, .delay = k_forever}), Failure::timeout);
    EXPECT_EQ(failure_of({.fault = Fault::stalled_stream}), Failure::timeout);
}

TEST_F(OpenAiClient, BearerTokenComesFromTheNamedVariable) {
    fake.require_bearer("s3cret-token");
    llm::EndpointConfig e = endpoint_for(fake, "openai");
    e.api_key_env = "VIGIL_TEST_OPENAI_TOKEN";
    unsetenv("VIGIL_TEST_OPENAI_TOKEN");
    auto b = llm::make_openai_backend(e, test_timeouts());
    auto unset = b->chat(review_request(), std::nullopt);
    ASSERT_FALSE(unset);
    EXPECT_EQ(unset.error().failure, Failure::unauthorized);
    EXPECT_NE(unset.error().message.find("VIGIL_TEST_OPENAI_TOKEN"), std::string::npos);
    EXPECT_TRUE(fake.chat_requests().empty()); // nothing sent without the token

    setenv("VIGIL_TEST_OPENAI_TOKEN", "wrong", 1);
    auto wrong = b->chat(review_request(), std::nullopt);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().failure, Failure::unauthorized);

    setenv("VIGIL_TEST_OPENAI_TOKEN", "s3cret-token", 1);
    auto ok = b->chat(review_request(), std::nullopt);
    unsetenv("VIGIL_TEST_OPENAI_TOKEN");
    ASSERT_TRUE(ok) << ok.error().describe();
    EXPECT_EQ(fake.chat_requests().back().headers["authorization"], "Bearer s3cret-token");
}

} // namespace
} // namespace vigil::test
