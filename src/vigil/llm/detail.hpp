// llm (private): turning HTTP outcomes into classified failures, and the checks every
// finished answer goes through. Shared by the Ollama and OpenAI-compatible backends.
#pragma once

#include <nlohmann/json.hpp>
#include <vigil/llm/backend.hpp>
#include <vigil/llm/http.hpp>

namespace vigil::llm::detail {

// Transport failure (no status, or a timeout) -> unreachable / timeout / server_error.
LlmError transport_error(const HttpResult& result, const EndpointConfig& endpoint,
                         const std::string& model, const Timeouts& timeouts);

// A status >= 400 -> model_not_found (with the pull hint for Ollama), context_overflow,
// unauthorized, bad_request or server_error. The server's own message is kept.
LlmError status_error(const HttpResult& result, const EndpointConfig& endpoint,
                      const std::string& model);

// Either of the above, or nullopt for a complete 2xx exchange. A status >= 400 decides
// unless the transfer timed out or never connected.
std::optional<LlmError> http_error(const HttpResult& result, const EndpointConfig& endpoint,
                                   const std::string& model, const Timeouts& timeouts);

// The checks on a complete answer: done_reason "length", a prompt count far below the
// prompt's size, and (with a schema) JSON that parses; content is replaced by that JSON.
Result<ChatReply> check_reply(ChatReply reply, const ChatRequest& request,
                              const EndpointConfig& endpoint);

// The error message inside a JSON error body: {"error":"..."} or {"error":{"message":"..."}}.
std::string error_message(std::string_view body);

// The request body as JSON text. Code under review may hold bytes that are not UTF-8 (a
// Latin-1 file): they become U+FFFD rather than an exception.
std::string dump_utf8(const nlohmann::json& body);

std::string join_url(const std::string& base, std::string_view path);

} // namespace vigil::llm::detail
