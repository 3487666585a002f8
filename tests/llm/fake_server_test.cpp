// The fake Ollama server itself, checked byte-for-byte through an independent client
// (cpp-httplib) against the documented protocol, so llm tests rest on a faithful fake.
#include "support/fake_ollama.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace vigil::test {
namespace {

using nlohmann::json;

std::vector<std::string> lines(const std::string& body) {
    std::vector<std::string> out;
    std::istringstream in(body);
    for (std::string l; std::getline(in, l);) {
        out.push_back(l);
    }
    return out;
}

std::string chat_body(const std::string& model, bool stream) {
    return json{{"model", model},
                {"messages", json::array({json{{"role", "user"}, {"content", "review this"}}})},
                {"stream", stream}}
        .dump();
}

TEST(FakeServer, DiscoveryRoutes) {
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b", .context_length = 32768});
    httplib::Client cli("127.0.0.1", fake.port());
    auto root = cli.Get("/");
    ASSERT_TRUE(root);
    EXPECT_EQ(root->body, "Ollama is running");
    auto version = cli.Get("/api/version");
    ASSERT_TRUE(version);
    EXPECT_EQ(version->body, R"({"version":"0.33.0"})");
    auto tags = cli.Get("/api/tags");
    ASSERT_TRUE(tags);
    EXPECT_EQ(json::parse(tags->body)["models"][0]["name"], "qwen2.5-coder:7b");
    auto show = cli.Post("/api/show", R"({"model":"qwen2.5-coder:7b"})", "application/json");
    ASSERT_TRUE(show);
    json info = json::parse(show->body)["model_info"];
    EXPECT_EQ(info["general.architecture"], "qwen2");
    EXPECT_EQ(info["qwen2.context_length"], 32768);
    auto missing = cli.Post("/api/show", R"({"model":"nope"})", "application/json");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(missing->body, R"({"error":"model 'nope' not found"})");
}

TEST(FakeServer, StreamsNdjsonWithMetricsOnlyOnTheFinalLine) {
    FakeOllama fake;
    fake.add_model({.name = "m:latest"});
    fake.script({.content = R"({"findings":[1,2]})", .pieces = 4});
    httplib::Client cli("127.0.0.1", fake.port());
    auto res = cli.Post("/api/chat", chat_body("m", true), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/x-ndjson");
    ASSERT_EQ(res->body.back(), '\n');
    auto ls = lines(res->body);
    ASSERT_GE(ls.size(), 2u);
    std::string content;
    for (size_t i = 0; i < ls.size(); ++i) {
        json j = json::parse(ls[i]);
        content += j["message"]["content"].get<std::string>();
        bool last = i + 1 == ls.size();
        EXPECT_EQ(j["done"], last);
        EXPECT_EQ(j.contains("prompt_eval_count"), last);
    }
    EXPECT_EQ(content, R"({"findings":[1,2]})");
    EXPECT_EQ(json::parse(ls.back())["done_reason"], "stop");
    ASSERT_EQ(fake.chat_requests().size(), 1u);
    EXPECT_EQ(json::parse(fake.chat_requests()[0].body)["model"], "m");
}

TEST(FakeServer, UnknownModelIsOllamasExact404) {
    FakeOllama fake;
    httplib::Client cli("127.0.0.1", fake.port());
    auto res = cli.Post("/api/chat", chat_body("qwen2.5-coder:7b", true), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404);
    EXPECT_EQ(res->body, R"({"error":"model 'qwen2.5-coder:7b' not found"})");
    auto empty = cli.Post("/api/chat", "", "application/json");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->status, 400);
    EXPECT_EQ(empty->body, R"({"error":"missing request body"})");
}

TEST(FakeServer, ErrorAfterTheFirstLineKeepsStatus200) {
    FakeOllama fake;
    fake.add_model({.name = "m:latest"});
    fake.script({.fault = Fault::error_mid_stream});
    httplib::Client cli("127.0.0.1", fake.port());
    auto res = cli.Post("/api/chat", chat_body("m", true), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    auto ls = lines(res->body);
    ASSERT_EQ(ls.size(), 2u);
    EXPECT_EQ(ls.back(), R"({"error":"an error was encountered while running the model"})");
}

TEST(FakeServer, NonStreamingReplyIsOneObject) {
    FakeOllama fake;
    fake.add_model({.name = "m:latest"});
    fake.script({.fault = Fault::length, .eval_count = 512});
    httplib::Client cli("127.0.0.1", fake.port());
    auto res = cli.Post("/api/chat", chat_body("m", false), "application/json");
    ASSERT_TRUE(res);
    json j = json::parse(res->body);
    EXPECT_EQ(j["done_reason"], "length");
    EXPECT_EQ(j["eval_count"], 512);
    EXPECT_TRUE(
        json::parse(j["message"]["content"].get<std::string>(), nullptr, false).is_discarded());
}

TEST(FakeServer, OpenAiModeStreamsSseEndingWithDone) {
    FakeOllama fake(FakeOllama::Mode::openai);
    fake.add_model({.name = "m"});
    httplib::Client cli("127.0.0.1", fake.port());
    json body = json::parse(chat_body("m", true));
    body["stream_options"] = {{"include_usage", true}};
    auto res = cli.Post("/v1/chat/completions", body.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/event-stream");
    EXPECT_TRUE(res->body.ends_with("data: [DONE]\n\n"));
    EXPECT_NE(res->body.find(R"("usage":{"prompt_tokens")"), std::string::npos);
    EXPECT_FALSE(cli.Get("/api/tags")->status == 200); // not an Ollama server
    auto missing = cli.Post("/v1/chat/completions", chat_body("nope", true), "application/json");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(json::parse(missing->body)["error"]["type"], "not_found_error");
}

TEST(FakeServer, StoppedServerRefusesConnections) {
    FakeOllama fake;
    int port = fake.port();
    fake.stop();
    httplib::Client cli("127.0.0.1", port);
    EXPECT_FALSE(cli.Get("/"));
}

} // namespace
} // namespace vigil::test

namespace vigil::test {
namespace {

TEST(FakeServer, PsLoadAndThinkingShapes) {
    FakeOllama fake;
    fake.add_model({.name = "qwen3:8b"});
    fake.set_loaded("qwen3:8b", 8192);
    httplib::Client cli("127.0.0.1", fake.port());
    auto ps = cli.Get("/api/ps");
    ASSERT_TRUE(ps);
    EXPECT_EQ(json::parse(ps->body)["models"][0]["context_length"], 8192);
    auto load = cli.Post("/api/chat", R"({"model":"qwen3:8b","messages":[]})", "application/json");
    ASSERT_TRUE(load);
    EXPECT_EQ(json::parse(load->body)["done_reason"], "load");
    auto unload = cli.Post("/api/chat", R"({"model":"qwen3:8b","messages":[],"keep_alive":0})",
                           "application/json");
    ASSERT_TRUE(unload);
    EXPECT_EQ(json::parse(unload->body)["done_reason"], "unload");
    fake.script({.content = "{}", .pieces = 1, .thinking = "hmm"});
    auto res = cli.Post("/api/chat", chat_body("qwen3:8b", true), "application/json");
    ASSERT_TRUE(res);
    auto ls = lines(res->body);
    ASSERT_EQ(ls.size(), 3u);
    EXPECT_EQ(json::parse(ls[0])["message"]["thinking"], "hmm");
    EXPECT_EQ(json::parse(ls[0])["message"]["content"], "");
    EXPECT_EQ(json::parse(ls[1])["message"]["content"], "{}");
}

} // namespace
} // namespace vigil::test
