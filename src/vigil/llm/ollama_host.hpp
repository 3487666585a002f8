// llm: OLLAMA_HOST read exactly as Ollama's envconfig.Host() reads it.
#pragma once

#include <string>
#include <string_view>

namespace vigil::llm {

inline constexpr const char* k_default_ollama_url = "http://127.0.0.1:11434";

// The base URL Ollama itself would use for this OLLAMA_HOST value: quotes and whitespace
// stripped, scheme http by default, port 11434 by default (80/443 with an explicit scheme),
// an invalid port replaced by 11434, a path kept; "ollama.com" means https://ollama.com:443.
std::string parse_ollama_host(std::string_view value);

// The URL to connect to: a bind-all or empty host becomes loopback (0.0.0.0 -> 127.0.0.1,
// :: -> [::1], "" -> 127.0.0.1).
std::string connectable_url(std::string_view base_url);

} // namespace vigil::llm
