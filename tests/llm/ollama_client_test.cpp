// The Ollama backend against the fake server: the normal exchange, what it sends, and every
// fault mode classified in words, each ended by the client's own small timeouts at worst.
#include "llm_test_helpers.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

using llm::Failure;
using nlohmann::json;

struct OllamaClient : ::testing::Test {
    FakeOllama fake;
    std::unique_ptr<llm::Backend> backend;
    std::unique_ptr<llm::Backend> quick; // small first-token and stall timeouts
    void SetUp() override {
        fake.add_model({.name = "qwen2.5-coder:7b", .context_length = 32768});
        backend = llm::make_ollama_backend(endpoint_for(fake), test_timeouts());
        quick = llm::make_ollama_backend(endpoint_for(fake), small_timeouts());
    }
    llm::Result<llm::ChatReply> chat(const llm::ChatRequest& r = review_request()) {
        return backend->chat(r, std::nullopt);
    }
    Failure failure_of(Reply reply, const llm::ChatRequest& r = review_request()) {
        fake.script(std::move(reply));
        auto result = chat(r);
        EXPECT_FALSE(result.has_value());
        return result ? Failure::no_endpoint : result.error().failure;
    }
};

TEST_F(OllamaClient, StreamsAnAnswerAndCountsTokens) {
    fake.script({.content = R"({"findings":[{"line":3}]})", .eval_count = 11, .chunk_bytes = 1});
    auto reply = chat();
    ASSERT_TRUE(reply) << reply.error().describe();
    EXPECT_EQ(reply->content, R"({"findings":[{"line":3}]})");
    EXPECT_EQ(reply->done_reason, "stop");
    EXPECT_EQ(reply->usage.output_tokens, 11u);
    EXPECT_GT(reply->usage.prompt_tokens, 0u);
}

TEST_F(OllamaClient, EachPieceReachesOnTextAsItArrives) {
    fake.script({.content = "The loop never ends.", .pieces = 4});
    llm::ChatRequest r = review_request();
    r.schema.clear(); // prose, as `vigil explain` asks for
    std::vector<std::string> pieces;
    r.on_text = [&](std::string_view piece) { pieces.emplace_back(piece); };
    auto reply = chat(r);
    ASSERT_TRUE(reply) << reply.error().describe();
    EXPECT_EQ(pieces.size(), 4u);
    std::string joined;
    for (const auto& p : pieces) {
        joined += p;
    }
    EXPECT_EQ(joined, "The loop never ends.");
    EXPECT_EQ(reply->content, joined);
}

TEST_F(OllamaClient, RepliesChosenByWhatTheRequestSays) {
    fake.reply_when("triage these hunks", {.content = R"({"findings":["triaged"]})"});
    fake.script({.content = R"({"findings":["queued"]})"});
    llm::ChatRequest triage = review_request();
    triage.messages.push_back({"user", "please triage these hunks"});
    auto first = chat(triage);
    ASSERT_TRUE(first) << first.error().describe();
    EXPECT_EQ(first->content, R"({"findings":["triaged"]})");
    auto second = chat(); // no needle: the queue still answers
    ASSERT_TRUE(second) << second.error().describe();
    EXPECT_EQ(second->content, R"({"findings":["queued"]})");
}

TEST_F(OllamaClient, SendsTheOptionsItDependsOn) {
    ASSERT_TRUE(chat());
    auto sent = fake.chat_requests();
    ASSERT_EQ(sent.size(), 1u);
    json body = json::parse(sent[0].body);
    EXPECT_EQ(body["stream"], true);
    EXPECT_EQ(body["think"], false);
    EXPECT_EQ(body["keep_alive"], "5m");
    EXPECT_EQ(body["format"]["required"][0], "findings"); // the schema, as an object
    EXPECT_EQ(body["options"]["num_predict"], 256);
    EXPECT_EQ(body["options"]["seed"], 42);
    EXPECT_TRUE(body["options"].contains("temperature"));
    int num_ctx = body["options"]["num_ctx"];
    EXPECT_GE(num_ctx, 2048);
    EXPECT_LE(num_ctx, 32768);
    // /api/show is asked once for the context length, not on every call.
    ASSERT_TRUE(chat());
    size_t shows = 0;
    for (const auto& r : fake.requests()) {
        shows += r.path == "/api/show";
    }
    EXPECT_EQ(shows, 1u);
}

TEST_F(OllamaClient, NumCtxGrowsWithThePromptWithinTheModelsContext) {
    llm::ChatRequest big = large_request();
    big.messages[1].content = std::string(30000, 'y');
    ASSERT_TRUE(chat(big));
    json body = json::parse(fake.chat_requests().back().body);
    int num_ctx = body["options"]["num_ctx"];
    EXPECT_GE(num_ctx, 20000); // 2 x (30000 bytes / 3) rounded up
    EXPECT_LE(num_ctx, 32768);
}

TEST_F(OllamaClient, PromptLargerThanTheModelIsRefusedBeforeSending) {
    fake.add_model({.name = "tiny:1b", .context_length = 2048});
    llm::ChatRequest r = large_request("tiny:1b");
    r.messages[1].content = std::string(20000, 'z');
    auto result = chat(r);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().failure, Failure::context_overflow);
    EXPECT_TRUE(fake.chat_requests().empty());
}

TEST_F(OllamaClient, UnknownModelSaysHowToPullIt) {
    auto result = chat(review_request("llama9:70b"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().failure, Failure::model_not_found);
    EXPECT_NE(result.error().hint.find("ollama pull llama9:70b"), std::string::npos);
    EXPECT_EQ(failure_of({.fault = Fault::not_found_pull}), Failure::model_not_found);
}

TEST_F(OllamaClient, StatusErrorsAreClassified) {
    EXPECT_EQ(failure_of({.fault = Fault::bad_request}), Failure::bad_request);
    EXPECT_EQ(failure_of({.fault = Fault::prompt_too_long}), Failure::context_overflow);
    EXPECT_EQ(failure_of({.fault = Fault::server_error}), Failure::server_error);
    EXPECT_EQ(failure_of({.fault = Fault::queue_full}), Failure::server_error);
}

TEST_F(OllamaClient, SlowFirstTokenTimesOut) {
    ASSERT_TRUE(quick->show("qwen2.5-coder:7b"));
    fake.script({.fault = Fault::slow_first_token, .delay = k_forever});
    auto result = quick->chat(review_request(), std::nullopt);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().failure, Failure::timeout);
    EXPECT_NE(result.error().message.find("no answer within"), std::string::npos);
}

TEST_F(OllamaClient, SlowFirstTokenWithinTheLimitIsFine) {
    fake.script({.fault = Fault::slow_first_token, .delay = std::chrono::milliseconds(1)});
    EXPECT_TRUE(chat());
}

TEST_F(OllamaClient, StalledStreamTimesOut) {
    fake.script({.fault = Fault::stalled_stream});
    auto result = quick->chat(review_request(), std::nullopt);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().failure, Failure::timeout);
    EXPECT_NE(result.error().message.find("stalled"), std::string::npos);
}

TEST_F(OllamaClient, ErrorLineAfterA200IsAServerError) {
    fake.script({.fault = Fault::error_mid_stream});
    auto result = chat();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().failure, Failure::server_error);
    EXPECT_NE(result.error().message.find("an error was encountered while running the model"),
              std::string::npos);
}

TEST_F(OllamaClient, DoneReasonLengthIsTruncatedOutput) {
    EXPECT_EQ(failure_of({.fault = Fault::length}), Failure::truncated_output);
}

TEST_F(OllamaClient, PromptCountFarBelowTheEstimateIsATruncatedPrompt) {
    EXPECT_EQ(failure_of({.fault = Fault::truncated_prompt}, large_request()),
              Failure::context_overflow);
    fake.script({});
    EXPECT_TRUE(chat(large_request())); // the same prompt counted in full is accepted
}

TEST_F(OllamaClient, MalformedJsonIsMalformedOutput) {
    EXPECT_EQ(failure_of({.fault = Fault::malformed_json}), Failure::malformed_output);
    fake.script({.content = R"({"verdict":"ok"})"}); // JSON, but without the required key
    auto result = chat();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().failure, Failure::malformed_output);
}

TEST_F(OllamaClient, FencedJsonIsRepaired) {
    fake.script({.content = R"({"findings":[]})", .fault = Fault::fenced_json});
    auto reply = chat();
    ASSERT_TRUE(reply) << reply.error().describe();
    EXPECT_EQ(reply->content, R"({"findings":[]})");
}

TEST_F(OllamaClient, ConnectionClosedEarlyIsAServerError) {
    EXPECT_EQ(failure_of({.fault = Fault::connection_reset}), Failure::server_error);
    EXPECT_EQ(failure_of({.fault = Fault::dropped_mid_stream}), Failure::server_error);
}

TEST_F(OllamaClient, NonStreamingShapesAreNotNeededButDiscoveryWorks) {
    auto version = backend->version();
    ASSERT_TRUE(version);
    EXPECT_EQ(*version, "0.33.0");
    auto models = backend->models();
    ASSERT_TRUE(models);
    ASSERT_EQ(models->size(), 1u);
    EXPECT_EQ((*models)[0].name, "qwen2.5-coder:7b");
    EXPECT_EQ((*models)[0].parameter_size, "7.6B");
    auto details = backend->show("qwen2.5-coder:7b");
    ASSERT_TRUE(details);
    EXPECT_EQ(details->context_length, 32768);
    auto missing = backend->show("nope");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().failure, Failure::model_not_found);
}

TEST(OllamaUnreachable, RefusedConnectionIsUnreachable) {
    llm::EndpointConfig e{"down", "ollama", "http://127.0.0.1:" + std::to_string(closed_port()),
                          ""};
    auto backend = llm::make_ollama_backend(e, test_timeouts());
    auto result = backend->chat(review_request(), std::nullopt);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().failure, Failure::unreachable);
    EXPECT_NE(result.error().hint.find("ollama serve"), std::string::npos);
}

TEST(OllamaProxy, LoopbackIsNeverSentThroughAProxy) {
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    // A proxy that refuses every connection: a request sent through it would fail.
    std::string proxy = "http://127.0.0.1:" + std::to_string(closed_port());
    setenv("http_proxy", proxy.c_str(), 1);
    setenv("HTTP_PROXY", proxy.c_str(), 1);
    auto backend = llm::make_ollama_backend(endpoint_for(fake), test_timeouts());
    auto reply = backend->chat(review_request(), std::nullopt);
    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    EXPECT_TRUE(reply) << reply.error().describe();
}

TEST(OllamaDeadline, TheRunsDeadlineEndsARequest) {
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    fake.script({.fault = Fault::slow_first_token, .delay = k_forever});
    llm::Timeouts t = test_timeouts();
    t.first_token = llm::Millis(600000); // only the deadline can end it
    auto backend = llm::make_ollama_backend(endpoint_for(fake), t);
    ASSERT_TRUE(backend->show("qwen2.5-coder:7b"));
    auto result = backend->chat(review_request(), llm::Clock::now() + llm::Millis(200));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().failure, Failure::timeout);
}

} // namespace
} // namespace vigil::test

namespace vigil::test {
namespace {

TEST(OllamaThinking, ThinkingChunksBeforeTheContentAreNotPartOfTheAnswer) {
    FakeOllama fake;
    fake.add_model({.name = "qwen3:8b", .capabilities = {"completion", "thinking"}});
    fake.script({.content = R"({"findings":[]})", .thinking = R"(Maybe {"findings":[1]} fits?)"});
    auto backend = llm::make_ollama_backend(endpoint_for(fake), test_timeouts());
    auto reply = backend->chat(review_request("qwen3:8b"), std::nullopt);
    ASSERT_TRUE(reply) << reply.error().describe();
    EXPECT_EQ(reply->content, R"({"findings":[]})");
}

} // namespace
} // namespace vigil::test

namespace vigil::test {
namespace {

TEST(OllamaBytes, CodeThatIsNotUtf8IsSentWithReplacementCharacters) {
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    auto backend = llm::make_ollama_backend(endpoint_for(fake), test_timeouts());
    llm::ChatRequest r = review_request();
    r.messages[1].content = "char* s = \"caf\xe9\";"; // Latin-1
    auto reply = backend->chat(r, std::nullopt);
    ASSERT_TRUE(reply) << reply.error().describe();
    json sent = json::parse(fake.chat_requests().at(0).body);
    EXPECT_EQ(sent["messages"][1]["content"], "char* s = \"caf\xef\xbf\xbd\";");
}

TEST(OllamaBytes, LargePromptsAreSentWithoutWaitingFor100Continue) {
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b", .context_length = 1000000});
    auto backend = llm::make_ollama_backend(endpoint_for(fake), test_timeouts());
    llm::ChatRequest r = review_request();
    r.messages[1].content = std::string(2 * 1024 * 1024, 'a');
    ASSERT_TRUE(backend->chat(r, std::nullopt));
    EXPECT_EQ(fake.chat_requests().at(0).headers.count("expect"), 0u);
}

} // namespace
} // namespace vigil::test
