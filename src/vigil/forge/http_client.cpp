#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <vigil/forge/http_client.hpp>

namespace vigil::forge {
namespace {

// A forge that is slow to answer should not hold a CI job for long: comments are extras.
constexpr long k_connect_seconds = 10;
constexpr long k_total_seconds = 60;
constexpr size_t k_max_body = 32 * 1024 * 1024;

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    size_t n = size * count;
    if (body->size() + n > k_max_body) {
        return 0;
    }
    body->append(data, n);
    return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    size_t n = size * count;
    std::string line(data, n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name;
        for (char c : line.substr(0, colon)) {
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) {
            value.pop_back();
        }
        (*headers)[name] = value;
    }
    return n;
}

std::string without_query(const std::string& url) {
    return url.substr(0, url.find('?'));
}

bool loopback(const std::string& url) {
    auto start = url.find("://");
    std::string rest = start == std::string::npos ? url : url.substr(start + 3);
    return rest.starts_with("127.") || rest.starts_with("localhost") || rest.starts_with("[::1]");
}

} // namespace

util::Expected<HttpReply> http_call(const HttpCall& call) {
    global_init();
    std::unique_ptr<CURL, void (*)(CURL*)> easy(curl_easy_init(), curl_easy_cleanup);
    if (!easy) {
        return util::runtime_error("cannot start an HTTP request (libcurl)");
    }
    HttpReply reply;
    curl_slist* list = nullptr;
    for (const auto& h : call.headers) {
        list = curl_slist_append(list, h.c_str());
    }
    if (!call.body.empty()) {
        list = curl_slist_append(list, "Content-Type: application/json");
    }
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(list, curl_slist_free_all);
    CURL* e = easy.get();
    curl_easy_setopt(e, CURLOPT_URL, call.url.c_str());
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, call.method.c_str());
    if (call.method != "GET") {
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, call.body.c_str());
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(call.body.size()));
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(e, CURLOPT_USERAGENT, "vigil");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &reply.headers);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, k_connect_seconds);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, k_total_seconds);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    // Redirects are not followed: one would carry the token to wherever it points.
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    if (loopback(call.url)) {
        curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
    }
    CURLcode code = curl_easy_perform(e);
    if (code != CURLE_OK) {
        return util::runtime_error(call.method + " " + without_query(call.url) + ": " +
                                   curl_easy_strerror(code));
    }
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

std::string next_link(const std::string& link_header) {
    // <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"
    size_t pos = 0;
    while (pos < link_header.size()) {
        auto open = link_header.find('<', pos);
        auto close = link_header.find('>', open);
        if (open == std::string::npos || close == std::string::npos) {
            return "";
        }
        auto end = link_header.find(',', close);
        std::string params = link_header.substr(
            close + 1, end == std::string::npos ? std::string::npos : end - close - 1);
        if (params.find("rel=\"next\"") != std::string::npos) {
            return link_header.substr(open + 1, close - open - 1);
        }
        if (end == std::string::npos) {
            return "";
        }
        pos = end + 1;
    }
    return "";
}

std::string url_escape(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace vigil::forge
