// cli: the router `review` and `explain` send requests through, from the user's model
// settings (never a repository's), or the reason there is no model to send to.
#pragma once

#include <memory>
#include <string>
#include <vigil/config/llm_config.hpp>
#include <vigil/llm/routing.hpp>

namespace vigil::cli {

struct Models {
    std::unique_ptr<llm::Router> router; // null when no model serves the role asked for
    std::string missing;                 // why not, in words
};

// Fails only on a configuration error (exit 2); an unreachable server is `missing`.
util::Expected<Models> connect_models(const config::LlmConfigRequest& request,
                                      llm::Role needed = llm::Role::review);

} // namespace vigil::cli
