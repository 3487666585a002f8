#include "review_command.hpp"

#include "exit_code.hpp"
#include "feedback.hpp"
#include "last_findings.hpp"
#include "model_router.hpp"
#include "new_text.hpp"
#include "scan_result.hpp"
#include "terminal.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>
#include <vigil/config/review_config.hpp>
#include <vigil/config/rule_config.hpp>
#include <vigil/lang/context.hpp>
#include <vigil/llm/routing.hpp>
#include <vigil/review/answer.hpp>
#include <vigil/review/pipeline.hpp>
#include <vigil/rules/rule_set.hpp>
#include <vigil/util/env.hpp>
#include <vigil/util/parallel.hpp>

namespace vigil::cli {
namespace {

// Not-reviewed entries listed one per line up to this many; the JSON report has them all.
constexpr size_t k_max_listed = 10;

ScanRequest scan_request_of(const ReviewRequest& r) {
    ScanRequest s = r.scan;
    if (!r.range_arg.empty()) {
        s.range = r.range_arg;
    }
    if (!s.staged && !s.worktree && s.commit.empty() && s.range.empty()) {
        s.branch = true;
    }
    return s;
}

util::Expected<void> check_request(const ReviewRequest& r) {
    if (!r.scan.paths.empty() || r.scan.history) {
        return util::usage_error("review works on changes, not on files or history",
                                 "pass RANGE, --staged, --worktree, --commit or --branch");
    }
    if (!r.range_arg.empty() && !r.scan.range.empty()) {
        return util::usage_error("RANGE and --range both given", "pass one of them");
    }
    if (r.max_findings < 1 || r.max_findings > 10) {
        return util::usage_error("--max-findings must be between 1 and 10");
    }
    return {};
}

void add_model_rules(ScanResult& result) {
    for (auto category : review::k_categories) {
        core::RuleInfo info;
        info.id = review::model_rule_id(category);
        info.description = "Found by the review model (" + std::string(category) + ")";
        // No help text: each finding's own explanation is its message, and the text report
        // shows how to ask for more (`= explain: vigil explain ID`).
        info.category = std::string(category);
        info.severity = core::Severity::warning;
        result.catalog.push_back(std::move(info));
    }
}

bool verify_configured(const llm::Router& router) {
    auto it = router.plan().roles.find(llm::Role::verify);
    return it != router.plan().roles.end() && it->second.origin == "configured";
}

util::Expected<void> review_with_models(const ReviewRequest& r, const ScanRequest& s,
                                        const core::ChangeSet& changes, ScanResult& result,
                                        llm::Router& router, const learn::Store* store) {
    auto repo = VIGIL_TRY(git::Repository::open({s.repo_dir, true}));
    core::TextSource text =
        new_text_source(repo, changes.commit.empty() ? repo.workdir() : std::string());
    unsigned threads = s.threads ? s.threads : util::default_thread_count();
    auto context = lang::change_context(changes, text, {}, threads);
    review::ReviewOptions o;
    // With builtin_rules (a hook's fallback) the repository's rule file is not read at all.
    std::string root = s.builtin_rules ? std::string() : repo.workdir();
    o.instructions = VIGIL_TRY(config::load_review_instructions({s.config, root}));
    o.max_findings = r.max_findings;
    o.triage = !r.no_triage;
    o.verify = r.verify || verify_configured(router);
    // Local servers mostly answer one request at a time; a second in flight overlaps the
    // prompt upload with the answer, more only helps with several endpoints.
    o.threads = std::max<unsigned>(2, unsigned(router.plan().endpoints.size()));
    if (store) {
        add_learned_guidance(o, *store);
        const auto& route = router.plan().roles.at(llm::Role::review);
        o.review_model = preferred_review_model(route.candidates, route.model, *store);
    }
    auto rules = VIGIL_TRY(config::load_rule_config({s.config, root, util::running_in_ci()}));
    review::ReviewInput in{changes, context, text, result.findings, rules.rules};
    auto reviewed = review::review_changes(router, in, o);
    for (const auto& f : reviewed.findings) { // reports read these files' text (SARIF hashes)
        for (const auto& file : changes.files) {
            if (file.path() == f.location.path && !file.new_id.empty()) {
                result.blob_ids.emplace(f.commit + '\0' + f.location.path, file.new_id);
            }
        }
    }
    std::move(reviewed.findings.begin(), reviewed.findings.end(),
              std::back_inserter(result.findings));
    sort_by_path(result);
    result.model_suggestions = std::move(reviewed.suggestions);
    result.summary.review = std::move(reviewed.summary);
    return {};
}

util::Expected<int> execute(const ReviewRequest& r) {
    ColorMode color = VIGIL_TRY(parse_color_mode(r.scan.color));
    set_diagnostics_color(color);
    auto reviewed = VIGIL_TRY(review_change(r));
    return write_reports(reviewed.scan, reviewed.result, color);
}

std::string rejected_text(const std::map<std::string, size_t>& rejected) {
    std::string out;
    for (const auto& [reason, n] : rejected) {
        out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
    }
    return out;
}

} // namespace

util::Expected<ReviewedChange> review_change(const ReviewRequest& r) {
    VIGIL_TRY(check_request(r));
    ReviewedChange out{scan_request_of(r), {}};
    const ScanRequest& s = out.scan;
    core::ChangeSet changes;
    out.result = VIGIL_TRY(run_rules(s, &changes));
    ScanResult& result = out.result;
    result.mode = "review";
    add_model_rules(result);
    core::ReviewSummary none;
    for (const auto& f : changes.files) {
        none.hunks += f.hunks.size();
    }
    auto repo = git::Repository::open({s.repo_dir, true});
    std::optional<learn::Store> store = repo ? open_feedback(*repo, true) : std::nullopt;
    if (r.no_llm) {
        none.skipped = "--no-llm";
        result.summary.review = none;
    } else {
        auto models = VIGIL_TRY(connect_models(r.llm));
        if (!models.router) {
            none.skipped = models.missing;
            result.summary.review = none;
        } else {
            VIGIL_TRY(review_with_models(r, s, changes, result, *models.router,
                                         store ? &*store : nullptr));
        }
    }
    if (store) {
        record_landed(*store, *repo);
        drop_dismissed(result, *store);
        drop_like_dismissed(result, *store);
        record_shown(*store, "review", result);
    }
    if (repo) {
        save_last_findings(repo->git_dir(), result.summary.target, result.findings);
    }
    return out;
}

void print_review_summary(const core::ReviewSummary& v) {
    if (!v.skipped.empty()) {
        print_note("no model review: " + v.skipped +
                   "; the rules ran as usual (`vigil doctor` "
                   "says what is missing)");
        return;
    }
    std::ostringstream line;
    size_t sent = v.hunks - v.pretriaged - v.triaged_out;
    line << "model review: " << sent << " of " << v.hunks << " hunks reviewed in " << v.groups
         << (v.groups == 1 ? " request" : " requests");
    if (v.pretriaged || v.triaged_out) {
        line << " (" << v.pretriaged << " needed no model, " << v.triaged_out
             << " judged routine by triage)";
    }
    line << "; " << v.findings << (v.findings == 1 ? " finding" : " findings");
    if (v.unanchored) {
        line << ", " << v.unanchored << " dropped (quote not in the added lines)";
    }
    if (v.verify_dropped) {
        line << ", " << v.verify_dropped << " dropped by verify";
    }
    line << "; fixes: " << v.suggestions << " passed the checks";
    if (!v.rejected.empty()) {
        line << ", rejected: " << rejected_text(v.rejected);
    }
    print_note(line.str());
    for (const auto& u : v.usage) {
        std::ostringstream row;
        row << "  " << u.role << " " << u.model << ": " << u.requests << " requests";
        if (u.cache_hits) {
            row << ", " << u.cache_hits << " from the cache";
        }
        if (u.failures) {
            row << ", " << u.failures << " failed";
        }
        row << ", " << u.prompt_tokens << " prompt + " << u.output_tokens << " output tokens, "
            << u.seconds << " s";
        std::cerr << row.str() << '\n';
    }
    for (const auto& f : v.failures) {
        print_warning(f);
    }
    for (size_t i = 0; i < v.not_reviewed.size() && i < k_max_listed; ++i) {
        print_note("not reviewed: " + v.not_reviewed[i].path + ": " + v.not_reviewed[i].reason);
    }
    if (v.not_reviewed.size() > k_max_listed) {
        print_note(std::to_string(v.not_reviewed.size() - k_max_listed) +
                   " more not reviewed (--format json lists them all)");
    }
}

int run_review(const ReviewRequest& request) {
    return finish(execute(request));
}

} // namespace vigil::cli
