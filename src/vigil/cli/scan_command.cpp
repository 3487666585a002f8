#include "scan_command.hpp"

#include "diff_target.hpp"
#include "exit_code.hpp"
#include "feedback.hpp"
#include "new_text.hpp"
#include "path_keys.hpp"
#include "scan_result.hpp"
#include "terminal.hpp"
#include "version.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <unistd.h>
#include <vigil/config/rule_config.hpp>
#include <vigil/git/paths.hpp>
#include <vigil/git/sources.hpp>
#include <vigil/report/report.hpp>
#include <vigil/scan/baseline.hpp>
#include <vigil/scan/scanner.hpp>
#include <vigil/util/env.hpp>
#include <vigil/util/parallel.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

// Skipped files are listed one per line up to this many; past it only the summary counts them.
constexpr size_t k_max_listed_skips = 10;

std::vector<std::string> ids_of(const rules::RuleSet& rules) {
    std::vector<std::string> ids;
    for (size_t i = 0; i < rules.size(); ++i) {
        ids.push_back(rules.rule(i).id);
    }
    return ids;
}

std::vector<core::RuleInfo> catalog_of(const rules::RuleSet& rules) {
    std::vector<core::RuleInfo> out;
    out.reserve(rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
        const auto& rule = rules.rule(i);
        out.push_back({rule.id, rule.description.empty() ? rule.message : rule.description,
                       rule.help, rule.category, rule.severity, rule.tags});
    }
    return out;
}

util::Expected<void> check_targets(const ScanRequest& r) {
    int chosen = int(r.staged) + int(r.worktree) + int(r.history) + int(r.branch) +
                 int(!r.commit.empty()) + int(!r.range.empty()) + int(!r.paths.empty());
    if (chosen == 0 && r.create_baseline) {
        return {}; // the whole work tree
    }
    if (chosen == 0) {
        return util::usage_error("scan needs something to scan",
                                 "pass one of --staged, --worktree, --commit REV, --range A..B, "
                                 "--branch, --history or PATH...");
    }
    if (chosen > 1) {
        return util::usage_error("scan takes one target at a time",
                                 "choose one of --staged, --worktree, --commit, --range, "
                                 "--branch, --history or PATH...");
    }
    if (r.no_baseline && !r.baseline.empty()) {
        return util::usage_error("--baseline and --no-baseline contradict each other");
    }
    if (r.all_refs && !r.history) {
        return util::usage_error("--all goes with --history");
    }
    return {};
}

void add_changes(ScanResult& result, const rules::RuleSet& rules, const core::ChangeSet& changes,
                 std::mutex* lock = nullptr, const core::TextSource& text_of = {}) {
    scan::ScanStats stats;
    stats.profile = result.stats.profile;
    auto found = scan::scan_changes(rules, changes, &stats, text_of);
    std::unique_lock guard = lock ? std::unique_lock(*lock) : std::unique_lock<std::mutex>();
    result.summary.files += stats.files;
    result.summary.lines += stats.lines;
    result.stats.add(stats);
    for (const auto& s : changes.skipped) {
        result.summary.skipped.push_back({s.path, s.reason, changes.commit});
    }
    for (const auto& f : found) {
        for (const auto& file : changes.files) {
            if (file.path() != f.location.path) {
                continue;
            }
            std::string key = changes.commit + '\0' + f.location.path;
            if (!file.new_id.empty()) {
                result.blob_ids.emplace(key, file.new_id);
            }
            if (f.fixed_text && file.new_mode != core::FileMode::none) {
                result.file_modes.emplace(key, uint32_t(file.new_mode));
            }
            break;
        }
    }
    std::move(found.begin(), found.end(), std::back_inserter(result.findings));
}

util::Expected<ScanResult> scan_history(const git::Repository& repo, const rules::RuleSet& rules,
                                        const ScanRequest& r, const git::DiffOptions& diff) {
    // Workers scan their own commit (or part of one); results are merged under a lock and put
    // back in newest-first commit order, parts of a commit by their first path, so output does
    // not depend on thread timing.
    struct Part {
        size_t order;
        std::string first_path;
        ScanResult result;
    };
    std::vector<Part> parts;
    std::mutex mutex;
    git::HistoryOptions opts{diff, r.all_refs, r.threads};
    opts.diff.read_deleted_files = false;
    core::TextSource text_of = new_text_source(repo, {});
    auto stats = VIGIL_TRY(git::walk_history(repo, opts, [&](size_t order, core::ChangeSet&& cs) {
        Part part{order, {}, {}};
        part.result.stats.profile = r.profile_rules;
        part.first_path = !cs.files.empty()     ? cs.files.front().path()
                          : !cs.skipped.empty() ? cs.skipped.front().path
                                                : std::string();
        add_changes(part.result, rules, cs, nullptr, text_of);
        std::lock_guard lock(mutex);
        parts.push_back(std::move(part));
    }));
    std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
        return std::tie(a.order, a.first_path) < std::tie(b.order, b.first_path);
    });
    ScanResult result;
    result.stats.profile = r.profile_rules;
    result.summary.commits = stats.commits;
    for (auto& [order, first_path, part] : parts) {
        result.summary.files += part.summary.files;
        result.summary.lines += part.summary.lines;
        result.stats.add(part.stats);
        std::move(part.summary.skipped.begin(), part.summary.skipped.end(),
                  std::back_inserter(result.summary.skipped));
        std::move(part.findings.begin(), part.findings.end(), std::back_inserter(result.findings));
    }
    return result;
}

// The rule file's path as findings would name it (relative to `root`), or "" when outside.
std::string path_in(const std::string& file, const std::string& root) {
    std::error_code ec;
    auto relative = std::filesystem::relative(std::filesystem::weakly_canonical(file, ec),
                                              std::filesystem::weakly_canonical(root, ec), ec);
    std::string text = relative.generic_string();
    return ec || text.empty() || text.starts_with("..") ? std::string() : text;
}

// Loads the rules for a scan of `root`, and notes the rule file's path: like gitleaks, vigil
// does not report its own configuration (its examples look like secrets).
util::Expected<rules::RuleSet> load_rules(const ScanRequest& r, const std::string& root,
                                          ScanResult& result) {
    auto loaded = VIGIL_TRY(config::load_rule_config(
        {r.config, r.builtin_rules ? std::string() : root, util::running_in_ci()}));
    for (const auto& w : loaded.rules.warnings()) {
        print_warning(w);
    }
    if (!loaded.origin_file.empty()) {
        result.rule_file = path_in(loaded.origin_file, root.empty() ? "." : root);
    }
    result.rule_ids = r.profile_rules ? ids_of(loaded.rules) : std::vector<std::string>();
    result.catalog = catalog_of(loaded.rules);
    return std::move(loaded.rules);
}

// The work tree of the repository around the current folder, or "" outside one.
std::string repository_top() {
    auto repo = git::Repository::open({".", true});
    return repo ? repo->workdir() : std::string();
}

bool is_current_folder(const std::vector<std::string>& paths) {
    std::error_code ec;
    auto here = std::filesystem::weakly_canonical(".", ec);
    return std::any_of(paths.begin(), paths.end(), [&](const std::string& p) {
        return std::filesystem::weakly_canonical(p, ec) == here;
    });
}

// Files are scanned under their path from the top; remember how the user sees them.
void name_by_key(core::ChangeSet& cs, const PathKeys& keys, ScanResult& result, std::mutex& lock) {
    auto rename = [&](std::string& path) {
        std::string key = keys.key(path);
        if (key != path) {
            std::lock_guard guard(lock);
            result.shown_paths[key] = path;
            path = std::move(key);
        }
    };
    for (auto& f : cs.files) {
        rename(f.new_path);
    }
    for (auto& f : cs.skipped) {
        rename(f.path);
    }
}

// Back from keys to the paths as typed, for the report.
void show_typed_paths(ScanResult& result) {
    if (result.shown_paths.empty()) {
        return;
    }
    auto shown = [&](std::string& path) {
        if (auto it = result.shown_paths.find(path); it != result.shown_paths.end()) {
            path = it->second;
        }
    };
    for (auto& f : result.findings) {
        shown(f.location.path);
    }
    for (auto& s : result.summary.skipped) {
        shown(s.path);
    }
    sort_by_path(result);
}

unsigned threads_for(const ScanRequest& r) {
    return r.threads ? r.threads : util::default_thread_count();
}

// Every file of the work tree (as `vigil scan PATH` sees them), with repository-relative paths:
// what `vigil baseline create` records by default.
util::Expected<ScanResult> scan_work_tree(const git::Repository& repo, const rules::RuleSet& rules,
                                          uint64_t max_file_bytes, unsigned threads) {
    ScanResult result;
    result.root = repo.workdir();
    result.summary.target = "work tree files";
    if (result.root.empty()) {
        return util::usage_error("a bare repository has no work tree to baseline",
                                 "pass a target such as --history");
    }
    std::mutex lock;
    VIGIL_TRY(git::read_paths({result.root}, {max_file_bytes, threads}, [&](core::ChangeSet&& cs) {
        for (auto& f : cs.files) {
            f.new_path = f.new_path.substr(std::min(f.new_path.size(), result.root.size()));
        }
        for (auto& f : cs.skipped) {
            f.path = f.path.substr(std::min(f.path.size(), result.root.size()));
        }
        add_changes(result, rules, cs, &lock);
    }));
    sort_by_path(result);
    return result;
}

util::Expected<ScanResult> scan_target(const ScanRequest& r, uint64_t max_file_bytes,
                                       core::ChangeSet* changes_out) {
    ScanResult result;
    result.stats.profile = r.profile_rules;
    if (!r.paths.empty()) {
        std::string top = repository_top();
        result.root = top.empty() ? "." : top;
        auto rules = VIGIL_TRY(load_rules(r, result.root, result));
        result.summary.target = "paths";
        PathKeys keys(r.paths, top);
        result.covers_top = top.empty() ? is_current_folder(r.paths) : keys.covers_top();
        std::mutex lock;
        VIGIL_TRY(
            git::read_paths(r.paths, {max_file_bytes, threads_for(r)}, [&](core::ChangeSet&& cs) {
                name_by_key(cs, keys, result, lock);
                add_changes(result, rules, cs, &lock);
            }));
        sort_by_path(result);
        return result;
    }
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    if (repo.opened_despite_foreign_owner()) {
        print_warning("the repository at " + repo.git_dir() +
                      " belongs to another user; reading it because CI is set");
    }
    auto rules = VIGIL_TRY(load_rules(r, repo.workdir(), result));
    result.root = repo.workdir();
    git::DiffOptions diff;
    diff.max_file_bytes = max_file_bytes;
    if (r.history) {
        auto history = VIGIL_TRY(scan_history(repo, rules, r, diff));
        history.summary.target = r.all_refs ? "history --all" : "history";
        history.root = result.root;
        history.rule_ids = std::move(result.rule_ids);
        history.rule_file = std::move(result.rule_file);
        history.catalog = std::move(result.catalog);
        history.covers_top = true;
        return history;
    }
    if (r.create_baseline && !r.staged && !r.worktree && r.commit.empty() && !r.branch &&
        r.range.empty()) {
        auto files = VIGIL_TRY(scan_work_tree(repo, rules, max_file_bytes, threads_for(r)));
        files.rule_file = std::move(result.rule_file);
        files.catalog = std::move(result.catalog);
        files.covers_top = true;
        return files;
    }
    auto target = VIGIL_TRY(
        read_diff_target(repo, {r.staged, r.worktree, r.branch, r.commit, r.range}, diff));
    const core::ChangeSet& changes = target.changes;
    result.summary.target = std::move(target.label);
    result.summary.commits = r.commit.empty() ? 0 : 1;
    add_changes(result, rules, changes, nullptr,
                new_text_source(repo, changes.commit.empty() ? result.root : std::string()));
    if (!r.no_syntax) {
        add_syntax_findings(result, repo, changes, threads_for(r));
    }
    if (changes_out) {
        *changes_out = std::move(target.changes);
    }
    return result;
}

// --profile-rules: where the regex time went, slowest rules first, on stderr.
void print_rule_profile(const std::vector<std::string>& ids, const scan::ScanStats& stats) {
    std::vector<size_t> order;
    for (size_t i = 0; i < stats.rule_seconds.size(); ++i) {
        if (stats.rule_bytes[i] > 0) {
            order.push_back(i);
        }
    }
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return stats.rule_seconds[a] > stats.rule_seconds[b]; });
    double total = 0;
    for (double t : stats.rule_seconds) {
        total += t;
    }
    std::cerr << "regex time by rule (" << order.size() << " rules ran, " << total * 1000
              << " ms in all):\n";
    for (size_t k = 0; k < order.size() && k < 25; ++k) {
        size_t i = order[k];
        double mb = double(stats.rule_bytes[i]) / 1e6;
        std::cerr << "  " << stats.rule_seconds[i] * 1000 << " ms  " << mb << " MB  "
                  << (stats.rule_seconds[i] > 0 ? mb / stats.rule_seconds[i] : 0) << " MB/s  "
                  << util::printable(ids[i]) << '\n';
    }
}

// Like gitleaks, vigil does not report its own configuration (its examples look like secrets).
void drop_rule_file_findings(ScanResult& result) {
    if (!result.rule_file.empty()) {
        std::erase_if(result.findings,
                      [&](const auto& f) { return f.location.path == result.rule_file; });
    }
}

util::Expected<int> execute(const ScanRequest& r) {
    ColorMode color = VIGIL_TRY(parse_color_mode(r.color));
    set_diagnostics_color(color);
    if (r.create_baseline) {
        VIGIL_TRY(check_targets(r));
        uint64_t max_file_bytes = VIGIL_TRY(util::parse_size(r.max_file_size));
        auto result = VIGIL_TRY(scan_target(r, max_file_bytes, nullptr));
        drop_rule_file_findings(result);
        return write_baseline_file(r, result);
    }
    auto result = VIGIL_TRY(run_rules(r, nullptr));
    return write_reports(r, result, color);
}

} // namespace

util::Expected<ScanResult> run_rules(const ScanRequest& r, core::ChangeSet* changes) {
    VIGIL_TRY(check_targets(r));
    uint64_t max_file_bytes = VIGIL_TRY(util::parse_size(r.max_file_size));
    std::string start_time = utc_now();
    auto result = VIGIL_TRY(scan_target(r, max_file_bytes, changes));
    result.start_time = start_time;
    drop_rule_file_findings(result);
    VIGIL_TRY(use_baseline(r, result));
    if (r.paths.empty()) {
        if (auto repo = git::Repository::open({r.repo_dir, true})) {
            if (auto store = open_feedback(*repo, false)) {
                drop_dismissed(result, *store);
                demote_rules(result, *store);
            }
        }
    }
    show_typed_paths(result);
    return result;
}

util::Expected<int> write_reports(const ScanRequest& r, ScanResult& result, ColorMode color) {
    std::optional<core::Severity> fail_level;
    if (r.fail_on != "never") {
        fail_level = core::parse_severity(r.fail_on);
    }
    auto outputs = VIGIL_TRY(plan_outputs(r.output_args));
    auto data = report_data(r, result);
    for (const auto& o : outputs) {
        VIGIL_TRY(write_output(o, data, color));
    }
    const auto& skipped = data.summary.skipped;
    if (skipped.size() <= k_max_listed_skips) {
        for (const auto& s : skipped) {
            print_note("skipped " + s.path + ": " + s.reason +
                       (s.commit.empty() ? "" : " (commit " + s.commit.substr(0, 12) + ")"));
        }
    }
    if (data.summary.review) {
        print_review_summary(*data.summary.review);
    }
    if (std::any_of(outputs.begin(), outputs.end(), [](const auto& o) {
            return o.format == report::Format::text || o.format == report::Format::short_text;
        })) {
        std::cerr << report::summary_line(data) << '\n';
    }
    if (r.profile_rules) {
        print_rule_profile(result.rule_ids, result.stats);
    }
    bool failed =
        fail_level && std::any_of(data.findings.begin(), data.findings.end(),
                                  [&](const auto& f) { return f.severity >= *fail_level; });
    return failed ? k_exit_findings : k_exit_clean;
}

int run_scan(const ScanRequest& request) {
    return finish(execute(request));
}

} // namespace vigil::cli
