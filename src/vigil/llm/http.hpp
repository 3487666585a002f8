// llm: one HTTP exchange through libcurl, with the deadlines a commit hook needs (connect,
// first byte, silence inside a stream, total) and proxies kept away from loopback.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/llm/types.hpp>

namespace vigil::llm {

struct HttpRequest {
    std::string method = "GET"; // GET | POST
    std::string url;
    std::string body;
    std::vector<std::string> headers; // "Name: value"
    Timeouts timeouts;
    std::optional<Clock::time_point> deadline; // the run's budget; earliest of this and total
};

enum class HttpFailure {
    none,
    connect,            // refused, unresolvable, or connect timeout
    timeout_first_byte, // nothing of the answer within timeouts.first_token
    timeout_idle,       // a streamed answer went silent for timeouts.idle
    timeout_total,      // the request outlived timeouts.total or the deadline
    dropped,            // the connection closed before the answer ended
    aborted,            // on_data asked to stop
    other,
};

struct HttpResult {
    long status = 0;
    HttpFailure failure = HttpFailure::none;
    std::string detail;     // libcurl's words for a transport failure
    std::string error_body; // the body of a response with status >= 400
};

// Sends the request. Body bytes of a 2xx answer go to on_data as they arrive, in pieces cut
// anywhere; on_data returns false to stop the transfer (failure `aborted`). Never throws.
HttpResult http_send(const HttpRequest& request,
                     const std::function<bool(std::string_view)>& on_data);

// True when the URL's host is a loopback name or address.
bool is_loopback_url(std::string_view url);

} // namespace vigil::llm
