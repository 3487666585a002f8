// The fake's OpenAI-compatible routes: /v1/models and /v1/chat/completions (SSE `data:` events
// ending with `data: [DONE]`), as Ollama, llama-server and vLLM serve them.
#include "fake_ollama_state.hpp"

namespace vigil::test {
namespace {

using Json = nlohmann::ordered_json;
constexpr long long k_created = 1785578400;

Json chunk(const std::string& model, Json delta, Json finish_reason) {
    return Json{{"id", "chatcmpl-417"},
                {"object", "chat.completion.chunk"},
                {"created", k_created},
                {"model", model},
                {"system_fingerprint", "fp_ollama"},
                {"choices", Json::array({Json{{"index", 0},
                                              {"delta", std::move(delta)},
                                              {"finish_reason", std::move(finish_reason)}}})}};
}

Json usage(int prompt, int completion) {
    return Json{{"prompt_tokens", prompt},
                {"completion_tokens", completion},
                {"total_tokens", prompt + completion}};
}

std::string event(const Json& j) {
    return "data: " + j.dump() + "\n\n";
}

void completions(const std::shared_ptr<FakeOllama::State>& state, const httplib::Request& req,
                 httplib::Response& res) {
    state->record(req);
    if (!state->authorized(req, res)) {
        return;
    }
    auto body = parse_chat_body(req, res, true);
    if (!body) {
        return;
    }
    std::string model = (*body)["model"];
    Reply reply = state->next_reply(req.body);
    if (reply.fault == Fault::none && !state->has_model(model)) {
        reply.fault = Fault::not_found;
    }
    if (early_fault(reply, model, res, true)) {
        return;
    }
    auto [text, finish] = reply_text(reply);
    int prompt = reply.prompt_eval_count >= 0 ? reply.prompt_eval_count : prompt_tokens(*body);
    if (reply.fault == Fault::truncated_prompt && reply.prompt_eval_count < 0) {
        prompt = prompt / 10 + 1;
    }
    bool stream = body->value("stream", false);
    if (!stream) {
        if (reply.fault == Fault::slow_first_token && !state->wait(reply.delay)) {
            return;
        }
        if (reply.fault == Fault::stalled_stream) {
            state->wait(k_stall);
            return;
        }
        if (reply.fault == Fault::error_mid_stream) {
            error_reply(res, 500, "an error was encountered while running the model", true);
            return;
        }
        Json out{{"id", "chatcmpl-123"},
                 {"object", "chat.completion"},
                 {"created", k_created},
                 {"model", model},
                 {"system_fingerprint", "fp_ollama"},
                 {"choices",
                  Json::array({Json{{"index", 0},
                                    {"message", Json{{"role", "assistant"}, {"content", text}}},
                                    {"finish_reason", finish}}})},
                 {"usage", usage(prompt, reply.eval_count)}};
        res.set_content(out.dump(), "application/json");
        return;
    }
    bool include_usage =
        body->contains("stream_options") && (*body)["stream_options"].value("include_usage", false);
    std::string first;
    std::string rest;
    auto pieces = split_pieces(text, reply.pieces);
    for (size_t i = 0; i < pieces.size(); ++i) {
        Json delta = i == 0 ? Json{{"role", "assistant"}, {"content", pieces[i]}}
                            : Json{{"content", pieces[i]}};
        (i == 0 ? first : rest) += event(chunk(model, delta, nullptr));
    }
    rest += event(chunk(model, Json::object(), finish));
    if (include_usage) {
        Json u = chunk(model, Json::object(), nullptr);
        u["choices"] = Json::array();
        u["usage"] = usage(prompt, reply.eval_count);
        rest += event(u);
    }
    rest += "data: [DONE]\n\n";
    res.set_chunked_content_provider("text/event-stream", [state, reply, first,
                                                           rest](size_t, httplib::DataSink& sink) {
        if (reply.fault == Fault::connection_reset) {
            return false;
        }
        if (reply.fault == Fault::slow_first_token && !state->wait(reply.delay)) {
            return false;
        }
        if (!write_split(sink, first, reply.chunk_bytes)) {
            return false;
        }
        switch (reply.fault) {
        case Fault::stalled_stream:
            state->wait(k_stall);
            return false;
        case Fault::dropped_mid_stream:
            return false;
        case Fault::error_mid_stream:
            write_split(
                sink,
                event(Json{
                    {"error", Json{{"message", "an error was encountered while running the model"},
                                   {"type", "api_error"},
                                   {"param", nullptr},
                                   {"code", nullptr}}}}),
                reply.chunk_bytes);
            sink.done();
            return true;
        default:
            break;
        }
        if (!write_split(sink, rest, reply.chunk_bytes)) {
            return false;
        }
        sink.done();
        return true;
    });
}

} // namespace

void install_openai_routes(const std::shared_ptr<FakeOllama::State>& state) {
    state->server.Get("/v1/models", [state](const httplib::Request& req, httplib::Response& res) {
        state->record(req);
        if (!state->authorized(req, res)) {
            return;
        }
        Json data = Json::array();
        std::lock_guard lock(state->mutex);
        for (const auto& m : state->models) {
            data.push_back(Json{{"id", m.name},
                                {"object", "model"},
                                {"created", k_created},
                                {"owned_by", "library"}});
        }
        res.set_content(Json{{"object", "list"}, {"data", data}}.dump(), "application/json");
    });
    state->server.Post("/v1/chat/completions",
                       [state](const httplib::Request& req, httplib::Response& res) {
                           completions(state, req, res);
                       });
}

} // namespace vigil::test
