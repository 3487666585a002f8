// llm: token and time accounting per role and model, for the end of a run and for JSON.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>
#include <vigil/llm/types.hpp>

namespace vigil::llm {

struct UsageRow {
    Role role = Role::review;
    std::string model;
    uint64_t requests = 0; // sent to a server (cache hits not included)
    uint64_t failures = 0;
    uint64_t cache_hits = 0;
    uint64_t prompt_tokens = 0;
    uint64_t output_tokens = 0;
    Millis elapsed{0};
};

class Accounting {
public:
    void add_reply(Role role, const ChatReply& reply);
    void add_failure(Role role, const std::string& model, Millis elapsed);
    void add_cache_hit(Role role, const std::string& model);
    std::vector<UsageRow> rows() const; // in role order, then model

    // {"models":[{"role","model","requests","failures","cache_hits","prompt_tokens",
    //   "output_tokens","seconds"}...]}
    std::string to_json() const;
    // One line per role and model: "review  qwen2.5-coder:7b  3 requests (1 cached) ..."
    std::string to_text() const;

private:
    UsageRow& row(Role role, const std::string& model);
    mutable std::mutex m_mutex;
    std::map<std::pair<Role, std::string>, UsageRow> m_rows;
};

} // namespace vigil::llm
