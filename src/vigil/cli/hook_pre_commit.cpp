// `vigil hook run pre-commit`: the rules over the index git is about to commit.
#include "exit_code.hpp"
#include "hook_check.hpp"
#include "hook_command.hpp"
#include "terminal.hpp"

#include <algorithm>
#include <iostream>

namespace vigil::cli {
namespace {

constexpr std::string_view k_hook = "pre-commit";

// Only the rules' error-level findings stop a commit (secrets by default): a model's opinion is
// shown, never enforced, so an unavailable or wrong model cannot hold anyone up.
size_t blocking_count(const std::vector<core::Finding>& findings) {
    return size_t(std::count_if(findings.begin(), findings.end(), [](const auto& f) {
        return !is_model_finding(f) && f.severity == core::Severity::error;
    }));
}

std::string plural(size_t n, const std::string& word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

util::Expected<int> check(const HookRequest& h) {
    ColorMode color = VIGIL_TRY(parse_color_mode(h.color));
    config::HookSettings settings = hook_settings();
    ReviewRequest r;
    r.scan.staged = true; // the index git is committing (GIT_INDEX_FILE), never the work tree
    r.scan.repo_dir = h.repo_dir;
    r.scan.color = h.color;
    r.scan.fail_on = "never"; // the hook decides below
    r.scan.output_args = {{true, "text"}};
    r.llm.budget = budget_text(settings.commit_budget);
    bool models = settings.review_on_commit;
    auto checked = check_change(r, models);
    if (!checked) {
        // Nothing could be checked; git will say what is wrong with the repository.
        hook_warning(k_hook, checked.error().message + "; the commit was not checked");
        return k_exit_clean;
    }
    ScanResult& result = checked->result;
    size_t blocking = blocking_count(result.findings);
    if (result.findings.empty()) {
        // A clean commit says nothing, except that a configured model could not be asked.
        if (models && result.summary.review && !result.summary.review->skipped.empty()) {
            print_review_summary(*result.summary.review);
        }
        return k_exit_clean;
    }
    size_t others = result.findings.size() - blocking;
    VIGIL_TRY(write_reports(checked->scan, result, color));
    if (blocking == 0) {
        if (others) {
            hook_note(k_hook, plural(others, "finding") + " above, none blocks the commit");
        }
        return k_exit_clean;
    }
    print_error({util::ErrorKind::usage,
                 std::string(k_hook) + ": commit blocked by " +
                     plural(blocking, "error-level finding") + " in the staged changes",
                 "fix it and `git add` the file again; to commit anyway: `git commit "
                 "--no-verify` or `VIGIL_SKIP=1 git commit`; to accept it for good: put "
                 "`vigil:allow` on the line, or record it with `vigil baseline create`",
                 {}});
    return k_exit_findings;
}

} // namespace

int run_pre_commit(const HookRequest& request) {
    auto code = check(request);
    if (!code) {
        hook_warning(k_hook, code.error().message + "; the commit was not checked");
        return k_exit_clean;
    }
    return *code;
}

} // namespace vigil::cli
