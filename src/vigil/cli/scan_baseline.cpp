#include "exit_code.hpp"
#include "scan_result.hpp"
#include "terminal.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vigil/scan/baseline.hpp>
#include <vigil/util/env.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

std::filesystem::path default_baseline(const ScanResult& result) {
    return std::filesystem::path(result.root.empty() ? "." : result.root) / scan::k_baseline_file;
}

// The baseline file's path as findings name paths (relative to the top), or "" outside it.
std::string as_finding_path(const std::filesystem::path& file, const ScanResult& result) {
    std::error_code ec;
    auto top = std::filesystem::weakly_canonical(result.root.empty() ? "." : result.root, ec);
    auto relative = std::filesystem::weakly_canonical(file, ec).lexically_relative(top);
    std::string text = relative.generic_string();
    return ec || text.empty() || text.starts_with("..") ? std::string() : text;
}

// A baseline lists hashes, which look like secrets to generic rules: never report on it.
void drop_findings_in(const std::filesystem::path& file, ScanResult& result) {
    std::string path = as_finding_path(file, result);
    if (!path.empty()) {
        std::erase_if(result.findings, [&](const auto& f) { return f.location.path == path; });
    }
}

} // namespace

util::Expected<int> write_baseline_file(const ScanRequest& r, ScanResult& result) {
    std::filesystem::path file =
        r.output.empty() ? default_baseline(result) : std::filesystem::path(r.output);
    drop_findings_in(file, result);
    auto baseline = scan::make_baseline(result.findings);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    scan::write_baseline(out, baseline);
    out.close();
    if (!out) {
        return util::runtime_error("cannot write " + file.string());
    }
    std::cerr << "wrote " << baseline.entries.size() << " fingerprints (" << result.findings.size()
              << " findings) to " << util::printable(file.string()) << '\n';
    return k_exit_clean;
}

util::Expected<void> use_baseline(const ScanRequest& r, ScanResult& result) {
    drop_findings_in(default_baseline(result), result); // even when not used this time
    if (r.no_baseline) {
        return {};
    }
    std::filesystem::path file = r.baseline;
    if (file.empty()) {
        file = default_baseline(result);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) {
            return {};
        }
    }
    auto baseline = VIGIL_TRY(scan::read_baseline(file));
    drop_findings_in(file, result);
    // In CI the repository's own baseline may come from the pull request under review: it
    // may quiet safety and hygiene findings, but secrets only when named with --baseline.
    std::vector<core::Finding> kept_secrets;
    if (r.baseline.empty() && util::running_in_ci()) {
        auto secret = [](const core::Finding& f) { return f.category == "secret"; };
        std::copy_if(result.findings.begin(), result.findings.end(),
                     std::back_inserter(kept_secrets), secret);
        std::erase_if(result.findings, secret);
    }
    auto outcome = scan::apply_baseline(baseline, result.findings);
    result.summary.baseline_known = outcome.known;
    if (!kept_secrets.empty()) {
        auto would_hide = kept_secrets;
        if (scan::apply_baseline(baseline, would_hide).known > 0) {
            print_note("the repository's baseline lists secret findings; in CI they are reported "
                       "anyway (pass --baseline " +
                       util::printable(file.string()) + " to trust it)");
        }
        std::move(kept_secrets.begin(), kept_secrets.end(), std::back_inserter(result.findings));
        sort_by_path(result);
    }
    // Only a scan that saw everything can tell that an entry's finding is gone.
    if (result.covers_top && kept_secrets.empty() && !outcome.unused.empty()) {
        print_note(std::to_string(outcome.unused.size()) + " baseline entries of " +
                   util::printable(file.string()) +
                   " matched no finding (fixed or moved?); refresh with 'vigil baseline create'");
    }
    return {};
}

void sort_by_path(ScanResult& result) {
    std::stable_sort(result.findings.begin(), result.findings.end(),
                     [](const auto& a, const auto& b) {
                         return std::tie(a.location.path, a.location.line, a.location.column) <
                                std::tie(b.location.path, b.location.line, b.location.column);
                     });
    std::stable_sort(result.summary.skipped.begin(), result.summary.skipped.end(),
                     [](const auto& a, const auto& b) { return a.path < b.path; });
}

} // namespace vigil::cli
