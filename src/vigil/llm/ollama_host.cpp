#include <charconv>
#include <vigil/llm/ollama_host.hpp>

namespace vigil::llm {
namespace {

std::string_view trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && space(s.back())) {
        s.remove_suffix(1);
    }
    while (!s.empty() && (s.front() == '"' || s.front() == '\'')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == '"' || s.back() == '\'')) {
        s.remove_suffix(1);
    }
    return s;
}

bool valid_port(std::string_view p) {
    int n = 0;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), n);
    return ec == std::errc() && end == p.data() + p.size() && n >= 0 && n <= 65535;
}

} // namespace

std::string parse_ollama_host(std::string_view value) {
    std::string_view s = trim(value);
    if (s.empty()) {
        return k_default_ollama_url;
    }
    if (s == "ollama.com") {
        return "https://ollama.com:443";
    }
    std::string scheme = "http";
    std::string default_port = "11434";
    if (auto pos = s.find("://"); pos != std::string_view::npos) {
        scheme = std::string(s.substr(0, pos));
        s.remove_prefix(pos + 3);
        default_port = scheme == "https" ? "443" : scheme == "http" ? "80" : "11434";
    }
    std::string path;
    if (auto slash = s.find('/'); slash != std::string_view::npos) {
        path = std::string(s.substr(slash));
        s = s.substr(0, slash);
    }
    std::string host;
    std::string port;
    if (s.starts_with("[")) { // [v6] or [v6]:port
        auto close = s.find(']');
        host = std::string(s.substr(0, close + 1));
        std::string_view after = close == std::string_view::npos ? "" : s.substr(close + 1);
        if (after.starts_with(":")) {
            port = std::string(after.substr(1));
        }
    } else if (s.find(':') != s.rfind(':')) { // bare IPv6 such as ::1
        host = "[" + std::string(s) + "]";
    } else if (auto colon = s.find(':'); colon != std::string_view::npos) {
        host = std::string(s.substr(0, colon));
        port = std::string(s.substr(colon + 1));
    } else {
        host = std::string(s);
    }
    if (port.empty()) {
        port = default_port;
    } else if (!valid_port(port)) {
        port = "11434";
    }
    return scheme + "://" + host + ":" + port + path;
}

std::string connectable_url(std::string_view base_url) {
    std::string url(base_url);
    auto scheme = url.find("://");
    size_t host_start = scheme == std::string::npos ? 0 : scheme + 3;
    auto replace_host = [&](std::string_view from, std::string_view to) {
        if (url.compare(host_start, from.size(), from) == 0) {
            url.replace(host_start, from.size(), to);
            return true;
        }
        return false;
    };
    if (!replace_host("0.0.0.0:", "127.0.0.1:") && !replace_host("[::]:", "[::1]:")) {
        replace_host(":", "127.0.0.1:");
    }
    return url;
}

} // namespace vigil::llm
