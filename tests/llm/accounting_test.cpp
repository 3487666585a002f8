// Token and time accounting per role and model, and failures described in words.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <vigil/llm/accounting.hpp>

namespace vigil::llm {
namespace {

TEST(Accounting, SumsPerRoleAndModel) {
    Accounting a;
    ChatReply r;
    r.model = "qwen2.5-coder:7b";
    r.usage = {100, 20, Millis(1500)};
    a.add_reply(Role::review, r);
    a.add_reply(Role::review, r);
    a.add_failure(Role::review, "qwen2.5-coder:7b", Millis(500));
    a.add_cache_hit(Role::review, "qwen2.5-coder:7b");
    r.model = "qwen2.5:0.5b";
    r.usage = {40, 3, Millis(100)};
    a.add_reply(Role::triage, r);
    auto rows = a.rows();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].role, Role::triage); // role order first
    EXPECT_EQ(rows[1].requests, 3u);
    EXPECT_EQ(rows[1].failures, 1u);
    EXPECT_EQ(rows[1].cache_hits, 1u);
    EXPECT_EQ(rows[1].prompt_tokens, 200u);
    EXPECT_EQ(rows[1].output_tokens, 40u);
    EXPECT_EQ(rows[1].elapsed, Millis(3500));
    auto json = nlohmann::json::parse(a.to_json());
    EXPECT_EQ(json["models"][1]["model"], "qwen2.5-coder:7b");
    EXPECT_EQ(json["models"][1]["seconds"], 3.5);
    EXPECT_EQ(a.to_text(), "triage   qwen2.5:0.5b: 1 requests (0 failed, 0 from cache), 40 prompt "
                           "+ 3 output tokens, 0.1s\n"
                           "review   qwen2.5-coder:7b: 3 requests (1 failed, 1 from cache), 200 "
                           "prompt + 40 output tokens, 3.5s\n");
}

TEST(LlmError, DescribesInWords) {
    LlmError e{Failure::model_not_found, "HTTP 404: model 'x' not found", "run 'ollama pull x'",
               "gpu1", "x"};
    EXPECT_EQ(e.describe(), "gpu1: model not found: HTTP 404: model 'x' not found");
    util::Error u = e.to_error();
    EXPECT_EQ(u.kind, util::ErrorKind::runtime);
    EXPECT_EQ(u.hint, "run 'ollama pull x'");
    EXPECT_TRUE(endpoint_failed(Failure::unreachable));
    EXPECT_FALSE(endpoint_failed(Failure::malformed_output));
}

} // namespace
} // namespace vigil::llm
