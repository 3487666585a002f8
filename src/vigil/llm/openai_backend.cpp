// The OpenAI-compatible backend (llama.cpp server, vLLM, LM Studio, Ollama's /v1): SSE
// streaming, response_format with the schema nested under json_schema (the flat form is
// silently ignored by Ollama and llama-server), and an optional bearer token.
#include "detail.hpp"

#include <nlohmann/json.hpp>
#include <vigil/util/env.hpp>

namespace vigil::llm {
namespace {

using nlohmann::json;

// Reads `data: <json>` events; lines may arrive split anywhere.
struct SseReader {
    const std::function<void(std::string_view)>& on_text;
    ChatReply reply;
    bool finished = false; // a finish_reason or [DONE] arrived
    bool done_marker = false;
    std::string pending;
    std::string stream_error;
    std::string bad_line;

    bool feed(std::string_view bytes) {
        pending.append(bytes);
        size_t start = 0;
        for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
            std::string_view l = std::string_view(pending).substr(start, nl - start);
            if (!l.empty() && l.back() == '\r') {
                l.remove_suffix(1);
            }
            if (!line(l)) {
                return false;
            }
        }
        pending.erase(0, start);
        return true;
    }

    bool line(std::string_view text) {
        if (!text.starts_with("data:")) {
            return true; // blank separators, comments (": ping"), event names
        }
        text.remove_prefix(5);
        if (text.starts_with(" ")) {
            text.remove_prefix(1);
        }
        if (text == "[DONE]") {
            done_marker = true;
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
        if (j.contains("choices") && j["choices"].is_array() && !j["choices"].empty()) {
            const json& c = j["choices"][0];
            if (c.contains("delta") && c["delta"].is_object() && c["delta"].contains("content") &&
                c["delta"]["content"].is_string()) {
                std::string piece = c["delta"]["content"].get<std::string>();
                if (on_text && !piece.empty()) {
                    on_text(piece);
                }
                reply.content += piece;
            }
            if (c.contains("finish_reason") && c["finish_reason"].is_string()) {
                reply.done_reason = c["finish_reason"].get<std::string>();
                finished = true;
            }
        }
        if (j.contains("usage") && j["usage"].is_object()) {
            reply.usage.prompt_tokens = j["usage"].value("prompt_tokens", uint64_t{0});
            reply.usage.output_tokens = j["usage"].value("completion_tokens", uint64_t{0});
        }
        return true;
    }
};

class OpenAiBackend final : public Backend {
public:
    OpenAiBackend(EndpointConfig endpoint, Timeouts timeouts)
        : m_endpoint(std::move(endpoint)), m_timeouts(timeouts) {
        // The base URL may be given with or without /v1.
        std::string& url = m_endpoint.url;
        while (!url.empty() && url.back() == '/') {
            url.pop_back();
        }
        if (url.ends_with("/v1")) {
            url.resize(url.size() - 3);
        }
    }

    const EndpointConfig& endpoint() const override { return m_endpoint; }

    Result<ChatReply> chat(const ChatRequest& request,
                           std::optional<Clock::time_point> deadline) override {
        std::vector<std::string> headers = VIGIL_TRY(request_headers(request.model));
        json body{{"model", request.model},
                  {"stream", true},
                  {"stream_options", {{"include_usage", true}}},
                  {"temperature", request.temperature},
                  {"top_p", 1.0}, // absent means 1.0 on Ollama's /v1 but not everywhere
                  {"max_tokens", request.num_predict},
                  {"seed", request.seed}};
        body["messages"] = json::array();
        for (const auto& m : request.messages) {
            body["messages"].push_back({{"role", m.role}, {"content", m.content}});
        }
        if (!request.schema.empty()) {
            body["response_format"] = {{"type", "json_schema"},
                                       {"json_schema",
                                        {{"name", "vigil_reply"},
                                         {"schema", json::parse(request.schema, nullptr, false)}}}};
        }
        HttpRequest http{"POST",
                         detail::join_url(m_endpoint.url, "/v1/chat/completions"),
                         detail::dump_utf8(body),
                         headers,
                         m_timeouts,
                         deadline};
        SseReader reader{request.on_text};
        Clock::time_point start = Clock::now();
        HttpResult result = http_send(http, [&](std::string_view b) { return reader.feed(b); });
        LlmError e{Failure::server_error, "", "", m_endpoint.name, request.model};
        if (result.failure == HttpFailure::aborted) {
            e.message = reader.stream_error.empty()
                            ? "the server sent an event that is not JSON: " + reader.bad_line
                            : "error after the answer began: " + reader.stream_error;
            e.hint = "check the server's log";
            return std::unexpected(e);
        }
        if (auto error = detail::http_error(result, m_endpoint, request.model, m_timeouts)) {
            return std::unexpected(*error);
        }
        reader.feed("\n");
        if (!reader.finished && !reader.done_marker) {
            e.message = "the stream ended without a finish_reason or [DONE]";
            e.hint = "check the server's log; it may have crashed";
            return std::unexpected(e);
        }
        reader.reply.usage.elapsed = std::chrono::duration_cast<Millis>(Clock::now() - start);
        reader.reply.endpoint = m_endpoint.name;
        reader.reply.model = request.model;
        return detail::check_reply(std::move(reader.reply), request, m_endpoint);
    }

    Result<std::string> version() override {
        return std::string(); // no version endpoint in this API
    }

    Result<std::vector<ModelEntry>> models() override {
        std::vector<std::string> headers = VIGIL_TRY(request_headers(""));
        std::string text;
        Timeouts t = m_timeouts;
        HttpRequest http{
            "GET", detail::join_url(m_endpoint.url, "/v1/models"), "", headers, t, std::nullopt};
        HttpResult result = http_send(http, [&](std::string_view b) {
            text.append(b);
            return true;
        });
        if (auto error = detail::http_error(result, m_endpoint, "", m_timeouts)) {
            return std::unexpected(*error);
        }
        json j = json::parse(text, nullptr, false);
        std::vector<ModelEntry> out;
        if (j.is_object() && j.contains("data") && j["data"].is_array()) {
            for (const auto& m : j["data"]) {
                if (m.is_object() && m.contains("id") && m["id"].is_string()) {
                    out.push_back({m["id"].get<std::string>(), 0, "", ""});
                }
            }
        }
        return out;
    }

    Result<ModelDetails> show(const std::string& model) override {
        // The API says nothing about context length; the model's presence is all we can check.
        for (const auto& m : VIGIL_TRY(models())) {
            if (m.name == model) {
                return ModelDetails{};
            }
        }
        return std::unexpected(
            LlmError{Failure::model_not_found, "'" + model + "' is not in /v1/models",
                     "configure a model this server serves", m_endpoint.name, model});
    }

private:
    Result<std::vector<std::string>> request_headers(const std::string& model) const {
        std::vector<std::string> headers = {"Content-Type: application/json",
                                            "Accept: text/event-stream"};
        if (!m_endpoint.api_key_env.empty()) {
            const char* token = util::env_value(m_endpoint.api_key_env.c_str());
            if (!token) {
                return std::unexpected(
                    LlmError{Failure::unauthorized, "$" + m_endpoint.api_key_env + " is not set",
                             "export " + m_endpoint.api_key_env + "=<token>, or remove api_key_env",
                             m_endpoint.name, model});
            }
            headers.push_back(std::string("Authorization: Bearer ") + token);
        }
        return headers;
    }

    EndpointConfig m_endpoint;
    Timeouts m_timeouts;
};

} // namespace

std::unique_ptr<Backend> make_openai_backend(EndpointConfig endpoint, Timeouts timeouts) {
    return std::make_unique<OpenAiBackend>(std::move(endpoint), timeouts);
}

} // namespace vigil::llm
