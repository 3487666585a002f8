#include <vigil/llm/types.hpp>

namespace vigil::llm {

std::string_view to_string(Role role) {
    switch (role) {
    case Role::triage:
        return "triage";
    case Role::review:
        return "review";
    case Role::verify:
        return "verify";
    case Role::explain:
        return "explain";
    }
    return "?";
}

std::optional<Role> parse_role(std::string_view name) {
    for (Role r : k_roles) {
        if (to_string(r) == name) {
            return r;
        }
    }
    return std::nullopt;
}

std::string_view to_string(Failure failure) {
    switch (failure) {
    case Failure::unreachable:
        return "unreachable";
    case Failure::model_not_found:
        return "model not found";
    case Failure::context_overflow:
        return "context overflow";
    case Failure::truncated_output:
        return "truncated output";
    case Failure::malformed_output:
        return "malformed output";
    case Failure::timeout:
        return "timeout";
    case Failure::server_error:
        return "server error";
    case Failure::unauthorized:
        return "unauthorized";
    case Failure::bad_request:
        return "bad request";
    case Failure::budget_exhausted:
        return "time budget used up";
    case Failure::no_endpoint:
        return "no endpoint left";
    }
    return "?";
}

std::string LlmError::describe() const {
    std::string out = endpoint.empty() ? "" : endpoint + ": ";
    out += std::string(to_string(failure));
    if (!message.empty()) {
        out += ": " + message;
    }
    return out;
}

util::Error LlmError::to_error() const {
    return util::Error{util::ErrorKind::runtime, describe(), hint, {}};
}

bool endpoint_failed(Failure failure) {
    switch (failure) {
    case Failure::unreachable:
    case Failure::timeout:
    case Failure::server_error:
    case Failure::unauthorized:
        return true;
    default:
        return false;
    }
}

uint64_t tokens_upper_bound(size_t bytes) {
    return bytes / 3 + 16;
}

uint64_t tokens_lower_bound(size_t bytes) {
    return bytes / 6;
}

size_t prompt_bytes(const ChatRequest& request) {
    size_t n = request.schema.size();
    for (const auto& m : request.messages) {
        n += m.content.size() + 8; // role markers of the chat template
    }
    return n;
}

} // namespace vigil::llm
