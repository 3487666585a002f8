// The Ollama backend: /api/chat streamed as NDJSON, discovery through /api/tags, /api/show and
// /api/version. Every call sends the options vigil depends on (models ship their own defaults).
#include "detail.hpp"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

namespace vigil::llm {
namespace {

using nlohmann::json;

class OllamaBackend final : public Backend {
public:
    OllamaBackend(EndpointConfig endpoint, Timeouts timeouts)
        : m_endpoint(std::move(endpoint)), m_timeouts(timeouts) {}

    const EndpointConfig& endpoint() const override { return m_endpoint; }

    Result<ChatReply> chat(const ChatRequest& request,
                           std::optional<Clock::time_point> deadline) override;
    Result<std::string> version() override;
    Result<std::vector<ModelEntry>> models() override;
    Result<ModelDetails> show(const std::string& model) override;

private:
    Result<json> get_json(const std::string& method, std::string_view path, const std::string& body,
                          const std::string& model);

    EndpointConfig m_endpoint;
    Timeouts m_timeouts;
    std::mutex m_mutex;
    std::map<std::string, int> m_context_lengths; // /api/show, asked once per model per run
};

// Reads NDJSON as it arrives: lines may be split anywhere, so bytes wait for their "\n".
struct NdjsonReader {
    const std::function<void(std::string_view)>& on_text;
    ChatReply reply;
    bool done = false;
    std::string pending;
    std::string stream_error; // an {"error":...} line after the 200
    std::string bad_line;

    bool feed(std::string_view bytes) {
        pending.append(bytes);
        size_t start = 0;
        for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
            if (!line(std::string_view(pending).substr(start, nl - start))) {
                return false;
            }
        }
        pending.erase(0, start);
        return true;
    }

    bool line(std::string_view text) {
        if (text.empty() || text == "\r") {
            return true;
        }
        json j = json::parse(text, nullptr, false);
        if (!j.is_object()) {
            bad_line = std::string(text.substr(0, 80));
            return false;
        }
        if (j.contains("error")) {
            stream_error = detail::error_message(text);
            return false;
        }
        if (j.contains("message") && j["message"].is_object()) {
            std::string piece = j["message"].value("content", "");
            if (on_text && !piece.empty()) {
                on_text(piece);
            }
            reply.content += piece;
        }
        if (j.value("done", false)) {
            done = true;
            reply.done_reason = j.value("done_reason", "");
            reply.usage.prompt_tokens = j.value("prompt_eval_count", uint64_t{0});
            reply.usage.output_tokens = j.value("eval_count", uint64_t{0});
        }
        return true;
    }
};

Result<ChatReply> OllamaBackend::chat(const ChatRequest& request,
                                      std::optional<Clock::time_point> deadline) {
    std::optional<int> known;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_context_lengths.find(request.model); it != m_context_lengths.end()) {
            known = it->second;
        }
    }
    int context_length = known ? *known : VIGIL_TRY(show(request.model)).context_length;
    int num_ctx = VIGIL_TRY(size_context(request, context_length));
    json body{{"model", request.model},
              {"stream", true},
              {"think", false},
              {"keep_alive", request.keep_alive}};
    body["messages"] = json::array();
    for (const auto& m : request.messages) {
        body["messages"].push_back({{"role", m.role}, {"content", m.content}});
    }
    if (!request.schema.empty()) {
        body["format"] = json::parse(request.schema, nullptr, false);
    }
    body["options"] = {{"num_ctx", num_ctx},
                       {"num_predict", request.num_predict},
                       {"temperature", request.temperature},
                       {"seed", request.seed}};
    HttpRequest http{"POST",
                     detail::join_url(m_endpoint.url, "/api/chat"),
                     detail::dump_utf8(body),
                     {"Content-Type: application/json"},
                     m_timeouts,
                     deadline};
    NdjsonReader reader{request.on_text};
    Clock::time_point start = Clock::now();
    HttpResult result = http_send(http, [&](std::string_view bytes) { return reader.feed(bytes); });
    LlmError e{Failure::server_error, "", "", m_endpoint.name, request.model};
    if (result.failure == HttpFailure::aborted) {
        e.message = reader.stream_error.empty()
                        ? "the server sent a line that is not JSON: " + reader.bad_line
                        : "error after the answer began: " + reader.stream_error;
        e.hint = "check the server's log (out of memory, a crashed runner)";
        return std::unexpected(e);
    }
    if (auto error = detail::http_error(result, m_endpoint, request.model, m_timeouts)) {
        return std::unexpected(*error);
    }
    reader.feed("\n"); // a last line without its newline still counts
    if (!reader.done) {
        e.message = "the stream ended without its final line (done:true)";
        e.hint = "check the server's log; it may have crashed";
        return std::unexpected(e);
    }
    reader.reply.usage.elapsed = std::chrono::duration_cast<Millis>(Clock::now() - start);
    reader.reply.endpoint = m_endpoint.name;
    reader.reply.model = request.model;
    return detail::check_reply(std::move(reader.reply), request, m_endpoint);
}

Result<json> OllamaBackend::get_json(const std::string& method, std::string_view path,
                                     const std::string& body, const std::string& model) {
    std::string text;
    Timeouts t = m_timeouts;
    t.first_token = std::min(t.first_token, t.total);
    HttpRequest http{method, detail::join_url(m_endpoint.url, path),
                     body,   {"Content-Type: application/json"},
                     t,      std::nullopt};
    HttpResult result = http_send(http, [&](std::string_view bytes) {
        text.append(bytes);
        return true;
    });
    if (auto error = detail::http_error(result, m_endpoint, model, m_timeouts)) {
        return std::unexpected(*error);
    }
    json j = json::parse(text, nullptr, false);
    if (!j.is_object()) {
        return std::unexpected(LlmError{
            Failure::server_error, std::string(path) + " did not answer with JSON",
            "is this an Ollama server? 'vigil doctor' checks the setup", m_endpoint.name, model});
    }
    return j;
}

Result<std::string> OllamaBackend::version() {
    json j = VIGIL_TRY(get_json("GET", "/api/version", "", ""));
    return j.value("version", "");
}

Result<std::vector<ModelEntry>> OllamaBackend::models() {
    json j = VIGIL_TRY(get_json("GET", "/api/tags", "", ""));
    std::vector<ModelEntry> out;
    if (j.contains("models") && j["models"].is_array()) {
        for (const auto& m : j["models"]) {
            ModelEntry e;
            e.name = m.value("name", m.value("model", ""));
            e.size = m.value("size", uint64_t{0});
            if (m.contains("details") && m["details"].is_object()) {
                e.parameter_size = m["details"].value("parameter_size", "");
                e.family = m["details"].value("family", "");
            }
            if (!e.name.empty()) {
                out.push_back(std::move(e));
            }
        }
    }
    return out;
}

Result<ModelDetails> OllamaBackend::show(const std::string& model) {
    json j = VIGIL_TRY(get_json("POST", "/api/show", json{{"model", model}}.dump(), model));
    ModelDetails d;
    if (j.contains("model_info") && j["model_info"].is_object()) {
        const json& info = j["model_info"];
        std::string arch = info.value("general.architecture", "");
        std::string key = arch + ".context_length";
        if (info.contains(key) && info[key].is_number_integer()) {
            d.context_length = info[key].get<int>();
        }
    }
    if (j.contains("capabilities") && j["capabilities"].is_array()) {
        for (const auto& c : j["capabilities"]) {
            if (c.is_string()) {
                d.capabilities.push_back(c.get<std::string>());
            }
        }
    }
    std::lock_guard lock(m_mutex);
    m_context_lengths[model] = d.context_length;
    return d;
}

} // namespace

std::unique_ptr<Backend> make_ollama_backend(EndpointConfig endpoint, Timeouts timeouts) {
    return std::make_unique<OllamaBackend>(std::move(endpoint), timeouts);
}

std::unique_ptr<Backend> make_backend(EndpointConfig endpoint, Timeouts timeouts) {
    if (endpoint.kind == "openai") {
        return make_openai_backend(std::move(endpoint), timeouts);
    }
    return make_ollama_backend(std::move(endpoint), timeouts);
}

} // namespace vigil::llm
