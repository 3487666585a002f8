#include <filesystem>
#include <set>
#include <toml++/toml.h>
#include <vigil/config/hooks_config.hpp>
#include <vigil/config/llm_config.hpp>
#include <vigil/util/env.hpp>

namespace vigil::config {
namespace fs = std::filesystem;
namespace {

const std::set<std::string> k_hook_keys = {"review_on_commit", "commit_budget", "review_on_push",
                                           "push_budget"};

std::string at(const fs::path& file, const toml::node& n) {
    return file.string() + ":" + std::to_string(n.source().begin.line) + ": ";
}

util::Expected<void> read_flag(const fs::path& file, const toml::table& t, const char* key,
                               bool& into) {
    if (const auto* n = t.get(key)) {
        auto b = n->value<bool>();
        if (!b) {
            return util::config_error(at(file, *n) + "hooks." + key + " must be true or false");
        }
        into = *b;
    }
    return {};
}

util::Expected<void> read_budget(const fs::path& file, const toml::table& t, const char* key,
                                 llm::Millis& into) {
    if (const auto* n = t.get(key)) {
        std::string text;
        if (auto i = n->value<int64_t>()) {
            text = std::to_string(*i);
        } else if (auto s = n->value<std::string>()) {
            text = *s;
        }
        auto d = parse_duration(text);
        if (!d) {
            return util::config_error(at(file, *n) + "hooks." + key + ": " + d.error().message,
                                      d.error().hint);
        }
        into = *d;
    }
    return {};
}

} // namespace

util::Expected<HookSettings> load_hook_settings(const std::string& user_file) {
    HookSettings settings;
    fs::path file = user_file;
    if (file.empty()) {
        const char* named = util::env_value("VIGIL_CONFIG");
        file = named ? fs::path(named) : default_user_config_file();
    }
    std::error_code ec;
    if (file.empty() || !fs::is_regular_file(file, ec)) {
        return settings; // a missing file is load_llm_settings' to report
    }
    toml::table doc;
    try {
        doc = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        return util::config_error(file.string() + ":" + std::to_string(e.source().begin.line) +
                                  ": " + std::string(e.description()));
    }
    const toml::node* hooks = doc.get("hooks");
    if (!hooks) {
        return settings;
    }
    const auto* t = hooks->as_table();
    if (!t) {
        return util::config_error(at(file, *hooks) + "'hooks' must be a table ([hooks])");
    }
    for (const auto& [k, v] : *t) {
        if (!k_hook_keys.contains(std::string(k.str()))) {
            return util::config_error(at(file, v) + "unknown key '" + std::string(k.str()) +
                                          "' in [hooks]",
                                      "see docs/hooks.md for the [hooks] settings");
        }
    }
    VIGIL_TRY(read_flag(file, *t, "review_on_commit", settings.review_on_commit));
    VIGIL_TRY(read_flag(file, *t, "review_on_push", settings.review_on_push));
    VIGIL_TRY(read_budget(file, *t, "commit_budget", settings.commit_budget));
    VIGIL_TRY(read_budget(file, *t, "push_budget", settings.push_budget));
    return settings;
}

} // namespace vigil::config
