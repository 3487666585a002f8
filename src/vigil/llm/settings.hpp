// llm: what the user configured for models — endpoints, which model serves which role,
// timeouts, the run's budget, the cache. Plain data: config fills it from the user's file, the
// environment and flags (never from a repository's file), the router consumes it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>
#include <vigil/llm/types.hpp>

namespace vigil::llm {

struct RoleSetting {
    std::string model; // empty: the shared model, else picked from /api/tags
    // Several models for the role (the first, or `model`, by default): `vigil review` prefers
    // the one whose fixes people take more often here (docs/learning.md).
    std::vector<std::string> models;
    std::vector<std::string> endpoints; // endpoint names; empty: every endpoint
};

struct LlmSettings {
    std::vector<EndpointConfig> endpoints; // empty: one Ollama endpoint at OLLAMA_HOST
    std::map<Role, RoleSetting> roles;
    std::string model; // serves every role that names none
    Timeouts timeouts;
    std::optional<Millis> budget; // the whole run's model time; nullopt: no limit
    bool cache = true;
    std::string cache_dir;            // empty: $XDG_CACHE_HOME/vigil/llm (~/.cache/vigil/llm)
    std::vector<std::string> sources; // where settings came from, for `vigil doctor`
};

} // namespace vigil::llm
