#include "learn_command.hpp"

#include "exit_code.hpp"
#include "feedback.hpp"
#include "terminal.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vigil/config/review_config.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

double rate(size_t part, size_t whole) {
    return whole ? double(part) / double(whole) : 0.0;
}

std::string percent(size_t part, size_t whole) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", 100 * rate(part, whole));
    return whole ? buf : "-";
}

util::Expected<int> stats(const LearnRequest& r) {
    if (r.format != "text" && r.format != "json") {
        return util::usage_error("unknown --format '" + util::printable(r.format) + "'",
                                 "use text or json");
    }
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    auto store = open_feedback(repo, false);
    std::vector<learn::RuleStats> rows =
        store ? store->rule_stats() : std::vector<learn::RuleStats>{};
    if (r.format == "json") {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        std::map<std::string, learn::RuleStats> by_category;
        for (const auto& s : rows) {
            list.push_back({{"rule_id", s.rule_id},
                            {"category", s.category},
                            {"shown", s.shown},
                            {"applied", s.applied},
                            {"landed", s.landed},
                            {"dismissed", s.dismissed},
                            {"acceptance_rate", rate(s.applied + s.landed, s.shown)},
                            {"address_rate", rate(s.landed, s.shown)},
                            {"dismissal_rate", rate(s.dismissed, s.shown)},
                            {"first_shown", s.first_shown},
                            {"last_shown", s.last_shown}});
            auto& c = by_category[s.category];
            c.shown += s.shown;
            c.applied += s.applied;
            c.landed += s.landed;
            c.dismissed += s.dismissed;
        }
        nlohmann::ordered_json categories = nlohmann::ordered_json::array();
        for (const auto& [name, c] : by_category) {
            categories.push_back({{"category", name},
                                  {"shown", c.shown},
                                  {"acceptance_rate", rate(c.applied + c.landed, c.shown)},
                                  {"dismissal_rate", rate(c.dismissed, c.shown)}});
        }
        nlohmann::ordered_json models = nlohmann::ordered_json::array();
        for (const auto& [model, a] :
             store ? store->model_acceptance() : std::map<std::string, learn::ModelAcceptance>{}) {
            models.push_back({{"model", model},
                              {"role", "review"},
                              {"fixes", a.fixes},
                              {"taken", a.taken},
                              {"acceptance_rate", rate(a.taken, a.fixes)}});
        }
        nlohmann::ordered_json weeks = nlohmann::ordered_json::array();
        for (const auto& w : store ? store->weekly() : std::vector<learn::WeekStats>{}) {
            weeks.push_back({{"week", w.week},
                             {"shown", w.shown},
                             {"accepted", w.accepted},
                             {"dismissed", w.dismissed}});
        }
        std::cout << nlohmann::ordered_json{{"rules", list},
                                            {"categories", categories},
                                            {"models", models},
                                            {"weeks", weeks}}
                         .dump(2)
                  << '\n';
        return k_exit_clean;
    }
    if (rows.empty()) {
        std::cout << "nothing recorded yet: `vigil review` records what it shows\n";
        return k_exit_clean;
    }
    std::cout << "rule  shown  applied  landed  dismissed  accepted  dismissed%  since\n";
    for (const auto& s : rows) {
        std::cout << util::printable(s.rule_id) << "  " << s.shown << "  " << s.applied << "  "
                  << s.landed << "  " << s.dismissed << "  "
                  << percent(s.applied + s.landed, s.shown) << "  " << percent(s.dismissed, s.shown)
                  << "  " << s.first_shown << '\n';
    }
    return k_exit_clean;
}

using Json = nlohmann::ordered_json;

util::Expected<void> write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
        return util::runtime_error("cannot write " + path, "check that its folder exists");
    }
    return {};
}

std::string feedback_jsonl(const learn::Store& store) {
    std::string out;
    for (const auto& r : store.feedback()) {
        if (r.events.empty()) {
            continue; // shown only: nothing learnt yet
        }
        Json events = Json::array();
        for (const auto& e : r.events) {
            events.push_back({{"kind", e.kind}, {"reason", e.reason}, {"at", e.at}});
        }
        out += Json{{"fingerprint", r.fingerprint}, {"rule_id", r.rule_id},
                    {"category", r.category},       {"path", r.path},
                    {"message", r.message},         {"events", events}}
                   .dump(-1, ' ', false, Json::error_handler_t::replace) +
               "\n";
    }
    return out;
}

// Prompt/response pairs: the finding and the lines it was about, and the replacement.
std::string training_jsonl(const learn::Store& store) {
    std::string out;
    for (const auto& f : store.labelled_fixes()) {
        std::string prompt = "File: " + f.path + "\nFinding (" + f.category + "): " + f.message +
                             "\nLines:\n" + f.removed;
        out += Json{{"prompt", prompt}, {"response", f.inserted}, {"label", f.label}}.dump(
                   -1, ' ', false, Json::error_handler_t::replace) +
               "\n";
    }
    return out;
}

std::string modelfile(const learn::Store& store, const LearnRequest& r, const std::string& top) {
    std::string system =
        "You review code changes for this repository. Report real problems only; an empty "
        "list is a good answer.\n";
    if (auto guidance = config::load_review_instructions({"", top})) {
        for (const auto& g : *guidance) {
            system += (g.paths.empty() ? "" : "For " + g.paths + ": ") + g.text + "\n";
        }
    }
    std::string avoid;
    for (auto category :
         {"bug", "error-handling", "concurrency", "performance", "maintainability"}) {
        for (const auto& m : store.dismissed_messages(category, 3)) {
            avoid += "- " + m + "\n";
        }
    }
    if (!avoid.empty()) {
        system += "This team dismissed findings like these; do not report their like:\n" + avoid;
    }
    std::string accepted;
    for (const auto& f : store.accepted_fixes(3)) {
        accepted += "- " + f.message + "\n";
    }
    if (!accepted.empty()) {
        system += "Fixes this team accepted answered findings like:\n" + accepted;
    }
    std::string quoted;
    for (char c : system) {
        quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
    }
    return "FROM " + r.model + "\nPARAMETER temperature 0.1\nSYSTEM \"\"\"" + system + "\"\"\"\n";
}

util::Expected<int> export_feedback(const LearnRequest& r) {
    if (r.feedback_file.empty() && r.jsonl_file.empty() && r.modelfile.empty()) {
        return util::usage_error("export needs --feedback FILE, --jsonl FILE or --modelfile FILE");
    }
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    auto store = open_feedback(repo, true);
    if (!store) {
        return util::runtime_error("the feedback store cannot be opened");
    }
    if (!r.feedback_file.empty()) {
        VIGIL_TRY(write_text(r.feedback_file, feedback_jsonl(*store)));
    }
    if (!r.jsonl_file.empty()) {
        VIGIL_TRY(write_text(r.jsonl_file, training_jsonl(*store)));
    }
    if (!r.modelfile.empty()) {
        VIGIL_TRY(write_text(r.modelfile, modelfile(*store, r, repo.workdir())));
    }
    return k_exit_clean;
}

util::Expected<int> import_feedback(const LearnRequest& r) {
    std::ifstream in(r.feedback_file, std::ios::binary);
    if (!in) {
        return util::usage_error("cannot read " + r.feedback_file,
                                 "pass a file `vigil learn export --feedback` wrote");
    }
    std::vector<learn::SharedFeedback> records;
    size_t n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        if (line.empty()) {
            continue;
        }
        Json j = Json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("fingerprint") || !j["fingerprint"].is_string() ||
            !j.contains("events") || !j["events"].is_array()) {
            return util::config_error(r.feedback_file + ":" + std::to_string(n) +
                                      ": not a feedback record");
        }
        learn::SharedFeedback rec{j["fingerprint"],        j.value("rule_id", ""),
                                  j.value("category", ""), j.value("path", ""),
                                  j.value("message", ""),  {}};
        for (const auto& e : j["events"]) {
            if (e.is_object() && e.contains("kind") && e["kind"].is_string()) {
                rec.events.push_back({e["kind"], e.value("reason", ""), e.value("at", "")});
            }
        }
        records.push_back(std::move(rec));
    }
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    auto store = open_feedback(repo, true);
    if (!store) {
        return util::runtime_error("the feedback store cannot be opened");
    }
    size_t added = VIGIL_TRY(store->import_feedback(records));
    std::cerr << "imported " << added << " events for " << records.size() << " findings\n";
    return k_exit_clean;
}

util::Expected<int> learn(const LearnRequest& r) {
    if (r.action == "export") {
        return export_feedback(r);
    }
    if (r.action == "import") {
        return import_feedback(r);
    }
    return stats(r);
}

} // namespace

int run_learn(const LearnRequest& request) {
    return finish(learn(request));
}

} // namespace vigil::cli
