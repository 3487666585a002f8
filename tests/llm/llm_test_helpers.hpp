// Helpers for llm tests: backends pointed at a fake server, with timeouts small enough that a
// fault which would hang a careless client ends the test quickly.
#pragma once

#include "support/fake_ollama.hpp"

#include <vigil/llm/backend.hpp>

namespace vigil::test {

inline llm::Timeouts small_timeouts() {
    return {.connect = llm::Millis(2000),
            .first_token = llm::Millis(300),
            .idle = llm::Millis(300),
            .total = llm::Millis(20000)};
}

inline llm::EndpointConfig endpoint_for(const FakeOllama& fake, std::string kind = "ollama") {
    return {.name = "fake-" + std::to_string(fake.port()),
            .kind = std::move(kind),
            .url = fake.url(),
            .api_key_env = ""};
}

inline llm::ChatRequest review_request(std::string model = "qwen2.5-coder:7b") {
    llm::ChatRequest r;
    r.model = std::move(model);
    r.messages = {{"system", "You review code. Answer with JSON."},
                  {"user", "int main() { return 0; }"}};
    r.schema =
        R"({"type":"object","properties":{"findings":{"type":"array"}},"required":["findings"]})";
    r.num_predict = 256;
    r.template_version = "review-1";
    return r;
}

// A prompt large enough that a cut is visible in prompt_eval_count.
inline llm::ChatRequest large_request(std::string model = "qwen2.5-coder:7b") {
    llm::ChatRequest r = review_request(std::move(model));
    r.messages[1].content = std::string(8000, 'x');
    return r;
}

// A slow reply that lasts until the fake stops, unless the client gives up first.
constexpr std::chrono::milliseconds k_forever{std::chrono::minutes(10)};

} // namespace vigil::test
