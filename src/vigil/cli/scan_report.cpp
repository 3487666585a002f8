// From a finished scan to the report: the data every writer gets, and writing each format to
// stdout or its file.
#include "scan_result.hpp"
#include "terminal.hpp"
#include "version.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>
#include <unistd.h>
#include <vigil/git/blobs.hpp>
#include <vigil/util/sha1.hpp>

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

// The lines [first, last] (1-based) of `text`, each with its line break.
std::vector<std::string_view> lines_between(std::string_view text, uint32_t first, uint32_t last) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    for (uint32_t n = 1; n <= last && pos < text.size(); ++n) {
        size_t nl = text.find('\n', pos);
        size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        if (n >= first) {
            out.push_back(text.substr(pos, end - pos));
        }
        pos = end;
    }
    return out;
}

std::string_view without_break(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    return line;
}

// A rule's fix (Finding::fixed_text) as a suggested change to the bytes the scan read: each new
// line takes the line break of the line it replaces, so CRLF files stay CRLF. Left out when the
// file no longer holds the finding's lines.
std::optional<core::Suggestion> rule_suggestion(const core::Finding& f, std::string_view base,
                                                std::string_view base_id,
                                                const std::string& patch_path, uint32_t mode) {
    auto old_lines = lines_between(base, f.location.line, f.location.end_line);
    std::string joined;
    for (size_t i = 0; i < old_lines.size(); ++i) {
        joined += (i ? "\n" : "") + std::string(without_break(old_lines[i]));
    }
    if (old_lines.empty() || joined != f.line_text) {
        return std::nullopt;
    }
    std::string inserted;
    std::string_view fixed = *f.fixed_text;
    for (size_t i = 0; !fixed.empty() || i == 0; ++i) {
        size_t nl = fixed.find('\n');
        std::string_view line = old_lines[std::min(i, old_lines.size() - 1)];
        inserted += fixed.substr(0, nl);
        inserted += line.substr(without_break(line).size()); // its break, if it has one
        if (nl == std::string_view::npos) {
            break;
        }
        fixed.remove_prefix(nl + 1);
    }
    core::Suggestion s;
    s.path = f.location.path;
    s.patch_path = patch_path == f.location.path ? std::string() : patch_path;
    s.rule_id = f.rule_id;
    s.fingerprint = f.fingerprint;
    s.description = "the fix of rule " + f.rule_id;
    s.mode = mode;
    s.start_line = f.location.line;
    s.end_line = f.location.end_line;
    s.inserted = std::move(inserted);
    s.safe = true;
    if (!core::complete_suggestion(s, base, base_id)) {
        return std::nullopt;
    }
    return s;
}

// Each suggestion hashes its whole resulting file (the patch's index line): a file with
// thousands of fixes (trailing whitespace on every line) would cost seconds. Past this many,
// the rest wait for the next run.
constexpr size_t k_max_rule_fixes_per_file = 200;

struct Base {
    std::optional<std::string> text;
    std::string id;
    size_t fixes = 0;
};

// Where git apply finds a file a finding names. Path scans name files as typed, which git
// cannot use: in a repository the path from the top (the scan's key for it); outside one the
// typed path if it is relative and stays below the current folder; otherwise nothing.
using PatchPathOf = std::function<std::optional<std::string>(const std::string& shown)>;

PatchPathOf patch_paths(const ScanRequest& r, const ScanResult& result) {
    if (r.paths.empty()) {
        return [](const std::string& shown) { return shown; }; // already from the top
    }
    std::map<std::string, std::string> keys; // typed -> from the top
    for (const auto& [key, shown] : result.shown_paths) {
        keys.emplace(shown, key);
    }
    bool in_repository = result.root != ".";
    return [keys = std::move(keys),
            in_repository](const std::string& shown) -> std::optional<std::string> {
        if (auto it = keys.find(shown); it != keys.end()) {
            return it->second;
        }
        std::filesystem::path p = std::filesystem::path(shown).lexically_normal();
        std::string text = p.generic_string();
        if (p.is_absolute() || text.starts_with("../") || text == ".." ||
            (!in_repository && text.empty())) {
            return std::nullopt;
        }
        return text;
    };
}

// Turns the rules' fixes into suggestions, reading and hashing each file at most once.
void add_rule_suggestions(report::ReportData& data, const PatchPathOf& patch_path_of,
                          const std::map<std::string, uint32_t>& file_modes) {
    std::map<std::string, Base> bases;
    for (const auto& f : data.findings) {
        if (!f.fixed_text || f.location.line == 0 || !data.source) {
            continue;
        }
        std::string key = f.commit + '\0' + f.location.path;
        auto it = bases.find(key);
        if (it == bases.end()) {
            Base b{data.source(f.location.path, f.commit), {}, 0};
            b.id = b.text ? util::git_blob_id(*b.text) : std::string();
            it = bases.emplace(key, std::move(b)).first;
        }
        Base& base = it->second;
        if (!base.text || base.fixes >= k_max_rule_fixes_per_file) {
            continue;
        }
        auto patch_path = patch_path_of(f.location.path);
        if (!patch_path) {
            continue;
        }
        auto mode = file_modes.find(f.commit + '\0' + *patch_path);
        uint32_t git_mode = mode == file_modes.end() ? 0100644 : mode->second;
        if (auto s = rule_suggestion(f, *base.text, base.id, *patch_path, git_mode)) {
            data.suggestions.push_back(std::move(*s));
            ++base.fixes;
        }
    }
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
    data.tool_version = k_vigil_version;
    data.mode = result.mode;
    data.show_secrets = r.show_secrets;
    data.start_time = result.start_time;
    data.end_time = utc_now();
    // Reports read a file's text only for findings in it (SARIF's line hashes): from the blob
    // the scan read when there was one, else from the file itself.
    auto blob_ids =
        std::make_shared<std::map<std::string, std::string>>(std::move(result.blob_ids));
    std::string root = result.root;
    std::string repo_dir = r.repo_dir;
    bool paths = !r.paths.empty();
    data.source = [blob_ids, root, repo_dir,
                   paths](std::string_view path,
                          std::string_view commit) -> std::optional<std::string> {
        auto key = std::string(commit) + '\0' + std::string(path);
        if (auto it = blob_ids->find(key); it != blob_ids->end()) {
            // A work-tree file's id was computed, not stored: it may not be in the object
            // database, and then the file itself is what was scanned.
            if (auto repo = git::Repository::open({repo_dir, true})) {
                if (auto text = git::read_blob(*repo, it->second)) {
                    return std::move(*text);
                }
            }
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
    if (!r.history) {
        add_rule_suggestions(data, patch_paths(r, result), result.file_modes);
    }
    std::move(result.model_suggestions.begin(), result.model_suggestions.end(),
              std::back_inserter(data.suggestions));
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
