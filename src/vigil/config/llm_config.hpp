// config: model settings — endpoints, role models, timeouts, budget, cache — from the user's
// own configuration only. Layers, later wins: the user file ($VIGIL_CONFIG, else
// $XDG_CONFIG_HOME/vigil/config.toml, else ~/.config/vigil/config.toml), the environment
// (OLLAMA_HOST for the default endpoint, VIGIL_MODEL), then flags.
//
// Trust: a repository's .vigil.toml is never read here, so a pull request cannot point models
// at another host or read a token from another variable; the rule loader rejects an [llm]
// table in it as an unknown key.
#pragma once

#include <filesystem>
#include <string>
#include <vector>
#include <vigil/llm/settings.hpp>
#include <vigil/util/error.hpp>

namespace vigil::config {

struct LlmConfigRequest {
    std::string user_file;              // --llm-config; empty: the default places
    std::string model;                  // --model: every role
    std::vector<std::string> endpoints; // --endpoint URL (Ollama), repeatable: replace the file's
    std::string budget;                 // --llm-budget ("90s", "5m")
    bool no_cache = false;              // --no-llm-cache
};

// Fails (config error, exit 2) naming file:line for a bad value or an unknown key, and when
// --llm-config names a file that does not exist.
util::Expected<llm::LlmSettings> load_llm_settings(const LlmConfigRequest& request);

// Where the user file is looked for when none is named; empty when no HOME is known.
std::filesystem::path default_user_config_file();

// "250ms", "3s", "5m", "1h", or a plain number of seconds.
util::Expected<llm::Millis> parse_duration(std::string_view text);

} // namespace vigil::config
