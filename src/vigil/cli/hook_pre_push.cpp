// `vigil hook run pre-push`: the rules and the models over what each pushed ref sends.
#include "exit_code.hpp"
#include "hook_check.hpp"
#include "hook_command.hpp"
#include "terminal.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <set>
#include <sstream>
#include <vigil/git/push.hpp>
#include <vigil/util/env.hpp>

namespace vigil::cli {
namespace {

constexpr std::string_view k_hook = "pre-push";
// Commits listed per pushed ref; a first push of a long history is reviewed as its last ones.
constexpr size_t k_max_commits = 1000;
// Commits of one push scanned one by one, so that a secret added and deleted again within the
// push (still in the history it sends) is caught; past this many only the whole diff is.
constexpr size_t k_max_scanned_commits = 100;

struct PushLine {
    std::string local_ref, local_id, remote_ref, remote_id;
};

// git writes "<local ref> SP <local id> SP <remote ref> SP <remote id> LF" per ref.
std::vector<PushLine> read_push_lines(std::istream& in) {
    std::vector<PushLine> lines;
    for (std::string text; std::getline(in, text);) {
        std::istringstream fields(text);
        PushLine line;
        if (fields >> line.local_ref >> line.local_id >> line.remote_ref >> line.remote_id) {
            lines.push_back(std::move(line));
        } else if (!text.empty()) {
            hook_warning(k_hook, "ignored a line git did not write as expected: " + text);
        }
    }
    return lines;
}

// Under the pre-commit framework (PRE_COMMIT set) git's lines went to the framework, which
// passes the first ref's range in the environment; without it (a new branch whose history
// starts at a root, or `--hook-stage manual`) the current branch counts as new to the remote.
std::vector<PushLine> framework_push_lines() {
    auto env = [](const char* name) {
        const char* value = util::env_value(name);
        return std::string(value ? value : "");
    };
    const std::string none(40, '0');
    PushLine line{env("PRE_COMMIT_LOCAL_BRANCH"), env("PRE_COMMIT_TO_REF"),
                  env("PRE_COMMIT_REMOTE_BRANCH"), env("PRE_COMMIT_FROM_REF")};
    if (line.local_id.empty()) {
        line.local_id = "HEAD";
        line.remote_id = none;
    }
    if (line.remote_id.empty()) {
        line.remote_id = none;
    }
    if (line.local_ref.empty()) {
        line.local_ref = "HEAD";
    }
    if (line.remote_ref.empty()) {
        line.remote_ref = "the remote";
    }
    return {line};
}

std::string_view kind_text(git::PushKind kind) {
    switch (kind) {
    case git::PushKind::create:
        return "new";
    case git::PushKind::update:
        return "update";
    case git::PushKind::force:
        return "force-push";
    case git::PushKind::remove:
        return "delete";
    }
    return "";
}

std::string short_id(const std::string& id) {
    return id.substr(0, 12);
}

// What one ref sends, as `vigil review` targets: base..tip, or from the root commit when the
// remote has nothing it builds on.
std::vector<ScanRequest> targets_of(const git::OutgoingCommits& out) {
    std::vector<ScanRequest> targets;
    if (!out.base.empty()) {
        targets.emplace_back().range = out.base + ".." + out.tip;
        return targets;
    }
    const std::string& oldest = out.commits.back();
    if (out.total <= out.commits.size()) {
        targets.emplace_back().commit = oldest; // the root: its whole tree is new
    }
    if (oldest != out.tip) {
        targets.emplace_back().range = oldest + ".." + out.tip;
    }
    return targets;
}

// Secrets in single commits of the push that its overall diff no longer shows.
void add_secrets_of_commits(const HookRequest& h, const git::OutgoingCommits& out,
                            ScanResult& result) {
    std::set<std::string> known;
    for (const auto& f : result.findings) {
        known.insert(f.fingerprint);
    }
    for (size_t i = 0; i < out.commits.size() && i < k_max_scanned_commits; ++i) {
        ScanRequest s;
        s.commit = out.commits[i];
        s.repo_dir = h.repo_dir;
        s.no_syntax = true;
        auto scanned = run_rules(s, nullptr);
        if (!scanned) {
            continue; // the range's own scan has reported what is wrong
        }
        for (auto& f : scanned->findings) {
            if (f.category == "secret" && known.insert(f.fingerprint).second) {
                result.findings.push_back(std::move(f));
            }
        }
        result.blob_ids.merge(scanned->blob_ids);
    }
    sort_by_path(result);
}

struct Tally {
    size_t secrets = 0;
    size_t others = 0;
    llm::Millis budget_left{0};
};

util::Expected<void> check_target(const HookRequest& h, ScanRequest target,
                                  const git::OutgoingCommits& out,
                                  const config::HookSettings& settings, Tally& tally) {
    ColorMode color = VIGIL_TRY(parse_color_mode(h.color));
    ReviewRequest r;
    r.scan = std::move(target);
    r.scan.repo_dir = h.repo_dir;
    r.scan.color = h.color;
    r.scan.fail_on = "never"; // the hook decides
    r.scan.output_args = {{true, "text"}};
    bool models = settings.review_on_push && tally.budget_left.count() > 0;
    r.llm.budget = budget_text(tally.budget_left);
    auto started = std::chrono::steady_clock::now();
    auto checked = VIGIL_TRY(check_change(r, models));
    tally.budget_left -=
        std::chrono::duration_cast<llm::Millis>(std::chrono::steady_clock::now() - started);
    ScanResult& result = checked.result;
    if (out.commits.size() > 1) {
        add_secrets_of_commits(h, out, result);
    }
    for (const auto& f : result.findings) {
        ++(f.category == "secret" && !is_model_finding(f) ? tally.secrets : tally.others);
    }
    if (!result.findings.empty()) {
        VIGIL_TRY(write_reports(checked.scan, result, color));
    } else if (result.summary.review) {
        print_review_summary(*result.summary.review);
    }
    return {};
}

util::Expected<int> check(const HookRequest& h) {
    config::HookSettings settings = hook_settings();
    auto lines = util::env_value("PRE_COMMIT") ? framework_push_lines() : read_push_lines(std::cin);
    auto repo = VIGIL_TRY(git::Repository::open({h.repo_dir, true}));
    Tally tally;
    tally.budget_left = settings.push_budget;
    for (const auto& line : lines) {
        auto out = git::outgoing_commits(repo, line.local_id, line.remote_id, k_max_commits);
        if (!out) {
            hook_warning(k_hook, line.remote_ref + ": " + out.error().message + "; not checked");
            continue;
        }
        if (out->kind == git::PushKind::remove) {
            hook_note(k_hook, line.remote_ref + ": deleted; nothing to review");
            continue;
        }
        if (out->total == 0) {
            hook_note(k_hook, line.remote_ref + ": no commits the remote lacks");
            continue;
        }
        std::string what = std::to_string(out->total) + (out->total == 1 ? " commit" : " commits");
        if (out->total > out->commits.size()) {
            what += " (reviewing the last " + std::to_string(out->commits.size()) + ")";
        }
        hook_note(k_hook, line.local_ref + " -> " + line.remote_ref + " (" +
                              std::string(kind_text(out->kind)) + "): " + what + ", " +
                              (out->base.empty() ? "from the root" : short_id(out->base)) + ".." +
                              short_id(out->tip));
        if (settings.review_on_push && tally.budget_left.count() <= 0) {
            hook_note(k_hook, "the model budget ([hooks] push_budget) is used up: rules only");
        }
        for (auto& target : targets_of(*out)) {
            VIGIL_TRY(check_target(h, std::move(target), *out, settings, tally));
        }
    }
    if (tally.secrets) {
        print_error({util::ErrorKind::usage,
                     std::string(k_hook) + ": push blocked by " + std::to_string(tally.secrets) +
                         (tally.secrets == 1 ? " secret" : " secrets") + " in the pushed commits",
                     "take the secret out of every commit that has it (`git rebase -i`, `git "
                     "commit --amend`): a later commit that deletes it leaves it in history; "
                     "to push anyway: `git push --no-verify` or `VIGIL_SKIP=1 git push`; a "
                     "false positive: `vigil:allow` on the line, or `vigil baseline create`",
                     {}});
        return k_exit_findings;
    }
    if (tally.others) {
        hook_note(k_hook, std::to_string(tally.others) +
                              (tally.others == 1 ? " finding" : " findings") +
                              " above; only secrets block a push");
    }
    return k_exit_clean;
}

} // namespace

int run_pre_push(const HookRequest& request) {
    auto code = check(request);
    if (!code) {
        hook_warning(k_hook, code.error().message + "; the push was not checked");
        return k_exit_clean;
    }
    return *code;
}

} // namespace vigil::cli
