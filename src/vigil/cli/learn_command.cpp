#include "learn_command.hpp"

#include "exit_code.hpp"
#include "feedback.hpp"
#include "terminal.hpp"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
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
        }
        std::cout << nlohmann::ordered_json{{"rules", list}}.dump(2) << '\n';
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

} // namespace

int run_learn_stats(const LearnRequest& request) {
    auto code = stats(request);
    if (!code) {
        print_error(code.error());
        return exit_code_for(code.error());
    }
    return *code;
}

} // namespace vigil::cli
