// forge: the HTTP exchanges with a forge's REST API, through libcurl. Requests are small JSON
// documents; answers are read whole. The token travels in a header and never appears in an
// error message.
#pragma once

#include <map>
#include <string>
#include <vector>
#include <vigil/util/error.hpp>

namespace vigil::forge {

struct HttpCall {
    std::string method = "GET"; // GET | POST | PATCH | PUT
    std::string url;
    std::string body;                 // sent as application/json when not empty
    std::vector<std::string> headers; // "Name: value"
};

struct HttpReply {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers; // names lower-cased; the last of repeats
};

// Sends the call and reads the whole answer, whatever its status. Fails (runtime) when no
// answer came (refused, unresolvable, timed out); the message names the method and the URL
// without its query.
util::Expected<HttpReply> http_call(const HttpCall& call);

// The URL of the rel="next" link in a Link header, or "" (GitHub's pagination).
std::string next_link(const std::string& link_header);

// "%2F"-style escaping for a path segment or query value.
std::string url_escape(const std::string& text);

} // namespace vigil::forge
