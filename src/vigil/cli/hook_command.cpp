#include "hook_command.hpp"

#include "exit_code.hpp"
#include "feedback.hpp"
#include "hook_check.hpp"
#include "terminal.hpp"

#include <unistd.h>

namespace vigil::cli {
namespace {

// The first line of an error, for the one-line reports hooks give.
std::string first_line(const util::Error& e) {
    return e.message.substr(0, e.message.find('\n'));
}

util::Expected<ReviewedChange> check_once(const ReviewRequest& r, bool models) {
    if (models) {
        return review_change(r);
    }
    ReviewedChange out{r.scan, {}};
    out.result = VIGIL_TRY(run_rules(r.scan, nullptr));
    // Every hook run notices fixes people made by hand (review_change does so too); the store
    // is only read when a review has made one.
    if (auto repo = git::Repository::open({r.scan.repo_dir, true})) {
        if (auto store = open_feedback(*repo, false)) {
            record_landed(*store, *repo);
        }
    }
    return out;
}

} // namespace

util::Expected<ReviewedChange> check_change(ReviewRequest r, bool models) {
    auto checked = check_once(r, models);
    if (checked || checked.error().kind != util::ErrorKind::config) {
        return checked;
    }
    util::Error problem = checked.error();
    if (models) {
        // The user's model settings may be what does not load: then the rules alone decide.
        auto rules_only = check_once(r, false);
        if (rules_only || rules_only.error().kind != util::ErrorKind::config) {
            print_warning(first_line(problem) + "; no model review, the rules ran as usual");
            return rules_only;
        }
        problem = rules_only.error();
    }
    // A bad .vigil.toml, .gitleaks.toml or .vigil-baseline.json is the repository's problem;
    // the change is still checked, with what vigil has built in.
    print_warning(first_line(problem) +
                  "; checking with the built-in rules and no baseline instead");
    r.scan.builtin_rules = true;
    r.scan.no_baseline = true;
    r.scan.baseline.clear();
    auto fallback = check_once(r, models);
    if (fallback || !models || fallback.error().kind != util::ErrorKind::config) {
        return fallback;
    }
    print_warning(first_line(fallback.error()) + "; no model review, the rules ran as usual");
    return check_once(r, false);
}

config::HookSettings hook_settings() {
    auto settings = config::load_hook_settings("");
    if (!settings) {
        print_warning(first_line(settings.error()) + "; using the default [hooks] settings");
        return {};
    }
    return *settings;
}

std::string budget_text(llm::Millis budget) {
    return std::to_string(std::max<long long>(budget.count(), 1)) + "ms";
}

bool is_model_finding(const core::Finding& finding) {
    return finding.rule_id.starts_with("model/");
}

void hook_note(std::string_view hook, std::string_view message) {
    print_note(std::string(hook) + ": " + std::string(message));
}

void hook_warning(std::string_view hook, std::string_view message) {
    print_warning(std::string(hook) + ": " + std::string(message));
}

int run_hook(const HookRequest& request) {
    auto color = parse_color_mode(request.color);
    if (!color) {
        print_error(color.error());
        return k_exit_usage;
    }
    set_diagnostics_color(*color);
    if (request.action == "install") {
        return install_hooks(request);
    }
    if (request.action == "uninstall") {
        return uninstall_hooks(request);
    }
    // A hook's report is for the person at the terminal, as git shows pre-commit output:
    // on stderr, so that `git push --porcelain` keeps a clean stdout.
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    if (request.hook == "pre-commit") {
        return run_pre_commit(request);
    }
    return run_pre_push(request);
}

} // namespace vigil::cli
