// Test support: a fake Ollama server (and OpenAI-compatible server) on 127.0.0.1 with an
// ephemeral port. It speaks the protocol as /work/shared/reference/ollama-api.md documents it:
// NDJSON streams split at arbitrary bytes, metrics only on the final line, Ollama's exact
// error bodies, and every fault a client must survive. Each chat request takes the next
// scripted Reply (or the default one) and is recorded for assertions.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil::test {

enum class Fault {
    none,
    not_found,          // 404 {"error":"model 'x' not found"}
    not_found_pull,     // 404, the scheduler's "..., try pulling it first" variant
    bad_request,        // 400 {"error":"..."} (e.g. thinking not supported)
    prompt_too_long,    // 400 "the prompt is longer than the context length ..."
    server_error,       // 500 before anything is streamed
    queue_full,         // 503 "server busy, please try again.  maximum pending requests exceeded"
    slow_first_token,   // waits Reply::delay before the first line (model load)
    stalled_stream,     // one line, then nothing until the client gives up
    error_mid_stream,   // one line, then {"error":"..."} with the status still 200
    length,             // done_reason "length" with cut-off JSON
    truncated_prompt,   // 200, prompt_eval_count far below the prompt (silent truncation)
    malformed_json,     // content is not JSON at all
    fenced_json,        // content is JSON inside a Markdown fence, followed by prose
    connection_reset,   // headers, then the connection closes with no body
    dropped_mid_stream, // one line, then the connection closes without done:true
};

struct Reply {
    std::string content = R"({"findings":[]})";
    Fault fault = Fault::none;
    std::chrono::milliseconds delay{0}; // slow_first_token: wait before the first line
    int prompt_eval_count = -1;         // -1: one token per 4 bytes of the messages
    int eval_count = 7;
    size_t chunk_bytes = 5; // streamed bytes are written in pieces this long
    size_t pieces = 3;      // the content is sent in this many message chunks
    std::string thinking;   // sent first, in chunks with empty content (a thinking model)
};

struct Recorded {
    std::string method;
    std::string path;
    std::string body;
    std::map<std::string, std::string> headers; // names lower-cased
};

struct FakeModel {
    std::string name;
    int context_length = 32768;
    std::string family = "qwen2";
    std::string parameter_size = "7.6B";
    std::vector<std::string> capabilities = {"completion", "tools", "insert"};
};

class FakeOllama {
public:
    enum class Mode { ollama, openai };

    // Starts listening before returning, so url() is usable at once.
    explicit FakeOllama(Mode mode = Mode::ollama);
    ~FakeOllama(); // stops the server; waits released by the stop
    FakeOllama(const FakeOllama&) = delete;
    FakeOllama& operator=(const FakeOllama&) = delete;

    int port() const;
    std::string url() const;       // "http://127.0.0.1:<port>"
    std::string host_port() const; // "127.0.0.1:<port>", as OLLAMA_HOST takes it

    void add_model(FakeModel model);
    // Listed by /api/ps as loaded with this allocated context length.
    void set_loaded(std::string model, int context_length);
    void set_version(std::string version);
    void set_default_reply(Reply reply);
    void script(Reply reply); // queued: the next chat request gets it
    // Every chat request whose raw body contains `needle` gets `reply` (before the queue; the
    // first needle added that matches wins): for runs whose requests come in no fixed order.
    void reply_when(std::string needle, Reply reply);
    // Every chat request not matched by reply_when asks `decide` (called under the server's
    // lock, with the raw body); nullopt falls through to the queue and the default reply.
    void reply_by(std::function<std::optional<Reply>(const std::string& body)> decide);
    // Every request answered with 401 unless it carries "Authorization: Bearer <token>".
    void require_bearer(std::string token);

    std::vector<Recorded> requests() const;
    std::vector<Recorded> chat_requests() const; // /api/chat and /v1/chat/completions only

    // Stops serving; the port then refuses connections. Idempotent.
    void stop();

    struct State;

private:
    std::shared_ptr<State> m_state;
};

// A loopback port with nothing listening (bound, then closed): connecting to it is refused.
int closed_port();

} // namespace vigil::test
