#include <algorithm>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <vigil/llm/http.hpp>

namespace vigil::llm {
namespace {

// curl_global_init is not thread-safe; do it once, before any handle exists.
void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    CURL* easy = nullptr;
    const std::function<bool(std::string_view)>* on_data = nullptr;
    HttpResult* result = nullptr;
    bool got_data = false;
    bool aborted = false;
    Clock::time_point last_data;
};

size_t on_write(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    t->got_data = true;
    t->last_data = Clock::now();
    if (t->result->status == 0) {
        curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &t->result->status);
    }
    if (t->result->status >= 400) {
        // Error bodies are small JSON objects; keep a bounded copy for the message.
        if (t->result->error_body.size() < 64 * 1024) {
            t->result->error_body.append(data, n);
        }
        return n;
    }
    if (!(*t->on_data)(std::string_view(data, n))) {
        t->aborted = true;
        return 0;
    }
    return n;
}

HttpFailure classify(CURLcode code) {
    switch (code) {
    case CURLE_OK:
        return HttpFailure::none;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT: // only the connect timeout is left to libcurl
        return HttpFailure::connect;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
        return HttpFailure::dropped;
    default:
        return HttpFailure::other;
    }
}

using EasyPtr = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using MultiPtr = std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)>;
using ListPtr = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

} // namespace

bool is_loopback_url(std::string_view url) {
    auto scheme = url.find("://");
    std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    std::string_view host;
    if (rest.starts_with("[")) {
        host = rest.substr(0, rest.find(']') + 1);
    } else {
        host = rest.substr(0, rest.find_first_of(":/?#"));
    }
    return host == "localhost" || host == "[::1]" || host.starts_with("127.");
}

HttpResult http_send(const HttpRequest& request,
                     const std::function<bool(std::string_view)>& on_data) {
    global_init();
    HttpResult result;
    EasyPtr easy(curl_easy_init(), curl_easy_cleanup);
    MultiPtr multi(curl_multi_init(), curl_multi_cleanup);
    if (!easy || !multi) {
        result.failure = HttpFailure::other;
        result.detail = "libcurl could not start a transfer";
        return result;
    }
    CURL* e = easy.get();
    Transfer t{e, &on_data, &result, false, false, {}};
    // No "Expect: 100-continue" for large prompts: a server that ignores it costs a second.
    curl_slist* raw_headers = curl_slist_append(nullptr, "Expect:");
    for (const auto& h : request.headers) {
        raw_headers = curl_slist_append(raw_headers, h.c_str());
    }
    ListPtr headers(raw_headers, curl_slist_free_all);
    curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    // http_proxy must never capture a call to this machine's own model server.
    curl_easy_setopt(e, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1,[::1]");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(request.timeouts.connect.count()));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(e, CURLOPT_USERAGENT, "vigil");
    if (request.method == "POST") {
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    curl_multi_add_handle(multi.get(), e);

    // The deadlines are checked here rather than left to libcurl's progress callback, which
    // may run only once a second while a stream is silent.
    Clock::time_point start = Clock::now();
    Clock::time_point total_end = start + request.timeouts.total;
    if (request.deadline && *request.deadline < total_end) {
        total_end = *request.deadline;
    }
    int running = 1;
    while (running) {
        if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
            break;
        }
        if (!running) {
            break;
        }
        Clock::time_point now = Clock::now();
        if (now >= total_end) {
            result.failure = HttpFailure::timeout_total;
        } else if (!t.got_data && now - start >= request.timeouts.first_token) {
            result.failure = HttpFailure::timeout_first_byte;
        } else if (t.got_data && now - t.last_data >= request.timeouts.idle) {
            result.failure = HttpFailure::timeout_idle;
        }
        if (result.failure != HttpFailure::none) {
            curl_multi_remove_handle(multi.get(), e);
            return result;
        }
        curl_multi_poll(multi.get(), nullptr, 0, 20, nullptr);
    }
    CURLcode code = CURLE_OK;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
        if (msg->msg == CURLMSG_DONE) {
            code = msg->data.result;
        }
    }
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &result.status);
    curl_multi_remove_handle(multi.get(), e);
    if (t.aborted) {
        result.failure = HttpFailure::aborted;
    } else if (code != CURLE_OK) {
        result.failure = classify(code);
        result.detail = curl_easy_strerror(code);
    }
    return result;
}

} // namespace vigil::llm
