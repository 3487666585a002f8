#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vigil/scan/baseline.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::scan {
namespace {

constexpr int k_baseline_version = 1;

bool by_fingerprint(const BaselineEntry& a, const BaselineEntry& b) {
    return a.fingerprint < b.fingerprint;
}

bool is_hex_digest(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace

util::Expected<Baseline> read_baseline(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return util::config_error("cannot read baseline " + file.string(),
                                  "check --baseline, or create one with 'vigil baseline create'");
    }
    const std::string hint = "recreate it with 'vigil baseline create'";
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return util::config_error(file.string() + ": not a JSON object", hint);
    }
    if (!doc.contains("version") || doc["version"] != k_baseline_version) {
        return util::config_error(file.string() + ": unsupported baseline version (expected " +
                                      std::to_string(k_baseline_version) + ")",
                                  hint);
    }
    if (!doc.contains("findings") || !doc["findings"].is_array()) {
        return util::config_error(file.string() + ": 'findings' must be a list", hint);
    }
    Baseline baseline;
    size_t index = 0;
    for (const auto& item : doc["findings"]) {
        std::string where = file.string() + ": findings[" + std::to_string(index++) + "]";
        if (!item.is_object() || !item.contains("fingerprint") ||
            !item["fingerprint"].is_string() || !item.contains("rule_id") ||
            !item["rule_id"].is_string() || !item.contains("path") || !item["path"].is_string()) {
            return util::config_error(where + ": needs string 'fingerprint', 'rule_id' and 'path'",
                                      hint);
        }
        BaselineEntry e{item["fingerprint"], item["rule_id"], item["path"]};
        if (!is_hex_digest(e.fingerprint)) {
            return util::config_error(where + ": fingerprint is not a sha256 hex digest", hint);
        }
        baseline.entries.push_back(std::move(e));
    }
    std::sort(baseline.entries.begin(), baseline.entries.end(), by_fingerprint);
    return baseline;
}

Baseline make_baseline(const std::vector<core::Finding>& findings) {
    Baseline baseline;
    for (const auto& f : findings) {
        baseline.entries.push_back({f.fingerprint, f.rule_id, f.location.path});
    }
    std::sort(baseline.entries.begin(), baseline.entries.end(), by_fingerprint);
    auto same = [](const BaselineEntry& a, const BaselineEntry& b) {
        return a.fingerprint == b.fingerprint;
    };
    baseline.entries.erase(std::unique(baseline.entries.begin(), baseline.entries.end(), same),
                           baseline.entries.end());
    return baseline;
}

void write_baseline(std::ostream& out, const Baseline& baseline) {
    nlohmann::ordered_json doc;
    doc["version"] = k_baseline_version;
    doc["tool"] = "vigil";
    auto list = nlohmann::ordered_json::array();
    for (const auto& e : baseline.entries) {
        nlohmann::ordered_json j;
        j["fingerprint"] = e.fingerprint;
        j["rule_id"] = util::to_valid_utf8(e.rule_id);
        j["path"] = util::to_valid_utf8(e.path);
        list.push_back(std::move(j));
    }
    doc["findings"] = std::move(list);
    out << doc.dump(2) << '\n';
}

BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<core::Finding>& findings) {
    BaselineOutcome outcome;
    std::vector<bool> used(baseline.entries.size(), false);
    auto known = [&](const core::Finding& f) {
        BaselineEntry key{f.fingerprint, {}, {}};
        auto [first, last] =
            std::equal_range(baseline.entries.begin(), baseline.entries.end(), key, by_fingerprint);
        for (auto it = first; it != last; ++it) {
            // Stored paths are valid UTF-8 (JSON): compare the finding's path the same way.
            if (it->rule_id == f.rule_id && it->path == util::to_valid_utf8(f.location.path)) {
                used[size_t(it - baseline.entries.begin())] = true;
                return true;
            }
        }
        return false;
    };
    size_t before = findings.size();
    std::erase_if(findings, known);
    outcome.known = before - findings.size();
    for (size_t i = 0; i < used.size(); ++i) {
        if (!used[i]) {
            outcome.unused.push_back(baseline.entries[i]);
        }
    }
    return outcome;
}

} // namespace vigil::scan
