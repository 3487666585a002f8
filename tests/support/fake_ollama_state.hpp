// Test support: the fake Ollama server's shared state and helpers (private to its .cpp files).
#pragma once

#include "fake_ollama.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <httplib.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

namespace vigil::test {

struct FakeOllama::State {
    Mode mode = Mode::ollama;
    httplib::Server server;
    std::thread thread;
    int port = 0;

    mutable std::mutex mutex;
    std::condition_variable stopped;
    bool stopping = false;
    std::vector<FakeModel> models;
    std::string version = "0.33.0";
    Reply default_reply;
    std::deque<Reply> queue;
    std::vector<std::pair<std::string, Reply>> keyed;               // reply_when: needle -> reply
    std::function<std::optional<Reply>(const std::string&)> decide; // reply_by
    std::vector<Recorded> recorded;
    std::string bearer;
    std::vector<std::pair<std::string, int>> loaded; // /api/ps

    // Sleeps up to how_long; false when the server is stopping (so handlers end promptly).
    bool wait(std::chrono::milliseconds how_long);
    Reply next_reply(const std::string& body);
    bool has_model(const std::string& name) const;
    void record(const httplib::Request& req);
    bool authorized(const httplib::Request& req, httplib::Response& res);
};

void install_native_routes(const std::shared_ptr<FakeOllama::State>& state);
void install_openai_routes(const std::shared_ptr<FakeOllama::State>& state);

int prompt_tokens(const nlohmann::json& body);
std::pair<std::string, std::string> reply_text(const Reply& r);
std::vector<std::string> split_pieces(const std::string& text, size_t pieces);
bool write_split(httplib::DataSink& sink, const std::string& bytes, size_t n);
void error_reply(httplib::Response& res, int status, const std::string& message, bool openai);
bool early_fault(const Reply& r, const std::string& model, httplib::Response& res, bool openai);
std::optional<nlohmann::json> parse_chat_body(const httplib::Request& req, httplib::Response& res,
                                              bool openai);

// How long a stalled stream waits for the client to give up before it ends by itself.
inline constexpr std::chrono::minutes k_stall{10};

} // namespace vigil::test
