#include <cstdio>
#include <nlohmann/json.hpp>
#include <vigil/llm/accounting.hpp>

namespace vigil::llm {

UsageRow& Accounting::row(Role role, const std::string& model) {
    UsageRow& r = m_rows[{role, model}];
    r.role = role;
    r.model = model;
    return r;
}

void Accounting::add_reply(Role role, const ChatReply& reply) {
    std::lock_guard lock(m_mutex);
    UsageRow& r = row(role, reply.model);
    ++r.requests;
    r.prompt_tokens += reply.usage.prompt_tokens;
    r.output_tokens += reply.usage.output_tokens;
    r.elapsed += reply.usage.elapsed;
}

void Accounting::add_failure(Role role, const std::string& model, Millis elapsed) {
    std::lock_guard lock(m_mutex);
    UsageRow& r = row(role, model);
    ++r.requests;
    ++r.failures;
    r.elapsed += elapsed;
}

void Accounting::add_cache_hit(Role role, const std::string& model) {
    std::lock_guard lock(m_mutex);
    ++row(role, model).cache_hits;
}

std::vector<UsageRow> Accounting::rows() const {
    std::lock_guard lock(m_mutex);
    std::vector<UsageRow> out;
    for (const auto& [k, v] : m_rows) {
        out.push_back(v);
    }
    return out;
}

std::string Accounting::to_json() const {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : rows()) {
        list.push_back({{"role", std::string(to_string(r.role))},
                        {"model", r.model},
                        {"requests", r.requests},
                        {"failures", r.failures},
                        {"cache_hits", r.cache_hits},
                        {"prompt_tokens", r.prompt_tokens},
                        {"output_tokens", r.output_tokens},
                        {"seconds", static_cast<double>(r.elapsed.count()) / 1000.0}});
    }
    return nlohmann::ordered_json{{"models", list}}.dump();
}

std::string Accounting::to_text() const {
    std::string out;
    for (const auto& r : rows()) {
        char line[512];
        std::snprintf(line, sizeof line,
                      "%-8s %s: %llu requests (%llu failed, %llu from cache), %llu prompt + %llu "
                      "output tokens, %.1fs\n",
                      std::string(to_string(r.role)).c_str(), r.model.c_str(),
                      static_cast<unsigned long long>(r.requests),
                      static_cast<unsigned long long>(r.failures),
                      static_cast<unsigned long long>(r.cache_hits),
                      static_cast<unsigned long long>(r.prompt_tokens),
                      static_cast<unsigned long long>(r.output_tokens),
                      static_cast<double>(r.elapsed.count()) / 1000.0);
        out += line;
    }
    return out;
}

} // namespace vigil::llm
