#include <charconv>
#include <set>
#include <toml++/toml.h>
#include <vigil/config/llm_config.hpp>
#include <vigil/util/env.hpp>

namespace vigil::config {
namespace fs = std::filesystem;
namespace {

const std::set<std::string> k_llm_keys = {"model",    "budget",    "cache", "cache_dir",
                                          "timeouts", "endpoints", "roles"};
const std::set<std::string> k_endpoint_keys = {"name", "kind", "url", "api_key_env"};
const std::set<std::string> k_role_keys = {"model", "models", "endpoints"};
const std::set<std::string> k_timeout_keys = {"connect", "first_token", "idle", "total"};

class Reader {
public:
    Reader(std::string file, llm::LlmSettings& into) : m_file(std::move(file)), m_into(into) {}

    util::Expected<void> read(const toml::table& doc) {
        for (const auto& [k, v] : doc) {
            if (k.str() != "llm") {
                continue; // other sections belong to other settings
            }
            if (const auto* t = v.as_table()) {
                llm(*t);
            } else {
                problem(v, "'llm' must be a table ([llm])");
            }
        }
        if (m_problems.empty()) {
            return {};
        }
        std::string text;
        for (const auto& p : m_problems) {
            text += (text.empty() ? "" : "\n") + p;
        }
        return util::config_error(text, "see docs/models.md for the [llm] settings");
    }

private:
    void problem(const toml::node& at, const std::string& what) {
        m_problems.push_back(m_file + ":" + std::to_string(at.source().begin.line) + ": " + what);
    }

    void keys(const toml::table& t, const std::set<std::string>& allowed,
              const std::string& where) {
        for (const auto& [k, v] : t) {
            if (!allowed.contains(std::string(k.str()))) {
                problem(v, "unknown key '" + std::string(k.str()) + "' in " + where);
            }
        }
    }

    std::string string_of(const toml::node& n, const std::string& what) {
        if (auto s = n.value<std::string>()) {
            return *s;
        }
        problem(n, what + " must be a string");
        return {};
    }

    std::optional<llm::Millis> duration_of(const toml::node& n, const std::string& what) {
        std::string text;
        if (auto i = n.value<int64_t>()) {
            text = std::to_string(*i);
        } else {
            text = string_of(n, what);
        }
        auto d = parse_duration(text);
        if (!d) {
            problem(n, what + ": " + d.error().message);
            return std::nullopt;
        }
        return *d;
    }

    void llm(const toml::table& t) {
        keys(t, k_llm_keys, "[llm]");
        if (const auto* n = t.get("model")) {
            m_into.model = string_of(*n, "llm.model");
        }
        if (const auto* n = t.get("budget")) {
            m_into.budget = duration_of(*n, "llm.budget");
        }
        if (const auto* n = t.get("cache")) {
            if (auto b = n->value<bool>()) {
                m_into.cache = *b;
            } else {
                problem(*n, "llm.cache must be true or false");
            }
        }
        if (const auto* n = t.get("cache_dir")) {
            m_into.cache_dir = string_of(*n, "llm.cache_dir");
        }
        if (const auto* n = t.get("timeouts")) {
            timeouts(*n);
        }
        if (const auto* n = t.get("endpoints")) {
            endpoints(*n);
        }
        if (const auto* n = t.get("roles")) {
            roles(*n);
        }
    }

    void timeouts(const toml::node& n) {
        const auto* t = n.as_table();
        if (!t) {
            problem(n, "llm.timeouts must be a table");
            return;
        }
        keys(*t, k_timeout_keys, "[llm.timeouts]");
        auto set = [&](const char* key, llm::Millis& into) {
            if (const auto* v = t->get(key)) {
                if (auto d = duration_of(*v, std::string("llm.timeouts.") + key)) {
                    into = *d;
                }
            }
        };
        set("connect", m_into.timeouts.connect);
        set("first_token", m_into.timeouts.first_token);
        set("idle", m_into.timeouts.idle);
        set("total", m_into.timeouts.total);
    }

    void endpoints(const toml::node& n) {
        const auto* array = n.as_array();
        if (!array) {
            problem(n, "llm.endpoints must be an array of tables ([[llm.endpoints]])");
            return;
        }
        for (const auto& item : *array) {
            const auto* t = item.as_table();
            if (!t) {
                problem(item, "each [[llm.endpoints]] entry must be a table");
                continue;
            }
            keys(*t, k_endpoint_keys, "[[llm.endpoints]]");
            llm::EndpointConfig e;
            if (const auto* v = t->get("name")) {
                e.name = string_of(*v, "name");
            }
            if (const auto* v = t->get("kind")) {
                e.kind = string_of(*v, "kind");
                if (e.kind != "ollama" && e.kind != "openai") {
                    problem(*v, "kind must be \"ollama\" or \"openai\", not \"" + e.kind + "\"");
                }
            }
            if (const auto* v = t->get("url")) {
                e.url = string_of(*v, "url");
            } else {
                problem(item, "an endpoint needs a url");
            }
            if (const auto* v = t->get("api_key_env")) {
                e.api_key_env = string_of(*v, "api_key_env");
            }
            m_into.endpoints.push_back(std::move(e));
        }
    }

    void roles(const toml::node& n) {
        const auto* t = n.as_table();
        if (!t) {
            problem(n, "llm.roles must be a table");
            return;
        }
        for (const auto& [k, v] : *t) {
            auto role = llm::parse_role(k.str());
            const auto* rt = v.as_table();
            if (!role) {
                problem(v, "unknown role '" + std::string(k.str()) +
                               "' (roles: triage, review, verify, explain)");
                continue;
            }
            if (!rt) {
                problem(v, "llm.roles." + std::string(k.str()) + " must be a table");
                continue;
            }
            keys(*rt, k_role_keys, "[llm.roles." + std::string(k.str()) + "]");
            llm::RoleSetting& rs = m_into.roles[*role];
            if (const auto* m = rt->get("model")) {
                rs.model = string_of(*m, "model");
            }
            if (const auto* list = rt->get("models")) {
                if (const auto* a = list->as_array()) {
                    for (const auto& name : *a) {
                        rs.models.push_back(string_of(name, "a model name"));
                    }
                } else {
                    problem(*list, "models must be an array of model names");
                }
            }
            if (const auto* list = rt->get("endpoints")) {
                if (const auto* a = list->as_array()) {
                    for (const auto& name : *a) {
                        rs.endpoints.push_back(string_of(name, "an endpoint name"));
                    }
                } else {
                    problem(*list, "endpoints must be an array of endpoint names");
                }
            }
        }
    }

    std::string m_file;
    llm::LlmSettings& m_into;
    std::vector<std::string> m_problems;
};

} // namespace

fs::path default_user_config_file() {
    if (const char* xdg = util::env_value("XDG_CONFIG_HOME")) {
        return fs::path(xdg) / "vigil" / "config.toml";
    }
    if (const char* home = util::env_value("HOME")) {
        return fs::path(home) / ".config" / "vigil" / "config.toml";
    }
    return {};
}

util::Expected<llm::Millis> parse_duration(std::string_view text) {
    long long n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
    if (ec != std::errc() || n < 0) {
        return util::config_error("'" + std::string(text) + "' is not a duration",
                                  "write e.g. 250ms, 30s, 5m or 1h");
    }
    if (unit.empty() || unit == "s") {
        return llm::Millis(n * 1000);
    }
    if (unit == "ms") {
        return llm::Millis(n);
    }
    if (unit == "m") {
        return llm::Millis(n * 60000);
    }
    if (unit == "h") {
        return llm::Millis(n * 3600000);
    }
    return util::config_error("'" + std::string(text) + "' is not a duration",
                              "write e.g. 250ms, 30s, 5m or 1h");
}

util::Expected<llm::LlmSettings> load_llm_settings(const LlmConfigRequest& request) {
    llm::LlmSettings settings;
    fs::path file = request.user_file;
    if (file.empty()) {
        if (const char* named = util::env_value("VIGIL_CONFIG")) {
            file = named;
        }
    }
    bool named = !file.empty();
    if (!named) {
        file = default_user_config_file();
    }
    std::error_code ec;
    if (!file.empty() && fs::is_regular_file(file, ec)) {
        toml::table doc;
        try {
            doc = toml::parse_file(file.string());
        } catch (const toml::parse_error& e) {
            return util::config_error(file.string() + ":" + std::to_string(e.source().begin.line) +
                                      ": " + std::string(e.description()));
        }
        VIGIL_TRY(Reader(file.string(), settings).read(doc));
        settings.sources.push_back(file.string());
    } else if (named) {
        return util::config_error("config file '" + file.string() + "' does not exist",
                                  "check --llm-config or $VIGIL_CONFIG");
    }
    if (const char* model = util::env_value("VIGIL_MODEL")) {
        settings.model = model;
        settings.sources.push_back("VIGIL_MODEL");
    }
    if (!request.model.empty()) {
        settings.model = request.model;
        settings.sources.push_back("--model");
    }
    if (!request.endpoints.empty()) {
        settings.endpoints.clear();
        for (const auto& url : request.endpoints) {
            settings.endpoints.push_back({url, "ollama", url, ""});
        }
        settings.sources.push_back("--endpoint");
    }
    if (!request.budget.empty()) {
        auto budget = parse_duration(request.budget);
        if (!budget) {
            return util::usage_error("--llm-budget: " + budget.error().message,
                                     budget.error().hint);
        }
        settings.budget = *budget;
    }
    if (request.no_cache) {
        settings.cache = false;
    }
    return settings;
}

} // namespace vigil::config
