#include "doctor_command.hpp"

#include "exit_code.hpp"
#include "terminal.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>
#include <vigil/llm/cache.hpp>
#include <vigil/llm/http.hpp>
#include <vigil/llm/routing.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

struct EndpointStatus {
    bool reachable = false;
    std::string version;
    std::vector<llm::ModelEntry> models;
    std::optional<llm::LlmError> error;
};

// Discovery must answer quickly: a doctor that hangs on a dead host helps nobody.
llm::Timeouts doctor_timeouts(llm::Timeouts t) {
    t.connect = std::min(t.connect, llm::Millis(3000));
    t.first_token = std::min(t.first_token, llm::Millis(10000));
    t.idle = std::min(t.idle, llm::Millis(10000));
    t.total = std::min(t.total, llm::Millis(15000));
    return t;
}

std::string seconds(llm::Millis ms) {
    std::ostringstream out;
    out << static_cast<double>(ms.count()) / 1000.0 << "s";
    return out.str();
}

EndpointStatus probe(llm::Backend& backend) {
    EndpointStatus s;
    auto models = backend.models();
    if (!models) {
        s.error = models.error();
        return s;
    }
    s.reachable = true;
    s.models = std::move(*models);
    if (auto version = backend.version()) {
        s.version = *version;
    }
    return s;
}

} // namespace

int run_doctor(const DoctorRequest& request) {
    auto settings = config::load_llm_settings(request.llm);
    if (!settings) {
        print_error(settings.error());
        return exit_code_for(settings.error());
    }
    std::ostream& out = std::cout;
    auto endpoints = llm::effective_endpoints(*settings);
    llm::Timeouts timeouts = doctor_timeouts(settings->timeouts);
    std::vector<std::unique_ptr<llm::Backend>> backends;
    std::vector<llm::Backend*> raw;
    for (const auto& e : endpoints) {
        backends.push_back(llm::make_backend(e, timeouts));
        raw.push_back(backends.back().get());
    }

    out << "configuration: ";
    if (settings->sources.empty()) {
        auto file = config::default_user_config_file();
        out << "none (no " << (file.empty() ? "user config" : file.string())
            << "); defaults and OLLAMA_HOST\n";
    } else {
        for (size_t i = 0; i < settings->sources.size(); ++i) {
            out << (i ? ", " : "") << util::printable(settings->sources[i]);
        }
        out << "\n";
    }

    out << "\nendpoints:\n";
    std::vector<EndpointStatus> status;
    for (size_t i = 0; i < endpoints.size(); ++i) {
        const auto& e = endpoints[i];
        status.push_back(probe(*backends[i]));
        const EndpointStatus& s = status.back();
        out << "  " << util::printable(e.name) << " (" << e.kind;
        if (e.name != e.url) {
            out << ", " << util::printable(e.url);
        }
        out << "): ";
        if (!s.reachable) {
            out << std::string(llm::to_string(s.error->failure)) << ": "
                << util::printable(s.error->message) << "\n";
            if (!s.error->hint.empty()) {
                out << "    to do: " << util::printable(s.error->hint) << "\n";
            }
            continue;
        }
        out << "reachable";
        if (!llm::is_loopback_url(e.url)) {
            out << " (not this machine: reviewed code is sent there)";
        }
        if (!s.version.empty()) {
            out << ", version " << util::printable(s.version);
        }
        out << ", " << s.models.size() << (s.models.size() == 1 ? " model" : " models")
            << " installed\n";
        for (const auto& m : s.models) {
            out << "    " << util::printable(m.name);
            if (!m.parameter_size.empty()) {
                out << " (" << util::printable(m.parameter_size) << ")";
            }
            out << "\n";
        }
        if (s.models.empty()) {
            out << "    to do: "
                << (e.kind == "ollama" ? "install a model, e.g. 'ollama pull qwen2.5-coder:7b'"
                                       : "load a model into the server")
                << "\n";
        }
    }

    auto plan = llm::plan_routes(*settings, raw);
    if (!plan) {
        print_error(plan.error());
        return exit_code_for(plan.error());
    }
    out << "\nroles:\n";
    bool review_ok = false;
    for (llm::Role role : llm::k_roles) {
        std::string name(llm::to_string(role));
        name.resize(8, ' ');
        auto it = plan->roles.find(role);
        if (it == plan->roles.end()) {
            out << "  " << name << "no model\n";
            continue;
        }
        const llm::RoleRoute& route = it->second;
        out << "  " << name << util::printable(route.model) << " (" << route.origin << ")";
        std::optional<std::string> where;
        int context = 0;
        std::optional<llm::LlmError> missing;
        for (size_t index : route.endpoints) {
            if (!status[index].reachable) {
                continue;
            }
            auto details = backends[index]->show(route.model);
            if (details) {
                where = endpoints[index].name;
                context = details->context_length;
                break;
            }
            missing = details.error();
        }
        if (where) {
            out << " on " << util::printable(*where);
            out << ", context " << (context > 0 ? std::to_string(context) + " tokens" : "unknown");
            out << "\n";
            review_ok = review_ok || role == llm::Role::review;
        } else if (missing) {
            out << ": " << std::string(llm::to_string(missing->failure))
                << "\n    to do: " << util::printable(missing->hint) << "\n";
        } else {
            out << ": no reachable endpoint\n";
        }
    }
    std::vector<std::string> notes;
    for (const auto& n : plan->notes) {
        if (!n.starts_with(llm::k_list_failed)) { // the endpoints section says it already
            notes.push_back(n);
        }
    }
    if (!notes.empty()) {
        out << "\nnotes:\n";
        for (const auto& n : notes) {
            out << "  " << util::printable(n) << "\n";
        }
    }
    out << "\ntimeouts: connect " << seconds(settings->timeouts.connect) << ", first token "
        << seconds(settings->timeouts.first_token) << ", stall " << seconds(settings->timeouts.idle)
        << ", total " << seconds(settings->timeouts.total) << "; run budget "
        << (settings->budget ? seconds(*settings->budget) : std::string("none")) << "\n";
    std::string cache_dir = settings->cache_dir.empty() ? llm::ResponseCache::default_dir().string()
                                                        : settings->cache_dir;
    out << "cache: "
        << (settings->cache ? (cache_dir.empty() ? "off (no HOME)" : util::printable(cache_dir))
                            : "off")
        << "\n";
    if (review_ok) {
        out << "\nresult: usable — reviews will use the models above\n";
        return k_exit_clean;
    }
    out << "\nresult: not usable — vigil runs its rules only (their findings still decide); fix "
           "the 'to do' lines above\n";
    return k_exit_runtime;
}

} // namespace vigil::cli
