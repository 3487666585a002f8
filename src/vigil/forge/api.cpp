#include "api.hpp"

namespace vigil::forge {

util::Expected<HttpReply> checked_call(const HttpCall& call, const std::string& forge,
                                       long allowed) {
    auto reply = VIGIL_TRY(http_call(call));
    if ((reply.status >= 200 && reply.status < 300) || reply.status == allowed) {
        return reply;
    }
    std::string path = call.url.substr(0, call.url.find('?'));
    std::string message;
    auto doc = nlohmann::json::parse(reply.body, nullptr, false);
    if (doc.is_object() && doc.contains("message")) {
        message =
            doc["message"].is_string() ? doc["message"].get<std::string>() : doc["message"].dump();
    }
    std::string hint;
    if (reply.status == 401 || reply.status == 403 || reply.status == 404) {
        hint = forge == "GitHub" ? "check that the token may write pull requests "
                                   "(permissions: pull-requests: write); fork pull requests "
                                   "get a read-only token"
                                 : "check that GITLAB_TOKEN has the api scope and access to "
                                   "the project";
    }
    return util::runtime_error(forge + " API: " + call.method + " " + path + ": HTTP " +
                                   std::to_string(reply.status) +
                                   (message.empty() ? "" : " (" + message.substr(0, 300) + ")"),
                               hint);
}

util::Expected<nlohmann::json> json_body(const HttpReply& reply, const std::string& what) {
    auto doc = nlohmann::json::parse(reply.body, nullptr, false);
    if (doc.is_discarded()) {
        return util::runtime_error(what + ": the answer is not JSON");
    }
    return doc;
}

} // namespace vigil::forge
