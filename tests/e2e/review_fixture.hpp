// Helpers for the e2e tests of `vigil review` and what follows it (explain, apply, dismiss,
// learn): a feature branch adding an average() that divides by len(items), the fake model's
// answer about it, and the environment pointing vigil at a fake Ollama.
#pragma once

#include "e2e.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vigil::test {

inline const std::string k_calc_base = "def first(items):\n    return items[0]\n";
inline const std::string k_calc_feature = k_calc_base +
                                          "\n\ndef average(items):\n    total = sum(items)\n"
                                          "    return total / len(items)\n";
inline const std::string k_division = "    return total / len(items)";
inline const std::string k_guarded_division = "    return total / len(items) if items else 0.0";

// `text` with the division guarded, as the model's fix would leave it.
inline std::string with_guarded_division(std::string text) {
    text.replace(text.find(k_division + "\n"), k_division.size() + 1, k_guarded_division + "\n");
    return text;
}

// The fake model's answer: one bug on the division, with the guard as its fix when asked.
inline std::string division_answer(const std::string& severity, bool with_fix) {
    nlohmann::json f = {{"quote", k_division},
                        {"category", "bug"},
                        {"severity", severity},
                        {"title", "Division by zero on an empty list"},
                        {"explanation", "len(items) is 0 when the list is empty."}};
    if (with_fix) {
        f["replacement"] = k_guarded_division;
    }
    return nlohmann::json{{"findings", nlohmann::json::array({f})}}.dump();
}

// A repository with main and a feature branch checked out that adds `feature` as calc.py.
inline void calc_feature_branch(TempRepo& repo, const std::string& feature = k_calc_feature,
                                const std::vector<std::pair<std::string, std::string>>& more = {}) {
    repo.write("calc.py", k_calc_base);
    repo.commit_all("base");
    repo.git({"branch", "-M", "main"});
    repo.git({"checkout", "-q", "-b", "feature"});
    repo.write("calc.py", feature);
    for (const auto& [path, text] : more) {
        repo.write(path, text);
    }
    repo.commit_all("feature");
}

// vigil pointed at the fake Ollama at `host_port`, with its cache and user config in the
// repository's HOME.
inline ProcessOptions model_env(const TempRepo& repo, const std::string& host_port) {
    ProcessOptions o;
    o.env = {{"OLLAMA_HOST", host_port},
             {"XDG_CACHE_HOME", (repo.home() / "cache").string()},
             {"XDG_CONFIG_HOME", (repo.home() / "config").string()}};
    o.unset_env = {"VIGIL_CONFIG", "VIGIL_MODEL", "http_proxy", "HTTP_PROXY"};
    return o;
}

} // namespace vigil::test
