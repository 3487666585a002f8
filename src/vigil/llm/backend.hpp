// llm: the Backend interface — the I/O seam between vigil and a model server — and the two
// implementations: Ollama's native API and OpenAI-compatible servers (llama.cpp, vLLM, LM Studio).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <vigil/llm/types.hpp>

namespace vigil::llm {

class Backend {
public:
    virtual ~Backend() = default;

    virtual const EndpointConfig& endpoint() const = 0;

    // One chat exchange, streamed. Fails with a classified LlmError: every error after a 200,
    // a missing final line, done_reason "length", a prompt_eval_count far below the prompt's
    // size, and (with a schema) an answer that is not JSON all count as failures.
    // `deadline` is the run's budget; the request's own timeouts apply as well.
    virtual Result<ChatReply> chat(const ChatRequest& request,
                                   std::optional<Clock::time_point> deadline) = 0;

    // The server's version ("0.33.0"); OpenAI-compatible servers say none ("").
    virtual Result<std::string> version() = 0;
    virtual Result<std::vector<ModelEntry>> models() = 0;
    // Context length and capabilities; model_not_found when the server lacks the model.
    virtual Result<ModelDetails> show(const std::string& model) = 0;
};

std::unique_ptr<Backend> make_ollama_backend(EndpointConfig endpoint, Timeouts timeouts);
std::unique_ptr<Backend> make_openai_backend(EndpointConfig endpoint, Timeouts timeouts);
// By endpoint.kind; a kind other than ollama/openai is rejected when configuration is read.
std::unique_ptr<Backend> make_backend(EndpointConfig endpoint, Timeouts timeouts);

// The num_ctx to send: room for the prompt (kept under half the window, because some builds
// silently cut at num_ctx/2) and the answer, rounded up to 1024, at least 2048. Fails with
// context_overflow when that exceeds the model's context length (when known, i.e. > 0).
Result<int> size_context(const ChatRequest& request, int context_length);

// The JSON object inside a model's answer: the text itself, or the first balanced {...} once
// Markdown fences and prose around it are dropped. nullopt when there is none that parses or
// when a key the schema requires at the top level is missing.
std::optional<std::string> extract_json(std::string_view text, std::string_view schema);

} // namespace vigil::llm
