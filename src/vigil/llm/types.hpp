// llm: the plain data every backend, the router and their callers share — roles, requests,
// replies, failures in words, timeouts. No libcurl or JSON types appear here.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/util/error.hpp>

namespace vigil::llm {

using Millis = std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// What a model is asked to do: a small model routes, a code model works, a reasoning model checks.
enum class Role { triage, review, verify, explain };
inline constexpr Role k_roles[] = {Role::triage, Role::review, Role::verify, Role::explain};
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view name);

struct Message {
    std::string role; // system | user | assistant
    std::string content;
};

struct ChatRequest {
    std::string model; // set by the router from the role's configuration
    std::vector<Message> messages;
    std::string schema; // JSON Schema text the reply must follow; empty: free text
    int num_predict = 1024;
    double temperature = 0.1;
    int seed = 42;
    std::string keep_alive = "5m";
    std::string template_version; // part of the cache key: a new prompt template misses
    // Called with each piece of the answer as it arrives (a cached answer: once, whole). Not
    // part of the cache key. A request that fails after some pieces has called it for them.
    std::function<void(std::string_view)> on_text;
};

struct Usage {
    uint64_t prompt_tokens = 0;
    uint64_t output_tokens = 0;
    Millis elapsed{0};
};

struct ChatReply {
    std::string content; // the answer; with a schema, JSON that parsed (fences and prose removed)
    std::string done_reason;
    Usage usage;
    std::string endpoint; // the endpoint's name
    std::string model;
    bool from_cache = false;
};

// Why a call failed, in the words the report uses.
enum class Failure {
    unreachable,      // nothing answered at the endpoint
    model_not_found,  // the endpoint does not have the model
    context_overflow, // the prompt does not fit the model's context (said, or silently cut)
    truncated_output, // the answer stopped at the output limit (done_reason "length")
    malformed_output, // the answer is not the JSON asked for
    timeout,          // connect, first token, stall or total time ran out
    server_error,     // 5xx, an error after a 200, a dropped connection
    unauthorized,     // 401/403: token missing or refused
    bad_request,      // another 4xx
    budget_exhausted, // the run's model time is used up; nothing was sent
    no_endpoint,      // every endpoint for the role failed earlier in the run
};
std::string_view to_string(Failure failure);

struct LlmError {
    Failure failure = Failure::server_error;
    std::string message; // what happened, with the endpoint's words when it gave any
    std::string hint;    // what to do
    std::string endpoint;
    std::string model;
    long status = 0; // the HTTP status when the server answered with one

    // True for 503 (Ollama's queue is full) and 429: worth a retry after a pause.
    bool busy() const { return status == 503 || status == 429; }

    // "<endpoint>: <failure words>: <message>"
    std::string describe() const;
    util::Error to_error() const;
};

// Whether the failure is the endpoint's (down, slow, broken, refusing us), so the router stops
// sending to it for the rest of the run.
bool endpoint_failed(Failure failure);

template <class T> using Result = std::expected<T, LlmError>;

struct Timeouts {
    Millis connect{3000};       // TCP (and TLS) connect
    Millis first_token{120000}; // request sent -> first byte of the answer (covers model load)
    Millis idle{60000};         // longest silence inside a streamed answer
    Millis total{600000};       // one request, end to end
};

// A model an endpoint has installed (/api/tags, /v1/models).
struct ModelEntry {
    std::string name;
    uint64_t size = 0;          // bytes; 0 when unknown
    std::string parameter_size; // "7.6B"; empty when unknown
    std::string family;
};

// What /api/show says about a model.
struct ModelDetails {
    int context_length = 0; // 0: unknown (OpenAI-compatible servers do not say)
    std::vector<std::string> capabilities;
};

// One server vigil may send requests to. Comes from user configuration, env or flags only
// (never from a repository's file: see config/llm_config.hpp).
struct EndpointConfig {
    std::string name;            // shown in reports; defaults to the URL
    std::string kind = "ollama"; // ollama | openai
    std::string url;             // base URL; for openai without the trailing /v1
    std::string api_key_env;     // openai: the variable holding a bearer token; may be empty
};

// Rough token counts for a text: an upper bound used to size num_ctx, a lower bound under
// which a reported prompt_eval_count means the prompt was cut. Code tokenizes at 3-5 bytes.
uint64_t tokens_upper_bound(size_t bytes);
uint64_t tokens_lower_bound(size_t bytes);
size_t prompt_bytes(const ChatRequest& request);

} // namespace vigil::llm
