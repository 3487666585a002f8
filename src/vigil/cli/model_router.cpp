#include "model_router.hpp"

#include <filesystem>

namespace vigil::cli {

util::Expected<Models> connect_models(const config::LlmConfigRequest& request, llm::Role needed) {
    auto settings = VIGIL_TRY(config::load_llm_settings(request));
    std::vector<std::unique_ptr<llm::Backend>> backends;
    std::vector<llm::Backend*> raw;
    for (const auto& e : llm::effective_endpoints(settings)) {
        backends.push_back(llm::make_backend(e, settings.timeouts));
        raw.push_back(backends.back().get());
    }
    auto plan = VIGIL_TRY(llm::plan_routes(settings, raw));
    Models m;
    if (!plan.roles.contains(needed)) {
        // The first note is the cause (an endpoint that did not answer, no model installed);
        // the rest follow from it. `vigil doctor` shows them all.
        m.missing = plan.notes.empty() ? "no model is configured or installed" : plan.notes.front();
        return m;
    }
    std::unique_ptr<llm::ResponseCache> cache;
    if (settings.cache) {
        auto dir = settings.cache_dir.empty() ? llm::ResponseCache::default_dir()
                                              : std::filesystem::path(settings.cache_dir);
        if (!dir.empty()) {
            cache = std::make_unique<llm::ResponseCache>(dir);
        }
    }
    m.router = std::make_unique<llm::Router>(std::move(backends), std::move(plan), settings.budget,
                                             std::move(cache));
    return m;
}

} // namespace vigil::cli
