#include "fake_forge.hpp"

#include <httplib.h>
#include <stdexcept>

namespace vigil::test {

ForgeServer::ForgeServer() : m_server(std::make_unique<httplib::Server>()) {
    m_server->set_keep_alive_max_count(1);
}

ForgeServer::~ForgeServer() {
    stop();
}

void ForgeServer::route(const std::string& method, const std::string& pattern, Handler handler) {
    auto wrapped = [this, method, handler](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(m_mutex);
        ForgeRequest r{req.method, req.path, {}, req.body, {}};
        for (const auto& [k, v] : req.params) {
            r.params[k] = v;
        }
        for (const auto& [k, v] : req.headers) {
            std::string key;
            for (char c : k) {
                key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            r.headers[key] = v;
        }
        m_requests.push_back(std::move(r));
        handler(req, res);
    };
    if (method == "GET") {
        m_server->Get(pattern, wrapped);
    } else if (method == "POST") {
        m_server->Post(pattern, wrapped);
    } else if (method == "PATCH") {
        m_server->Patch(pattern, wrapped);
    } else if (method == "PUT") {
        m_server->Put(pattern, wrapped);
    } else {
        throw std::invalid_argument("fake forge: method " + method);
    }
}

void ForgeServer::start() {
    m_port = m_server->bind_to_any_port("127.0.0.1");
    if (m_port <= 0) {
        throw std::runtime_error("fake forge: cannot bind 127.0.0.1");
    }
    m_thread = std::make_unique<std::thread>([this] { m_server->listen_after_bind(); });
    while (!m_server->is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void ForgeServer::stop() {
    if (m_stopped) {
        return;
    }
    m_stopped = true;
    m_server->stop();
    if (m_thread && m_thread->joinable()) {
        m_thread->join();
    }
}

std::string ForgeServer::origin() const {
    return "http://127.0.0.1:" + std::to_string(m_port);
}

std::vector<ForgeRequest> ForgeServer::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

std::vector<std::string> ForgeServer::violations() const {
    std::lock_guard lock(m_mutex);
    return m_violations;
}

void ForgeServer::violation(std::string what) {
    m_violations.push_back(std::move(what));
}

bool in_diff(const DiffLines& diff, const std::string& path, int first, int last) {
    if (diff.empty()) {
        return true;
    }
    auto it = diff.find(path);
    if (it == diff.end() || first < 1 || last < first) {
        return false;
    }
    for (int l = first; l <= last; ++l) {
        if (!it->second.contains(l)) {
            return false;
        }
    }
    return true;
}

} // namespace vigil::test
