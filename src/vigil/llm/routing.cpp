// Role resolution and the Router. Failover is deliberately simple: an endpoint that failed
// once in a run stays out (a down machine would otherwise cost a timeout per hunk).
#include <algorithm>
#include <cstdlib>
#include <thread>
#include <vigil/llm/ollama_host.hpp>
#include <vigil/llm/routing.hpp>
#include <vigil/util/env.hpp>

namespace vigil::llm {
namespace {

bool name_has(const std::string& name, std::initializer_list<std::string_view> parts) {
    return std::any_of(parts.begin(), parts.end(),
                       [&](std::string_view p) { return name.find(p) != std::string::npos; });
}

// Billions of parameters from "7.6B" / "500M", else the file size as a stand-in.
double weight(const ModelEntry& m) {
    double n = std::atof(m.parameter_size.c_str());
    if (n > 0) {
        return m.parameter_size.ends_with("M") ? n / 1000 : n;
    }
    return static_cast<double>(m.size) / 1e9;
}

} // namespace

std::map<Role, std::string> pick_default_models(const std::vector<ModelEntry>& all) {
    std::vector<ModelEntry> chat;
    for (const auto& m : all) {
        if (!name_has(m.name, {"embed", "minilm", "bge-", "rerank"})) {
            chat.push_back(m);
        }
    }
    std::map<Role, std::string> out;
    if (chat.empty()) {
        return out;
    }
    std::stable_sort(chat.begin(), chat.end(), [](const ModelEntry& a, const ModelEntry& b) {
        return weight(a) < weight(b);
    });
    std::string review = chat.back().name; // the largest, unless there is a code model
    for (auto it = chat.rbegin(); it != chat.rend(); ++it) {
        if (name_has(it->name, {"coder", "code"})) {
            review = it->name;
            break;
        }
    }
    std::string verify = review;
    for (auto it = chat.rbegin(); it != chat.rend(); ++it) {
        if (name_has(it->name, {"r1", "qwq", "qwen3", "think", "reason"}) && it->name != review) {
            verify = it->name;
            break;
        }
    }
    out[Role::triage] = chat.front().name;
    out[Role::review] = review;
    out[Role::verify] = verify;
    out[Role::explain] = review;
    return out;
}

std::vector<EndpointConfig> effective_endpoints(const LlmSettings& settings) {
    std::vector<EndpointConfig> out = settings.endpoints;
    if (out.empty()) {
        const char* host = util::env_value("OLLAMA_HOST");
        std::string url = connectable_url(parse_ollama_host(host ? host : ""));
        out.push_back({url, "ollama", url, ""});
    }
    for (auto& e : out) {
        if (e.name.empty()) {
            e.name = e.url;
        }
    }
    return out;
}

util::Expected<RoutingPlan> plan_routes(const LlmSettings& settings,
                                        const std::vector<Backend*>& backends) {
    RoutingPlan plan;
    plan.endpoints = effective_endpoints(settings);
    std::vector<size_t> all;
    for (size_t i = 0; i < plan.endpoints.size(); ++i) {
        all.push_back(i);
    }
    bool discover =
        settings.model.empty() && std::any_of(std::begin(k_roles), std::end(k_roles), [&](Role r) {
            auto it = settings.roles.find(r);
            return it == settings.roles.end() || it->second.model.empty();
        });
    std::map<Role, std::string> defaults;
    if (discover) {
        std::vector<ModelEntry> installed;
        for (Backend* b : backends) {
            auto models = b->models();
            if (!models) {
                plan.notes.push_back(std::string(k_list_failed) + ": " + models.error().describe());
                continue;
            }
            installed.insert(installed.end(), models->begin(), models->end());
        }
        defaults = pick_default_models(installed);
    }
    std::string without_model;
    for (Role role : k_roles) {
        RoleRoute route;
        RoleSetting rs;
        if (auto it = settings.roles.find(role); it != settings.roles.end()) {
            rs = it->second;
        }
        route.endpoints = rs.endpoints.empty() ? all : std::vector<size_t>{};
        for (const auto& name : rs.endpoints) {
            auto it = std::find_if(plan.endpoints.begin(), plan.endpoints.end(),
                                   [&](const EndpointConfig& e) { return e.name == name; });
            if (it == plan.endpoints.end()) {
                return util::config_error("role '" + std::string(to_string(role)) +
                                              "' names endpoint '" + name +
                                              "', which is not configured",
                                          "add it under [[llm.endpoints]] in the user config, or "
                                          "fix the name");
            }
            route.endpoints.push_back(static_cast<size_t>(it - plan.endpoints.begin()));
        }
        if (!rs.model.empty() || !rs.models.empty()) {
            route.model = rs.model.empty() ? rs.models.front() : rs.model;
            route.origin = "configured";
            route.candidates = rs.models;
            if (std::find(rs.models.begin(), rs.models.end(), route.model) == rs.models.end() &&
                !rs.models.empty()) {
                route.candidates.insert(route.candidates.begin(), route.model);
            }
        } else if (!settings.model.empty()) {
            route.model = settings.model;
            route.origin = "shared model";
        } else if (auto it = defaults.find(role); it != defaults.end()) {
            route.model = it->second;
            route.origin = "picked from installed models";
            plan.notes.push_back(std::string(to_string(role)) + ": using " + route.model +
                                 " (picked from the installed models; set llm.roles." +
                                 std::string(to_string(role)) + ".model to choose)");
        } else {
            without_model += (without_model.empty() ? "" : ", ") + std::string(to_string(role));
            continue;
        }
        plan.roles[role] = std::move(route);
    }
    if (!without_model.empty()) {
        plan.notes.push_back("no model for " + without_model +
                             ": set llm.model in the user config, or install one (e.g. 'ollama "
                             "pull qwen2.5-coder:7b')");
    }
    return plan;
}

Router::Router(std::vector<std::unique_ptr<Backend>> backends, RoutingPlan plan,
               std::optional<Millis> budget, std::unique_ptr<ResponseCache> cache)
    : m_backends(std::move(backends)), m_plan(std::move(plan)), m_cache(std::move(cache)) {
    if (budget) {
        m_deadline = Clock::now() + *budget;
    }
}

std::vector<std::pair<std::string, std::string>> Router::failed_endpoints() const {
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [i, why] : m_failed) {
        out.emplace_back(m_plan.endpoints[i].name, why);
    }
    return out;
}

Result<ChatReply> Router::chat(Role role, ChatRequest request) {
    auto route_it = m_plan.roles.find(role);
    if (route_it == m_plan.roles.end()) {
        return std::unexpected(
            LlmError{Failure::no_endpoint,
                     "no model is configured or installed for " + std::string(to_string(role)),
                     "run 'vigil doctor'", "", ""});
    }
    RoleRoute route = route_it->second;
    // A caller may ask for one of the role's other configured models; anything else is the
    // role's own model.
    if (std::find(route.candidates.begin(), route.candidates.end(), request.model) !=
        route.candidates.end()) {
        route.model = request.model;
    }
    request.model = route.model;
    std::string key;
    if (m_cache) {
        key = ResponseCache::key(request);
        if (auto hit = m_cache->get(key)) {
            m_accounting.add_cache_hit(role, route.model);
            ChatReply reply;
            reply.content = std::move(*hit);
            reply.done_reason = "stop";
            reply.model = route.model;
            reply.endpoint = "cache";
            reply.from_cache = true;
            if (request.on_text) {
                request.on_text(reply.content);
            }
            return reply;
        }
    }
    size_t start = 0;
    {
        std::lock_guard lock(m_mutex);
        start = m_next[role]++;
    }
    std::optional<LlmError> last;
    size_t n = route.endpoints.size();
    for (size_t k = 0; k < n; ++k) {
        size_t index = route.endpoints[(start + k) % n];
        {
            std::lock_guard lock(m_mutex);
            if (m_failed.contains(index) || m_missing_model.contains({index, route.model})) {
                continue;
            }
        }
        if (m_deadline && Clock::now() >= *m_deadline) {
            return std::unexpected(LlmError{
                Failure::budget_exhausted, "the run's model time budget is used up",
                "raise --llm-budget; the rest is reviewed by rules only", "", route.model});
        }
        Clock::time_point began = Clock::now();
        auto reply = m_backends[index]->chat(request, m_deadline);
        // A busy server (503 queue full, 429) is asked again after a pause before it is given
        // up on; the pause never outlasts the budget.
        for (int attempt = 1; !reply && reply.error().busy() && attempt <= k_busy_retries;
             ++attempt) {
            m_accounting.add_failure(role, route.model,
                                     std::chrono::duration_cast<Millis>(Clock::now() - began));
            Clock::time_point wake = Clock::now() + k_busy_pause * attempt;
            if (m_deadline && wake >= *m_deadline) {
                break;
            }
            std::this_thread::sleep_until(wake);
            began = Clock::now();
            reply = m_backends[index]->chat(request, m_deadline);
        }
        if (reply) {
            m_accounting.add_reply(role, *reply);
            if (m_cache) {
                m_cache->put(key, reply->content);
            }
            return reply;
        }
        m_accounting.add_failure(role, route.model,
                                 std::chrono::duration_cast<Millis>(Clock::now() - began));
        LlmError error = reply.error();
        if (m_deadline && Clock::now() >= *m_deadline) {
            error.failure = Failure::budget_exhausted; // the budget ended it, not the endpoint
            error.hint = "raise --llm-budget; the rest is reviewed by rules only";
            return std::unexpected(error);
        }
        if (endpoint_failed(error.failure)) {
            std::lock_guard lock(m_mutex);
            m_failed.emplace(index, error.describe());
        } else if (error.failure == Failure::model_not_found) {
            std::lock_guard lock(m_mutex);
            m_missing_model.insert({index, route.model});
        } else {
            return std::unexpected(error);
        }
        last = std::move(error);
    }
    if (last) {
        return std::unexpected(*last);
    }
    std::string why;
    for (const auto& [name, reason] : failed_endpoints()) {
        why += (why.empty() ? "" : "; ") + reason;
    }
    return std::unexpected(LlmError{Failure::no_endpoint,
                                    "every endpoint for " + std::string(to_string(role)) +
                                        " failed earlier in this run" +
                                        (why.empty() ? "" : " (" + why + ")"),
                                    "run 'vigil doctor'", "", route.model});
}

} // namespace vigil::llm
