#include "last_findings.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace vigil::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path store_path(const std::string& git_dir) {
    return fs::path(git_dir) / "vigil" / "last-findings.json";
}

} // namespace

void save_last_findings(const std::string& git_dir, const std::string& target,
                        const std::vector<core::Finding>& findings) {
    json list = json::array();
    for (const auto& f : findings) {
        list.push_back({{"fingerprint", f.fingerprint},
                        {"rule_id", f.rule_id},
                        {"severity", core::to_string(f.severity)},
                        {"message", f.message},
                        {"path", f.location.path},
                        {"line", f.location.line},
                        {"end_line", f.location.end_line},
                        {"text", core::displayed_line(f, false)}});
    }
    json doc = {{"target", target}, {"findings", std::move(list)}};
    fs::path path = store_path(git_dir);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    // A temporary name, then a rename: a concurrent explain never reads half a file.
    fs::path tmp = path;
    tmp += ".tmp" + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << doc.dump(1, ' ', false, json::error_handler_t::replace) << '\n';
        if (!out) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
    }
}

std::vector<StoredFinding> load_last_findings(const std::string& git_dir) {
    std::ifstream in(store_path(git_dir), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    json doc = json::parse(text.str(), nullptr, false);
    std::vector<StoredFinding> out;
    if (!doc.is_object() || !doc.contains("findings") || !doc["findings"].is_array()) {
        return out;
    }
    for (const auto& f : doc["findings"]) {
        if (!f.is_object()) {
            continue;
        }
        StoredFinding s;
        s.fingerprint = f.value("fingerprint", "");
        s.rule_id = f.value("rule_id", "");
        s.severity = f.value("severity", "");
        s.message = f.value("message", "");
        s.path = f.value("path", "");
        s.line = f.value("line", 0u);
        s.end_line = f.value("end_line", 0u);
        s.text = f.value("text", "");
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace vigil::cli
