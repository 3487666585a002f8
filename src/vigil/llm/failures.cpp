// Failure classification. Ollama's error texts are not an API, so the status code decides;
// the text only separates "prompt too long" from other 400s (llama-server names it a type).
#include "detail.hpp"

#include <nlohmann/json.hpp>
#include <vigil/util/text.hpp>

namespace vigil::llm::detail {
namespace {

std::string seconds(Millis ms) {
    if (ms.count() % 1000 == 0) {
        return std::to_string(ms.count() / 1000) + "s";
    }
    return std::to_string(ms.count()) + "ms";
}

bool mentions_context(std::string_view body) {
    return body.find("context length") != std::string_view::npos ||
           body.find("context size") != std::string_view::npos ||
           body.find("exceed_context_size_error") != std::string_view::npos;
}

} // namespace

std::string error_message(std::string_view body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("error")) {
        const auto& e = j["error"];
        if (e.is_string()) {
            return e.get<std::string>();
        }
        if (e.is_object() && e.contains("message") && e["message"].is_string()) {
            return e["message"].get<std::string>();
        }
    }
    std::string text(body.substr(0, 200));
    return text;
}

std::string dump_utf8(const nlohmann::json& body) {
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string join_url(const std::string& base, std::string_view path) {
    std::string url = base;
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url + std::string(path);
}

LlmError transport_error(const HttpResult& result, const EndpointConfig& endpoint,
                         const std::string& model, const Timeouts& timeouts) {
    LlmError e{Failure::server_error, "", "", endpoint.name, model};
    switch (result.failure) {
    case HttpFailure::connect:
        e.failure = Failure::unreachable;
        e.message = "nothing answered at " + endpoint.url + " (" + result.detail + ")";
        e.hint = endpoint.kind == "ollama"
                     ? "start Ollama ('ollama serve'), or point OLLAMA_HOST or the config at the "
                       "server; 'vigil doctor' checks the setup"
                     : "start the server, or fix the endpoint URL in the config; 'vigil doctor' "
                       "checks the setup";
        break;
    case HttpFailure::timeout_first_byte:
        e.failure = Failure::timeout;
        e.message = "no answer within " + seconds(timeouts.first_token) +
                    " (the model may still be loading)";
        e.hint = "raise llm.timeouts.first_token, or use a smaller model";
        break;
    case HttpFailure::timeout_idle:
        e.failure = Failure::timeout;
        e.message = "the answer stalled for " + seconds(timeouts.idle);
        e.hint = "check the server's log; raise llm.timeouts.idle if it is just slow";
        break;
    case HttpFailure::timeout_total:
        e.failure = Failure::timeout;
        e.message = "the request ran out of time (limit " + seconds(timeouts.total) +
                    ", or the run's budget)";
        e.hint = "raise llm.timeouts.total or --llm-budget, or review fewer changes at once";
        break;
    case HttpFailure::dropped:
        e.message = "the connection closed before the answer ended (" + result.detail + ")";
        e.hint = "check the server's log; it may have crashed or run out of memory";
        break;
    default:
        e.message = result.detail.empty() ? "the exchange failed" : result.detail;
        break;
    }
    return e;
}

LlmError status_error(const HttpResult& result, const EndpointConfig& endpoint,
                      const std::string& model) {
    LlmError e{Failure::server_error, error_message(result.error_body), "", endpoint.name, model,
               result.status};
    e.message = "HTTP " + std::to_string(result.status) + ": " + e.message;
    long s = result.status;
    if (s == 404) {
        e.failure = Failure::model_not_found;
        e.hint =
            endpoint.kind == "ollama"
                ? "run 'ollama pull " + model + "' on that machine, or configure a model it has"
                : "configure a model this server serves (see its /v1/models)";
    } else if (s == 401 || s == 403) {
        e.failure = Failure::unauthorized;
        e.hint = endpoint.api_key_env.empty()
                     ? "set api_key_env for this endpoint in the user config"
                     : "check the token in $" + endpoint.api_key_env;
    } else if (s >= 400 && s < 500 && s != 429 && mentions_context(result.error_body)) {
        e.failure = Failure::context_overflow;
        e.hint = "split the change into smaller pieces, or use a model with a longer context";
    } else if (s >= 400 && s < 500 && s != 429) {
        e.failure = Failure::bad_request;
        e.hint = "this is likely a vigil bug or an unsupported server; please report it";
    } else {
        e.hint = s == 503 || s == 429 ? "the server is busy; add endpoints or retry later"
                                      : "check the server's log";
    }
    return e;
}

std::optional<LlmError> http_error(const HttpResult& result, const EndpointConfig& endpoint,
                                   const std::string& model, const Timeouts& timeouts) {
    bool transport_first = result.failure == HttpFailure::connect ||
                           result.failure == HttpFailure::timeout_first_byte ||
                           result.failure == HttpFailure::timeout_idle ||
                           result.failure == HttpFailure::timeout_total || result.status == 0;
    if (result.failure != HttpFailure::none && transport_first) {
        return transport_error(result, endpoint, model, timeouts);
    }
    if (result.status >= 400) {
        return status_error(result, endpoint, model);
    }
    if (result.failure != HttpFailure::none) {
        return transport_error(result, endpoint, model, timeouts);
    }
    return std::nullopt;
}

Result<ChatReply> check_reply(ChatReply reply, const ChatRequest& request,
                              const EndpointConfig& endpoint) {
    LlmError e{Failure::truncated_output, "", "", endpoint.name, request.model};
    if (reply.done_reason == "length") {
        e.message = "the answer hit the output limit of " + std::to_string(request.num_predict) +
                    " tokens and is cut off";
        e.hint = "ask for fewer items per request or raise num_predict";
        return std::unexpected(e);
    }
    uint64_t floor = tokens_lower_bound(prompt_bytes(request));
    // Some servers omit a zero count (cache hit); only a count that is present can show a cut.
    if (reply.usage.prompt_tokens > 0 && floor >= 64 && reply.usage.prompt_tokens < floor) {
        e.failure = Failure::context_overflow;
        e.message = "the server read " + std::to_string(reply.usage.prompt_tokens) +
                    " prompt tokens of at least " + std::to_string(floor) +
                    ": the prompt was cut to fit its context, so the answer is discarded";
        e.hint = "split the change into smaller pieces, or raise the model's context length";
        return std::unexpected(e);
    }
    if (!request.schema.empty()) {
        auto json = extract_json(reply.content, request.schema);
        if (!json) {
            e.failure = Failure::malformed_output;
            std::string start = util::printable(reply.content.substr(0, 80));
            e.message = "the answer is not the JSON asked for (it starts: " + start + ")";
            e.hint = "use a model that follows a JSON schema (an instruct or coder model)";
            return std::unexpected(e);
        }
        reply.content = std::move(*json);
    }
    return reply;
}

} // namespace vigil::llm::detail
