// From a finished scan to the report: the data every writer gets, and writing each format to
// stdout or its file.
#include "scan_result.hpp"
#include "terminal.hpp"
#include "version.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <unistd.h>
#include <vigil/git/blobs.hpp>

namespace vigil::cli {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return in ? text.str() : std::string();
}

// The rules the findings name, in id order (SARIF lists them; the text report shows their help).
std::vector<core::RuleInfo> rules_used(const std::vector<core::Finding>& findings,
                                       std::vector<core::RuleInfo>& catalog) {
    std::set<std::string_view> ids;
    for (const auto& f : findings) {
        ids.insert(f.rule_id);
    }
    std::vector<core::RuleInfo> out;
    for (auto& rule : catalog) {
        if (ids.count(rule.id)) {
            out.push_back(std::move(rule));
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

} // namespace

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", std::gmtime(&now));
    return buf;
}

report::ReportData report_data(const ScanRequest& r, ScanResult& result) {
    report::ReportData data;
    data.rules = rules_used(result.findings, result.catalog);
    data.findings = std::move(result.findings);
    data.summary = std::move(result.summary);
    data.suggestions = std::move(result.suggestions);
    data.tool_version = k_vigil_version;
    data.mode = "scan";
    data.show_secrets = r.show_secrets;
    data.start_time = result.start_time;
    data.end_time = utc_now();
    // Reports read a file's text only for findings in it (SARIF's line hashes): from the blob
    // the scan read when there was one, else from the file itself.
    auto blob_ids = std::make_shared<std::map<std::string, std::string>>(std::move(result.blob_ids));
    std::string root = result.root;
    std::string repo_dir = r.repo_dir;
    bool paths = !r.paths.empty();
    data.source = [blob_ids, root, repo_dir, paths](std::string_view path,
                                                    std::string_view commit)
        -> std::optional<std::string> {
        auto key = std::string(commit) + '\0' + std::string(path);
        if (auto it = blob_ids->find(key); it != blob_ids->end()) {
            auto repo = git::Repository::open({repo_dir, true});
            if (!repo) {
                return std::nullopt;
            }
            auto text = git::read_blob(*repo, it->second);
            return text ? std::optional(std::move(*text)) : std::nullopt;
        }
        if (!commit.empty() || (!paths && root.empty())) {
            return std::nullopt;
        }
        std::string file = paths ? std::string(path) : root + std::string(path);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) {
            return std::nullopt;
        }
        return read_file(file);
    };
    return data;
}

util::Expected<void> write_output(const OutputPlan& plan, const report::ReportData& data,
                                  ColorMode color) {
    std::ostringstream rendered;
    bool colored = plan.file.empty() && use_color(color, STDOUT_FILENO);
    report::write_report(plan.format, rendered, data, {colored});
    if (plan.file.empty()) {
        std::cout << rendered.str() << std::flush;
        return {};
    }
    std::ofstream out(plan.file, std::ios::binary | std::ios::trunc);
    out << rendered.str();
    out.close();
    if (!out) {
        return util::runtime_error("cannot write " + plan.file,
                                   "check that its folder exists and is writable");
    }
    return {};
}

} // namespace vigil::cli
