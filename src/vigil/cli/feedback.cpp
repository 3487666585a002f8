#include "feedback.hpp"

#include "terminal.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <vigil/review/answer.hpp>

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

// Dismissals of findings of one kind before they stop being shown.
constexpr size_t k_suppress_after = 3;
// Learned guidance per prompt, kept small: a prompt is mostly the change.
constexpr size_t k_examples = 10;
constexpr size_t k_avoid_per_category = 2;

void drop_like_dismissed(ScanResult& result, const learn::Store& store) {
    size_t before = result.findings.size();
    std::set<std::string> dropped;
    std::erase_if(result.findings, [&](const core::Finding& f) {
        if (!f.rule_id.starts_with("model/") || f.category == "security") {
            return false;
        }
        bool like =
            store.dismissed_like(f.category, learn::message_shape(f.message)) >= k_suppress_after;
        if (like) {
            dropped.insert(f.fingerprint);
        }
        return like;
    });
    std::erase_if(result.model_suggestions,
                  [&](const core::Suggestion& s) { return dropped.contains(s.fingerprint); });
    if (size_t n = before - result.findings.size()) {
        print_note(std::to_string(n) + " model " + (n == 1 ? "finding" : "findings") +
                   " like ones dismissed " + std::to_string(k_suppress_after) +
                   " times or more left out");
    }
}

// Dismissals of a rule's findings, with none accepted, before it is demoted to notes.
constexpr size_t k_demote_after = 5;

void demote_rules(ScanResult& result, const learn::Store& store) {
    auto demoted = store.demoted_rules(k_demote_after);
    std::set<std::string> seen;
    for (auto& f : result.findings) {
        if (demoted.contains(f.rule_id) && f.category != "secret") {
            f.severity = core::Severity::note;
            seen.insert(f.rule_id);
        }
    }
    for (const auto& rule : seen) {
        print_note("rule " + rule + " reports notes only here: its findings were dismissed " +
                   std::to_string(k_demote_after) +
                   "+ times and never accepted (`vigil learn stats`)");
    }
}

// The work tree file a fix is for, or nullopt when it is gone.
std::optional<std::string> file_of(const git::Repository& repo, const core::Suggestion& s) {
    std::ifstream in(std::filesystem::path(repo.workdir()) /
                         (s.patch_path.empty() ? s.path : s.patch_path),
                     std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void record_landed(learn::Store& store, const git::Repository& repo) {
    if (repo.workdir().empty()) {
        return;
    }
    auto has = [](const std::string& text, const std::string& part) {
        return text.find(part) != std::string::npos;
    };
    for (const auto& fp : store.open_suggestions()) {
        auto s = store.suggestion_for(fp);
        if (!s || s->inserted.empty() || s->inserted == s->removed) {
            continue;
        }
        if (auto text = file_of(repo, *s);
            text && has(*text, s->inserted) && (s->removed.empty() || !has(*text, s->removed))) {
            store.record_event(fp, learn::Event::landed);
        }
    }
    // A fix that was taken and whose original lines came back (its own gone) was reverted.
    for (const auto& fp : store.accepted_suggestions()) {
        auto s = store.suggestion_for(fp);
        if (!s || s->removed.empty() || s->inserted == s->removed) {
            continue;
        }
        if (auto text = file_of(repo, *s);
            text && has(*text, s->removed) && (s->inserted.empty() || !has(*text, s->inserted))) {
            store.record_event(fp, learn::Event::reverted);
        }
    }
}

void add_learned_guidance(review::ReviewOptions& options, const learn::Store& store) {
    for (auto& fix : store.accepted_fixes(k_examples)) {
        options.examples.push_back({std::move(fix.path), std::move(fix.message),
                                    std::move(fix.removed), std::move(fix.inserted)});
    }
    for (auto category : review::k_categories) {
        if (category == "security") {
            continue; // never discourage security findings
        }
        for (auto& m : store.dismissed_messages(category, k_avoid_per_category)) {
            options.avoid.push_back(std::string(category) + ": " + m);
        }
    }
}

// Fixes a model must have shown before its acceptance counts for routing.
constexpr size_t k_min_fixes_for_routing = 5;

std::string preferred_review_model(const std::vector<std::string>& candidates,
                                   const std::string& default_model, const learn::Store& store) {
    if (candidates.size() < 2) {
        return "";
    }
    auto acceptance = store.model_acceptance();
    auto rate = [&](const std::string& m) -> std::optional<double> {
        auto it = acceptance.find(m);
        if (it == acceptance.end() || it->second.fixes < k_min_fixes_for_routing) {
            return std::nullopt;
        }
        return double(it->second.taken) / double(it->second.fixes);
    };
    std::string best;
    double best_rate = -1;
    for (const auto& m : candidates) {
        if (auto r = rate(m); r && *r > best_rate) {
            best = m;
            best_rate = *r;
        }
    }
    auto base = rate(default_model);
    if (best.empty() || best == default_model || (base && *base >= best_rate)) {
        return "";
    }
    const auto& a = acceptance[best];
    print_note("review model: " + best + " (its fixes were taken " + std::to_string(a.taken) +
               " of " + std::to_string(a.fixes) + " times here, more than " + default_model +
               "'s)");
    return best;
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
