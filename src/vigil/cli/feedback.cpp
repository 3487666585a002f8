#include "feedback.hpp"

#include "terminal.hpp"

#include <filesystem>

namespace vigil::cli {

std::optional<learn::Store> open_feedback(const git::Repository& repo, bool create) {
    std::filesystem::path dir = std::filesystem::path(repo.common_dir()) / "vigil";
    std::error_code ec;
    if (!create && !std::filesystem::exists(dir / learn::k_store_file, ec)) {
        return std::nullopt;
    }
    auto store = learn::Store::open(dir);
    if (!store) {
        print_warning(store.error().message + "; feedback is not recorded in this run");
        return std::nullopt;
    }
    for (const auto& w : store->warnings()) {
        print_warning(w);
    }
    return std::move(*store);
}

void drop_dismissed(ScanResult& result, const learn::Store& store) {
    auto dismissed = store.dismissed();
    if (dismissed.empty()) {
        return;
    }
    size_t before = result.findings.size();
    std::erase_if(result.findings,
                  [&](const core::Finding& f) { return dismissed.contains(f.fingerprint); });
    std::erase_if(result.model_suggestions,
                  [&](const core::Suggestion& s) { return dismissed.contains(s.fingerprint); });
    if (size_t n = before - result.findings.size()) {
        print_note(std::to_string(n) + (n == 1 ? " finding" : " findings") +
                   " dismissed earlier left out (`vigil dismiss`)");
    }
}

void record_shown(learn::Store& store, std::string_view command, const ScanResult& result) {
    auto run = store.begin_run(command, result.summary.target);
    if (!run) {
        print_warning(run.error().message);
        return;
    }
    if (auto done = store.record_shown(*run, result.findings, result.model_suggestions); !done) {
        print_warning(done.error().message);
    }
}

} // namespace vigil::cli
