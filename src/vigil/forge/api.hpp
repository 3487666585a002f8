// forge (private): what the GitHub and GitLab clients share — authenticated JSON calls and
// errors that say which call failed without showing the token.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <vigil/forge/http_client.hpp>

namespace vigil::forge {

// Sends a call; a status outside 2xx (other than `allowed`) fails (runtime) with the method,
// the path, the status and the API's own message.
util::Expected<HttpReply> checked_call(const HttpCall& call, const std::string& forge,
                                       long allowed = 0);

// The reply's body as JSON; fails (runtime) when it is not JSON.
util::Expected<nlohmann::json> json_body(const HttpReply& reply, const std::string& what);

} // namespace vigil::forge

namespace vigil::forge {

struct CiContext;
class ForgeClient;
std::unique_ptr<ForgeClient> make_github_client(const CiContext& context);
std::unique_ptr<ForgeClient> make_gitlab_client(const CiContext& context);

} // namespace vigil::forge
