// Helpers for llm tests: backends pointed at a fake server; timeouts small only where a fault
// would otherwise hang a careless client.
#pragma once

#include "support/fake_ollama.hpp"

#include <vigil/llm/backend.hpp>

namespace vigil::test {

// For exchanges that should succeed: generous, so a loaded machine cannot fail them.
inline llm::Timeouts test_timeouts() {
    return {.connect = llm::Millis(10000),
            .first_token = llm::Millis(60000),
            .idle = llm::Millis(60000),
            .total = llm::Millis(120000)};
}

// For the faults that only a timeout ends (the fake stalls until it stops): small, so the
// test ends quickly. Nothing else is asserted about time.
inline llm::Timeouts small_timeouts() {
    llm::Timeouts t = test_timeouts();
    t.first_token = llm::Millis(300);
    t.idle = llm::Millis(300);
    return t;
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
