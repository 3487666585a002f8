// llm: which model and endpoints serve each role, and the Router that sends a role's requests
// — spread over its endpoints, failing over when one is down, never retrying an endpoint that
// failed earlier in the run, within the run's time budget, through the response cache, with
// token and time accounting.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vigil/llm/accounting.hpp>
#include <vigil/llm/backend.hpp>
#include <vigil/llm/cache.hpp>
#include <vigil/llm/settings.hpp>

namespace vigil::llm {

struct RoleRoute {
    std::string model;                   // the default
    std::vector<std::string> candidates; // models a caller may ask for instead (llm.roles.X.models)
    std::vector<size_t> endpoints;       // indices into RoutingPlan::endpoints
    std::string origin; // "configured", "shared model", "picked from installed models"
};

struct RoutingPlan {
    std::vector<EndpointConfig> endpoints;
    std::map<Role, RoleRoute> roles; // a role missing here has no model
    std::vector<std::string> notes;  // what was picked and why, what is missing
};

// For roles without a configured model, from what the endpoints list: one installed model
// serves every role; otherwise a coder model reviews and explains, the smallest model
// triages, a reasoning model (r1, qwq, qwen3, thinking) verifies when there is one.
std::map<Role, std::string> pick_default_models(const std::vector<ModelEntry>& installed);

// The endpoints settings name (or one Ollama endpoint from OLLAMA_HOST) — before any request.
std::vector<EndpointConfig> effective_endpoints(const LlmSettings& settings);

// How a note about an endpoint that could not list its models starts.
inline constexpr std::string_view k_list_failed = "could not list models";

// Resolves each role to a model and endpoints. Asks backends for their models (/api/tags)
// only when some role has no configured model. Fails (config error) when a role names an
// endpoint that does not exist.
util::Expected<RoutingPlan> plan_routes(const LlmSettings& settings,
                                        const std::vector<Backend*>& backends);

// How often, and after what pause (times the attempt), a busy endpoint is asked again.
inline constexpr int k_busy_retries = 2;
inline constexpr Millis k_busy_pause{250};

class Router {
public:
    // backends[i] serves plan.endpoints[i]. cache may be null (no caching).
    Router(std::vector<std::unique_ptr<Backend>> backends, RoutingPlan plan,
           std::optional<Millis> budget, std::unique_ptr<ResponseCache> cache);

    bool has_role(Role role) const { return m_plan.roles.contains(role); }
    const RoutingPlan& plan() const { return m_plan; }

    // Sends the request with the role's model. Thread-safe. A cached answer is returned
    // without sending; a busy endpoint (503, 429) is asked again after a pause; an endpoint that
    // fails (unreachable, timeout, server error, refused) is left out for the rest of the run and
    // the next one tried; a request-specific failure (context overflow, malformed or truncated
    // output) is returned as it is.
    Result<ChatReply> chat(Role role, ChatRequest request);

    Accounting& accounting() { return m_accounting; }
    // Endpoints left out, with the failure that took them out.
    std::vector<std::pair<std::string, std::string>> failed_endpoints() const;

private:
    std::vector<std::unique_ptr<Backend>> m_backends;
    RoutingPlan m_plan;
    std::optional<Clock::time_point> m_deadline;
    std::unique_ptr<ResponseCache> m_cache;
    Accounting m_accounting;

    mutable std::mutex m_mutex;
    std::map<size_t, std::string> m_failed;                   // endpoint -> why
    std::set<std::pair<size_t, std::string>> m_missing_model; // endpoint, model
    std::map<Role, size_t> m_next;                            // round-robin position
};

} // namespace vigil::llm
