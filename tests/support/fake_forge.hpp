// Test support: what the fake forge APIs (fake_github.hpp, fake_gitlab.hpp) share — the
// recorded requests, the shape problems they found in them, and the loopback HTTP server
// they run on (127.0.0.1, ephemeral port, started before the constructor returns).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace vigil::test {

struct ForgeRequest {
    std::string method;
    std::string path; // without the query
    std::map<std::string, std::string> params;
    std::string body;
    std::map<std::string, std::string> headers; // names lower-cased
};

// The loopback server and the record of what reached it. Handlers run under lock().
class ForgeServer {
public:
    ForgeServer();
    ~ForgeServer();
    ForgeServer(const ForgeServer&) = delete;
    ForgeServer& operator=(const ForgeServer&) = delete;

    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
    // Routes a method and a path regex (matched whole; groups in req.matches). Every request
    // is recorded first and handled under the server's lock.
    void route(const std::string& method, const std::string& pattern, Handler handler);
    void start(); // binds and serves; call after the routes
    void stop();  // idempotent

    std::string origin() const; // "http://127.0.0.1:<port>"
    std::mutex& mutex() const { return m_mutex; }
    std::vector<ForgeRequest> requests() const;
    // Problems with the shape of requests (a missing field, a wrong header): tests expect none.
    std::vector<std::string> violations() const;
    void violation(std::string what); // call with the lock held

private:
    std::unique_ptr<httplib::Server> m_server;
    std::unique_ptr<std::thread> m_thread;
    int m_port = 0;
    mutable std::mutex m_mutex;
    std::vector<ForgeRequest> m_requests;
    std::vector<std::string> m_violations;
    bool m_stopped = false;
};

// Lines of the diff a comment may be on, per path; a path not listed is not in the diff.
// Empty (never set): every line of every path is.
using DiffLines = std::map<std::string, std::set<int>>;

bool in_diff(const DiffLines& diff, const std::string& path, int first, int last);

} // namespace vigil::test
