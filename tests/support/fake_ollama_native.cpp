// The fake's native Ollama routes: /, /api/version, /api/tags, /api/show, /api/ps, /api/chat.
#include "fake_ollama_state.hpp"

namespace vigil::test {
namespace {

using Json = nlohmann::ordered_json;
constexpr const char* k_created = "2026-08-01T10:00:00.000000001Z";

Json chat_line(const std::string& model, const std::string& content) {
    return Json{{"model", model},
                {"created_at", k_created},
                {"message", Json{{"role", "assistant"}, {"content", content}}},
                {"done", false}};
}

Json final_line(const std::string& model, const std::string& content,
                const std::string& done_reason, int prompt_count, int eval_count) {
    return Json{{"model", model},
                {"created_at", k_created},
                {"message", Json{{"role", "assistant"}, {"content", content}}},
                {"done_reason", done_reason},
                {"done", true},
                {"total_duration", 912000000},
                {"load_duration", 41000000},
                {"prompt_eval_count", prompt_count},
                {"prompt_eval_duration", 300000000},
                {"eval_count", eval_count},
                {"eval_duration", 500000000}};
}

int reply_prompt_count(const Reply& r, const nlohmann::json& body) {
    if (r.prompt_eval_count >= 0) {
        return r.prompt_eval_count;
    }
    int tokens = prompt_tokens(body);
    return r.fault == Fault::truncated_prompt ? tokens / 10 + 1 : tokens;
}

void chat(const std::shared_ptr<FakeOllama::State>& state, const httplib::Request& req,
          httplib::Response& res) {
    state->record(req);
    auto body = parse_chat_body(req, res, false);
    if (!body) {
        return;
    }
    std::string model = (*body)["model"];
    Reply reply = state->next_reply(req.body);
    if (reply.fault == Fault::none && !state->has_model(model)) {
        reply.fault = Fault::not_found;
    }
    if (early_fault(reply, model, res, false)) {
        return;
    }
    if ((*body)["messages"].empty()) { // a load (or with keep_alive 0, unload) request
        bool unload = body->contains("keep_alive") && (*body)["keep_alive"] == 0;
        Json out{{"model", model},
                 {"created_at", k_created},
                 {"message", Json{{"role", "assistant"}, {"content", ""}}},
                 {"done_reason", unload ? "unload" : "load"},
                 {"done", true}};
        res.set_content(out.dump() + "\n", "application/x-ndjson");
        return;
    }
    auto [text, done_reason] = reply_text(reply);
    int prompt_count = reply_prompt_count(reply, *body);
    bool stream = !body->contains("stream") || (*body)["stream"] != false;
    if (!stream) {
        if (reply.fault == Fault::slow_first_token && !state->wait(reply.delay)) {
            return;
        }
        if (reply.fault == Fault::stalled_stream) {
            state->wait(k_stall);
            return;
        }
        if (reply.fault == Fault::error_mid_stream) {
            error_reply(res, 500, "an error was encountered while running the model", false);
            return;
        }
        Json whole = final_line(model, text, done_reason, prompt_count, reply.eval_count);
        res.set_content(whole.dump(), "application/json; charset=utf-8");
        return;
    }
    std::string first;
    std::string rest;
    if (!reply.thinking.empty()) {
        for (const auto& t : split_pieces(reply.thinking, reply.pieces)) {
            Json line = chat_line(model, "");
            line["message"]["thinking"] = t;
            (first.empty() ? first : rest) += line.dump() + "\n";
        }
    }
    auto pieces = split_pieces(text, reply.pieces);
    for (size_t i = 0; i < pieces.size(); ++i) {
        (first.empty() ? first : rest) += chat_line(model, pieces[i]).dump() + "\n";
    }
    rest += final_line(model, "", done_reason, prompt_count, reply.eval_count).dump() + "\n";
    res.set_chunked_content_provider("application/x-ndjson", [state, reply, first, rest](
                                                                 size_t, httplib::DataSink& sink) {
        switch (reply.fault) {
        case Fault::connection_reset:
            return false;
        case Fault::slow_first_token:
            if (!state->wait(reply.delay)) {
                return false;
            }
            break;
        default:
            break;
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
            write_split(sink, "{\"error\":\"an error was encountered while running the model\"}\n",
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

void show(const std::shared_ptr<FakeOllama::State>& state, const httplib::Request& req,
          httplib::Response& res) {
    state->record(req);
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    std::string name = body.is_object() ? body.value("model", body.value("name", "")) : "";
    if (name.empty()) {
        error_reply(res, 400, "model is required", false);
        return;
    }
    std::lock_guard lock(state->mutex);
    std::string wanted = name.find(':') == std::string::npos ? name + ":latest" : name;
    for (const auto& m : state->models) {
        if (m.name == name || m.name == wanted) {
            Json out;
            out["details"] = Json{{"parent_model", ""},
                                  {"format", "gguf"},
                                  {"family", m.family},
                                  {"families", Json::array({m.family})},
                                  {"parameter_size", m.parameter_size},
                                  {"quantization_level", "Q4_K_M"}};
            out["model_info"] = Json{{"general.architecture", m.family},
                                     {m.family + ".context_length", m.context_length}};
            out["capabilities"] = m.capabilities;
            out["modified_at"] = "2026-07-01T12:00:00Z";
            res.set_content(out.dump(), "application/json; charset=utf-8");
            return;
        }
    }
    error_reply(res, 404, "model '" + name + "' not found", false);
}

void tags(const std::shared_ptr<FakeOllama::State>& state, const httplib::Request& req,
          httplib::Response& res) {
    state->record(req);
    Json list = Json::array();
    std::lock_guard lock(state->mutex);
    for (const auto& m : state->models) {
        list.push_back(
            Json{{"name", m.name},
                 {"model", m.name},
                 {"modified_at", "2026-07-01T12:00:00Z"},
                 {"size", 4683087332LL},
                 {"digest", "845dbda0ea48ed749caafd9e6037047aa19acfcfd82e704d7ca97d631a0b697e"},
                 {"details", Json{{"parent_model", ""},
                                  {"format", "gguf"},
                                  {"family", m.family},
                                  {"families", Json::array({m.family})},
                                  {"parameter_size", m.parameter_size},
                                  {"quantization_level", "Q4_K_M"}}}});
    }
    res.set_content(Json{{"models", list}}.dump(), "application/json; charset=utf-8");
}

} // namespace

void install_native_routes(const std::shared_ptr<FakeOllama::State>& state) {
    auto& svr = state->server;
    svr.Get("/", [state](const httplib::Request& req, httplib::Response& res) {
        state->record(req);
        res.set_content("Ollama is running", "text/plain; charset=utf-8");
    });
    svr.Get("/api/version", [state](const httplib::Request& req, httplib::Response& res) {
        state->record(req);
        std::lock_guard lock(state->mutex);
        res.set_content(Json{{"version", state->version}}.dump(),
                        "application/json; charset=utf-8");
    });
    svr.Get("/api/tags", [state](const httplib::Request& req, httplib::Response& res) {
        tags(state, req, res);
    });
    svr.Post("/api/show", [state](const httplib::Request& req, httplib::Response& res) {
        show(state, req, res);
    });
    svr.Get("/api/ps", [state](const httplib::Request& req, httplib::Response& res) {
        state->record(req);
        Json list = Json::array();
        std::lock_guard lock(state->mutex);
        for (const auto& [name, ctx] : state->loaded) {
            list.push_back(Json{{"name", name},
                                {"model", name},
                                {"size", 6000000000LL},
                                {"expires_at", "2026-08-01T10:05:00Z"},
                                {"size_vram", 6000000000LL},
                                {"context_length", ctx}});
        }
        res.set_content(Json{{"models", list}}.dump(), "application/json; charset=utf-8");
    });
    svr.Post("/api/chat", [state](const httplib::Request& req, httplib::Response& res) {
        chat(state, req, res);
    });
}

} // namespace vigil::test
