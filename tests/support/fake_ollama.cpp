// The fake Ollama server: routes, scripted replies and faults. Response bodies are built with
// ordered JSON so the key order matches what the Go server emits.
#include "fake_ollama.hpp"

#include "fake_ollama_state.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace vigil::test {

using Json = nlohmann::ordered_json;

bool FakeOllama::State::wait(std::chrono::milliseconds how_long) {
    std::unique_lock lock(mutex);
    return !stopped.wait_for(lock, how_long, [this] { return stopping; });
}

Reply FakeOllama::State::next_reply(const std::string& body) {
    std::lock_guard lock(mutex);
    for (const auto& [needle, reply] : keyed) {
        if (body.find(needle) != std::string::npos) {
            return reply;
        }
    }
    if (decide) {
        if (auto r = decide(body)) {
            return *r;
        }
    }
    if (queue.empty()) {
        return default_reply;
    }
    Reply r = queue.front();
    queue.pop_front();
    return r;
}

bool FakeOllama::State::has_model(const std::string& name) const {
    std::lock_guard lock(mutex);
    std::string wanted = name.find(':') == std::string::npos ? name + ":latest" : name;
    for (const auto& m : models) {
        if (m.name == name || m.name == wanted) {
            return true;
        }
    }
    return false;
}

void FakeOllama::State::record(const httplib::Request& req) {
    Recorded r{req.method, req.path, req.body, {}};
    for (const auto& [k, v] : req.headers) {
        std::string key;
        for (char c : k) {
            key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        r.headers[key] = v;
    }
    std::lock_guard lock(mutex);
    recorded.push_back(std::move(r));
}

bool FakeOllama::State::authorized(const httplib::Request& req, httplib::Response& res) {
    std::string token;
    {
        std::lock_guard lock(mutex);
        token = bearer;
    }
    if (token.empty() || req.get_header_value("Authorization") == "Bearer " + token) {
        return true;
    }
    res.status = 401;
    res.set_content(
        R"({"error":{"message":"Invalid API key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})",
        "application/json");
    return false;
}

// One token per four bytes of message text, as the fake's notion of a prompt's size.
int prompt_tokens(const nlohmann::json& body) {
    size_t bytes = 0;
    if (body.contains("messages") && body["messages"].is_array()) {
        for (const auto& m : body["messages"]) {
            if (m.contains("content") && m["content"].is_string()) {
                bytes += m["content"].get_ref<const std::string&>().size();
            }
        }
    }
    return static_cast<int>(bytes / 4 + 1);
}

// The text a reply's fault turns its content into, and the done_reason that goes with it.
std::pair<std::string, std::string> reply_text(const Reply& r) {
    switch (r.fault) {
    case Fault::malformed_json:
        return {"I looked at the change and it seems fine to me.", "stop"};
    case Fault::fenced_json:
        return {"```json\n" + r.content + "\n```\nLet me know if you need more.", "stop"};
    case Fault::length:
        return {r.content.substr(0, r.content.size() / 2), "length"};
    default:
        return {r.content, "stop"};
    }
}

std::vector<std::string> split_pieces(const std::string& text, size_t pieces) {
    std::vector<std::string> out;
    pieces = std::max<size_t>(pieces, 1);
    size_t step = std::max<size_t>(1, (text.size() + pieces - 1) / pieces);
    for (size_t i = 0; i < text.size(); i += step) {
        out.push_back(text.substr(i, step));
    }
    if (out.empty()) {
        out.push_back("");
    }
    return out;
}

// Writes bytes to the sink in pieces of n bytes, so lines arrive split across reads.
bool write_split(httplib::DataSink& sink, const std::string& bytes, size_t n) {
    n = std::max<size_t>(n, 1);
    for (size_t i = 0; i < bytes.size(); i += n) {
        if (!sink.write(bytes.data() + i, std::min(n, bytes.size() - i))) {
            return false;
        }
    }
    return true;
}

void error_reply(httplib::Response& res, int status, const std::string& message, bool openai) {
    res.status = status;
    Json body;
    if (openai) {
        std::string type = status == 400   ? "invalid_request_error"
                           : status == 404 ? "not_found_error"
                                           : "api_error";
        body["error"] =
            Json{{"message", message}, {"type", type}, {"param", nullptr}, {"code", nullptr}};
    } else {
        body["error"] = message;
    }
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

// Faults answered before anything is streamed; true when one was.
bool early_fault(const Reply& r, const std::string& model, httplib::Response& res, bool openai) {
    switch (r.fault) {
    case Fault::not_found:
        error_reply(res, 404, "model '" + model + "' not found", openai);
        return true;
    case Fault::not_found_pull:
        error_reply(res, 404, "model \"" + model + "\" not found, try pulling it first", openai);
        return true;
    case Fault::bad_request:
        error_reply(res, 400, "\"" + model + "\" does not support thinking", openai);
        return true;
    case Fault::prompt_too_long:
        error_reply(res, 400,
                    "the prompt is longer than the context length currently available to the "
                    "model; reduce the prompt or increase the context length",
                    openai);
        return true;
    case Fault::server_error:
        error_reply(res, 500, "an error was encountered while running the model", openai);
        return true;
    case Fault::queue_full:
        error_reply(res, 503, "server busy, please try again.  maximum pending requests exceeded",
                    openai);
        return true;
    default:
        return false;
    }
}

std::optional<nlohmann::json> parse_chat_body(const httplib::Request& req, httplib::Response& res,
                                              bool openai) {
    if (req.body.empty()) {
        error_reply(res, 400, "missing request body", openai);
        return std::nullopt;
    }
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        error_reply(res, 400, "invalid character 'x' looking for beginning of value", openai);
        return std::nullopt;
    }
    if (!body.contains("model") || !body["model"].is_string() ||
        body["model"].get_ref<const std::string&>().empty()) {
        error_reply(res, 400, "model is required", openai);
        return std::nullopt;
    }
    return body;
}

FakeOllama::FakeOllama(Mode mode) : m_state(std::make_shared<State>()) {
    m_state->mode = mode;
    m_state->server.set_keep_alive_max_count(1);
    // Ollama serves both API families; an OpenAI-compatible server (vLLM, llama-server) only /v1.
    if (mode == Mode::ollama) {
        install_native_routes(m_state);
    }
    install_openai_routes(m_state);
    m_state->port = m_state->server.bind_to_any_port("127.0.0.1");
    if (m_state->port <= 0) {
        throw std::runtime_error("fake ollama: cannot bind 127.0.0.1");
    }
    m_state->thread = std::thread([state = m_state] { state->server.listen_after_bind(); });
    // httplib's stop() does nothing until the accept loop runs; wait for it so that a stop
    // right after construction cannot leave the loop running (and the join hanging).
    while (!m_state->server.is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

FakeOllama::~FakeOllama() {
    stop();
}

void FakeOllama::stop() {
    {
        std::lock_guard lock(m_state->mutex);
        if (m_state->stopping) {
            return;
        }
        m_state->stopping = true;
    }
    m_state->stopped.notify_all();
    m_state->server.stop();
    if (m_state->thread.joinable()) {
        m_state->thread.join();
    }
}

int FakeOllama::port() const {
    return m_state->port;
}

std::string FakeOllama::url() const {
    return "http://" + host_port();
}

std::string FakeOllama::host_port() const {
    return "127.0.0.1:" + std::to_string(m_state->port);
}

void FakeOllama::add_model(FakeModel model) {
    std::lock_guard lock(m_state->mutex);
    m_state->models.push_back(std::move(model));
}

void FakeOllama::set_loaded(std::string model, int context_length) {
    std::lock_guard lock(m_state->mutex);
    m_state->loaded.emplace_back(std::move(model), context_length);
}

void FakeOllama::set_version(std::string version) {
    std::lock_guard lock(m_state->mutex);
    m_state->version = std::move(version);
}

void FakeOllama::set_default_reply(Reply reply) {
    std::lock_guard lock(m_state->mutex);
    m_state->default_reply = std::move(reply);
}

void FakeOllama::reply_when(std::string needle, Reply reply) {
    std::lock_guard lock(m_state->mutex);
    m_state->keyed.emplace_back(std::move(needle), std::move(reply));
}

void FakeOllama::reply_by(std::function<std::optional<Reply>(const std::string& body)> decide) {
    std::lock_guard lock(m_state->mutex);
    m_state->decide = std::move(decide);
}

void FakeOllama::script(Reply reply) {
    std::lock_guard lock(m_state->mutex);
    m_state->queue.push_back(std::move(reply));
}

void FakeOllama::require_bearer(std::string token) {
    std::lock_guard lock(m_state->mutex);
    m_state->bearer = std::move(token);
}

std::vector<Recorded> FakeOllama::requests() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->recorded;
}

std::vector<Recorded> FakeOllama::chat_requests() const {
    std::vector<Recorded> out;
    for (auto& r : requests()) {
        if (r.path == "/api/chat" || r.path == "/v1/chat/completions") {
            out.push_back(std::move(r));
        }
    }
    return out;
}

int closed_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        throw std::runtime_error("closed_port: cannot bind 127.0.0.1");
    }
    ::close(fd); // never listened: connecting is refused
    return ntohs(addr.sin_port);
}

} // namespace vigil::test
