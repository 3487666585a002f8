// The command table and option parsing. CLI11 stays in this file.
#include "apply_command.hpp"
#include "ci_command.hpp"
#include "context_command.hpp"
#include "doctor_command.hpp"
#include "exit_code.hpp"
#include "explain_command.hpp"
#include "hook_command.hpp"
#include "learn_command.hpp"
#include "review_command.hpp"
#include "rules_command.hpp"
#include "run.hpp"
#include "scan_command.hpp"
#include "terminal.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <malloc.h>
#include <vigil/report/report.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : app.get_options()) {
        for (const auto& n : opt->get_lnames()) {
            names.push_back("--" + n);
        }
        for (const auto& n : opt->get_snames()) {
            names.push_back("-" + n);
        }
    }
    return names;
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) {
        names.push_back(sub->get_name());
    }
    return names;
}

// An argument CLI11 did not recognise, turned into one line with a suggestion.
util::Error unknown_argument(const CLI::App& where, const std::string& arg, bool top_level) {
    std::string command = top_level ? "vigil" : "vigil " + where.get_name();
    if (!arg.starts_with("-") && top_level) {
        util::Error e{util::ErrorKind::usage, "unknown command '" + arg + "'", {}, {}};
        if (auto guess = util::closest_match(arg, command_names(where))) {
            e.message += "; did you mean '" + *guess + "'?";
        }
        e.hint = "run 'vigil --help' for the list of commands";
        return e;
    }
    std::string name = arg.substr(0, arg.find('='));
    util::Error e{util::ErrorKind::usage, "unknown option '" + name + "' for " + command, {}, {}};
    if (!arg.starts_with("-")) {
        e.message = "unexpected argument '" + arg + "' for " + command;
    } else if (auto guess = util::closest_match(name, option_names(where))) {
        e.message += "; did you mean '" + *guess + "'?";
    }
    e.hint = "run '" + command + " --help' for its options";
    return e;
}

// The target options, shared by `scan` and `baseline create`.
void add_target_options(CLI::App* cmd, ScanRequest& req) {
    cmd->add_flag("--staged", req.staged, "Scan the index against HEAD (what a commit would add)");
    cmd->add_flag("--worktree", req.worktree,
                  "Scan the work tree against the index, untracked files included");
    cmd->add_option("--commit", req.commit, "Scan one commit against its first parent")
        ->type_name("REV");
    cmd->add_option("--range", req.range,
                    "Scan A..B (A's tree against B's) or A...B (from their merge base)")
        ->type_name("RANGE");
    cmd->add_flag("--branch", req.branch,
                  "Scan the current branch since it left its upstream or the default branch");
    cmd->add_flag("--history", req.history, "Scan every commit reachable from HEAD");
    cmd->add_flag("--all", req.all_refs, "With --history: every commit of every ref");
    cmd->add_option("paths", req.paths, "Files or folders to scan (no git needed)")
        ->type_name("PATH");
    cmd->add_option("-C,--repo", req.repo_dir, "Run as if started in DIR")->type_name("DIR");
    cmd->add_option("-c,--config", req.config,
                    "Use this rule file instead of .vigil.toml / .gitleaks.toml / built-in rules")
        ->type_name("FILE");
    cmd->add_option("--max-file-size", req.max_file_size,
                    "Skip files larger than this (e.g. 512K, 10M)")
        ->default_str("10M");
    cmd->add_option("-j,--threads", req.threads, "Worker threads for --history (default: cores)");
    cmd->add_option("--color", req.color, "Colour: auto, always or never")->default_str("auto");
}

// --format, --output and --fail-on, shared by `scan` and `review`.
void add_report_options(CLI::App* scan, ScanRequest& req) {
    // Formats and files pair up in the order given, so both record into one list as they parse.
    std::string formats;
    for (auto name : report::format_names()) {
        formats += (formats.empty() ? "" : ", ") + std::string(name);
    }
    scan->add_option_function<std::string>(
            "-f,--format",
            [&req](const std::string& v) {
                req.output_args.push_back({true, v});
            },
            "Report format (repeatable): " + formats)
        ->trigger_on_parse()
        ->type_name("FORMAT");
    scan->add_option_function<std::string>(
            "-o,--output",
            [&req](const std::string& v) {
                req.output_args.push_back({false, v});
            },
            "Write the --format before it to FILE instead of stdout")
        ->trigger_on_parse()
        ->type_name("FILE");
    scan->add_option("--fail-on", req.fail_on, "Exit 1 when a finding is at or above this severity")
        ->check(CLI::IsMember({"error", "warning", "note", "never"}))
        ->default_str("error");
    scan->add_flag("--show-secrets", req.show_secrets, "Print secrets in full instead of masked");
}

void add_scan_command(CLI::App& app, ScanRequest& req) {
    CLI::App* scan = app.add_subcommand(
        "scan", "Run the rules over staged changes, the work tree, commits, history or files");
    scan->allow_extras();
    add_target_options(scan, req);
    add_report_options(scan, req);
    scan->add_flag("--no-syntax", req.no_syntax,
                   "Do not parse changed files for syntax errors the change introduces");
    scan->add_option("--baseline", req.baseline,
                     "Leave out findings this baseline lists (default: .vigil-baseline.json)")
        ->type_name("FILE");
    scan->add_flag("--no-baseline", req.no_baseline, "Report every finding, baseline or not");
    scan->add_flag("--profile-rules", req.profile_rules,
                   "Print which rules' regexes took the time (for rule authors)");
}

void add_baseline_command(CLI::App& app, ScanRequest& req) {
    CLI::App* baseline = app.add_subcommand("baseline", "Record today's findings as known");
    baseline->require_subcommand(1);
    CLI::App* create = baseline->add_subcommand(
        "create", "Write the fingerprints of every finding (default: of all work tree files)");
    create->allow_extras();
    add_target_options(create, req);
    create
        ->add_option("-o,--output", req.output,
                     "Write the baseline here (default: .vigil-baseline.json at the top)")
        ->type_name("FILE");
    create->callback([&req] { req.create_baseline = true; });
}

void add_rules_command(CLI::App& app, RulesRequest& req) {
    CLI::App* rules = app.add_subcommand("rules", "Check, test and list rule files");
    rules->require_subcommand(1);
    CLI::App* check = rules->add_subcommand(
        "check", "Report every problem in rule files (the built-in rules without FILE)");
    check->add_option("files", req.files, "Rule files (TOML)")->type_name("FILE");
    CLI::App* test = rules->add_subcommand(
        "test", "Run every rule's examples (the built-in rules without FILE)");
    test->add_option("files", req.files, "Rule files (TOML)")->type_name("FILE");
    CLI::App* list = rules->add_subcommand("list", "Show the rules a scan here would use");
    list->add_option("--config", req.config, "Use this rule file")->type_name("FILE");
    list->add_option("-C,--repo", req.repo_dir, "Run as if started in DIR")->type_name("DIR");
    for (CLI::App* sub : {check, test, list}) {
        sub->add_option("--color", req.color, "Colour: auto, always or never")->default_str("auto");
        sub->callback([&req, sub] { req.action = sub->get_name(); });
    }
}

void add_context_command(CLI::App& app, ContextRequest& req) {
    CLI::App* context = app.add_subcommand(
        "context", "Show what vigil knows about each hunk of a change: symbols, source, "
                   "definitions used, imports");
    context->add_flag("--staged", req.target.staged, "The index against HEAD");
    context->add_flag("--worktree", req.target.worktree, "The work tree against the index");
    context->add_option("--commit", req.target.commit, "One commit against its first parent")
        ->type_name("REV");
    context->add_option("--range", req.target.range, "A..B, or A...B from their merge base")
        ->type_name("RANGE");
    context->add_flag("--branch", req.target.branch,
                      "The current branch since it left its upstream or the default branch");
    context->add_option("-C,--repo", req.repo_dir, "Run as if started in DIR")->type_name("DIR");
    context->add_option("--format", req.format, "text or json")->default_str("text");
    context
        ->add_option("--max-file-size", req.max_file_size,
                     "Skip files larger than this (e.g. 512K, 10M)")
        ->default_str("10M");
    context->add_option("-j,--threads", req.threads, "Worker threads (default: cores)");
}

// The model settings flags `doctor`, `review` and `explain` share.
void add_model_options(CLI::App* cmd, config::LlmConfigRequest& llm) {
    cmd->add_option("--llm-config", llm.user_file,
                    "Read model settings from FILE (default: ~/.config/vigil/config.toml)")
        ->type_name("FILE");
    cmd->add_option("--model", llm.model, "Use this model for every role")->type_name("NAME");
    cmd->add_option("--endpoint", llm.endpoints,
                    "Ollama server URL (repeatable; replaces configured endpoints)")
        ->type_name("URL");
}

void add_review_command(CLI::App& app, ReviewRequest& req) {
    CLI::App* review = app.add_subcommand(
        "review", "Rules, then local models, over a change (default: the current branch)");
    review->allow_extras();
    ScanRequest& s = req.scan;
    review->add_option("range", req.range_arg, "A..B or A...B (default: --branch)")
        ->type_name("RANGE");
    review->add_flag("--staged", s.staged, "Review the index against HEAD");
    review->add_flag("--worktree", s.worktree, "Review the work tree against the index");
    review->add_option("--commit", s.commit, "Review one commit against its first parent")
        ->type_name("REV");
    review->add_option("--range", s.range, "Review A..B, or A...B from their merge base")
        ->type_name("RANGE");
    review->add_flag("--branch", s.branch,
                     "Review the current branch since it left its upstream or the default branch");
    review->add_option("-C,--repo", s.repo_dir, "Run as if started in DIR")->type_name("DIR");
    review
        ->add_option("-c,--config", s.config,
                     "Use this rule file instead of .vigil.toml / .gitleaks.toml / built-in "
                     "rules")
        ->type_name("FILE");
    review
        ->add_option("--max-file-size", s.max_file_size,
                     "Skip files larger than this (e.g. 512K, 10M)")
        ->default_str("10M");
    review->add_option("-j,--threads", s.threads, "Worker threads (default: cores)");
    review->add_option("--color", s.color, "Colour: auto, always or never")->default_str("auto");
    add_report_options(review, s);
    review->add_flag("--no-syntax", s.no_syntax, "No syntax-error findings");
    review->add_option("--baseline", s.baseline, "Leave out findings this baseline lists")
        ->type_name("FILE");
    review->add_flag("--no-baseline", s.no_baseline, "Report every finding, baseline or not");
    add_model_options(review, req.llm);
    review
        ->add_option("--llm-budget", req.llm.budget,
                     "Model time for the whole run (e.g. 90s, 5m); what does not fit is listed")
        ->type_name("TIME");
    review->add_flag("--no-llm-cache", req.llm.no_cache, "Ask the models again, cached or not");
    review->add_flag("--no-llm", req.no_llm, "The rules only: send nothing to any model");
    review->add_flag("--verify", req.verify, "Have the verify model score each finding");
    review->add_flag("--no-triage", req.no_triage, "Send every hunk to the review model");
    review->add_option("--max-findings", req.max_findings, "Findings per request (1-10)")
        ->default_str("3");
}

void add_ci_command(CLI::App& app, CiRequest& req) {
    CLI::App* ci = app.add_subcommand(
        "ci", "Review the pull request, merge request or push a GitHub Actions or GitLab CI job "
              "runs for: reports, line comments, exit code by --fail-on");
    ci->allow_extras();
    ScanRequest& s = req.review.scan;
    ci->add_option("-C,--repo", s.repo_dir, "Run as if started in DIR")->type_name("DIR");
    ci->add_option("-c,--config", s.config, "Use this rule file instead of .vigil.toml")
        ->type_name("FILE");
    ci->add_option("--max-file-size", s.max_file_size, "Skip files larger than this")
        ->default_str("10M");
    ci->add_option("-j,--threads", s.threads, "Worker threads (default: cores)");
    ci->add_option("--color", s.color, "Colour: auto, always or never")->default_str("auto");
    add_report_options(ci, s);
    ci->add_flag("--no-syntax", s.no_syntax, "No syntax-error findings");
    ci->add_option("--baseline", s.baseline, "Leave out findings this baseline lists")
        ->type_name("FILE");
    ci->add_flag("--no-baseline", s.no_baseline, "Report every finding, baseline or not");
    add_model_options(ci, req.review.llm);
    ci->add_option("--llm-budget", req.review.llm.budget, "Model time for the whole run")
        ->type_name("TIME");
    ci->add_flag("--no-llm", req.review.no_llm, "The rules only: send nothing to any model");
    ci->add_flag("--verify", req.review.verify, "Have the verify model score each finding");
    ci->add_flag("--no-triage", req.review.no_triage, "Send every hunk to the review model");
    ci->add_option("--max-findings", req.review.max_findings, "Findings per request (1-10)")
        ->default_str("3");
    ci->add_flag("--no-comments", req.no_comments, "Write the reports only; post no comments");
    ci->add_option("--max-comments", req.max_comments,
                   "New line comments per run; the rest go to the summary comment")
        ->default_str("25");
}

void add_explain_command(CLI::App& app, ExplainRequest& req) {
    CLI::App* explain = app.add_subcommand(
        "explain", "Ask the explain model about a finding (ID from `vigil review`) or PATH:LINE");
    explain
        ->add_option("what", req.what,
                     "A finding id (the start of its fingerprint) or "
                     "PATH:LINE[-END]")
        ->required()
        ->type_name("ID|PATH:LINE");
    explain->add_option("-C,--repo", req.repo_dir, "Run as if started in DIR")->type_name("DIR");
    explain->add_option("-c,--config", req.config, "The rule file (its secret rules redact)")
        ->type_name("FILE");
    explain->add_option("--color", req.color, "Colour: auto, always or never")->default_str("auto");
    add_model_options(explain, req.llm);
}

void add_apply_commands(CLI::App& app, ApplyRequest& apply, DismissRequest& dismiss) {
    CLI::App* a =
        app.add_subcommand("apply", "Take fixes `vigil review` showed into the work tree");
    a->add_option("ids", apply.ids, "Finding ids (the start of a fingerprint)")->type_name("ID");
    a->add_flag("--all", apply.all, "Every fix shown and not yet applied or dismissed");
    a->add_flag("--dry-run", apply.dry_run, "Print each fix's diff; write nothing");
    a->add_flag("--index", apply.index, "Stage the fixed file too (as `git apply --index`)");
    a->add_option("-C,--repo", apply.repo_dir, "Run as if started in DIR")->type_name("DIR");
    CLI::App* d = app.add_subcommand("dismiss", "Say a finding is not wanted: not shown again");
    d->add_option("id", dismiss.id, "The finding's id (the start of its fingerprint)")
        ->required()
        ->type_name("ID");
    d->add_option("--reason", dismiss.reason, "Why (kept with the feedback)")->type_name("TEXT");
    d->add_option("-C,--repo", dismiss.repo_dir, "Run as if started in DIR")->type_name("DIR");
}

void add_learn_command(CLI::App& app, LearnRequest& req) {
    CLI::App* learn = app.add_subcommand("learn", "What vigil has learnt from feedback here");
    learn->require_subcommand(1);
    CLI::App* stats = learn->add_subcommand(
        "stats", "Per rule: findings shown, fixes applied or landed, dismissals, rates");
    stats->add_option("--format", req.format, "text or json")->default_str("text");
    CLI::App* exp = learn->add_subcommand(
        "export", "Write feedback to share, fixes as fine-tuning pairs, or an Ollama Modelfile");
    exp->add_option("--feedback", req.feedback_file, "Feedback as JSON lines (for `import`)")
        ->type_name("FILE");
    exp->add_option("--jsonl", req.jsonl_file, "Accepted and dismissed fixes as prompt/response")
        ->type_name("FILE");
    exp->add_option("--modelfile", req.modelfile, "An Ollama Modelfile with what was learnt")
        ->type_name("FILE");
    exp->add_option("--model", req.model, "The Modelfile's base model")
        ->default_str("qwen2.5-coder:7b");
    CLI::App* imp = learn->add_subcommand("import", "Add feedback another clone exported");
    imp->add_option("file", req.feedback_file, "A file `learn export --feedback` wrote")
        ->required()
        ->type_name("FILE");
    for (CLI::App* sub : {stats, exp, imp}) {
        sub->add_option("-C,--repo", req.repo_dir, "Run as if started in DIR")->type_name("DIR");
        sub->callback([&req, sub] { req.action = sub->get_name(); });
    }
}

void add_doctor_command(CLI::App& app, DoctorRequest& req) {
    CLI::App* doctor = app.add_subcommand(
        "doctor", "Check the model setup: endpoints, installed models, which model does what");
    add_model_options(doctor, req.llm);
}

void add_hook_command(CLI::App& app, HookRequest& req) {
    CLI::App* hook = app.add_subcommand("hook", "Install, remove or run vigil's git hooks");
    hook->require_subcommand(1);
    CLI::App* install = hook->add_subcommand(
        "install", "Write the pre-commit and pre-push shims, keeping and chaining existing hooks");
    install->add_flag("--force", req.force,
                      "Replace an existing hook instead of chaining it (it is still kept)");
    CLI::App* uninstall = hook->add_subcommand(
        "uninstall", "Remove vigil's shims and put back the hooks they replaced");
    for (CLI::App* sub : {install, uninstall}) {
        sub->add_flag("--pre-commit", req.pre_commit, "Only the pre-commit hook");
        sub->add_flag("--pre-push", req.pre_push, "Only the pre-push hook");
    }
    CLI::App* run = hook->add_subcommand("run", "What the shims call: run one hook's check");
    run->add_option("hook", req.hook, "pre-commit or pre-push")
        ->required()
        ->check(CLI::IsMember({"pre-commit", "pre-push"}));
    run->add_option("args", req.args, "What git passed the hook")->type_name("ARG");
    for (CLI::App* sub : {install, uninstall, run}) {
        sub->add_option("-C,--repo", req.repo_dir, "Run as if started in DIR")->type_name("DIR");
        sub->add_option("--color", req.color, "Colour: auto, always or never")->default_str("auto");
        sub->callback([&req, sub] { req.action = sub->get_name(); });
    }
}

// --color must govern diagnostics printed while the command line itself is being parsed, so it
// is looked for before CLI11 runs. An invalid value is reported later, by the parse.
void apply_color_flag_early(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        std::string_view value;
        if (arg.starts_with("--color=")) {
            value = arg.substr(8);
        } else if (arg == "--color" && i + 1 < argc) {
            value = argv[i + 1];
        } else {
            continue;
        }
        if (auto mode = parse_color_mode(value)) {
            set_diagnostics_color(*mode);
        }
    }
}

} // namespace

int run(int argc, char** argv) {
    // Scans allocate and free many small buffers per commit; glibc's default of handing freed
    // memory straight back to the kernel costs a page fault (and on VMs a TLB flush) each time.
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
    apply_color_flag_early(argc, argv);
    try {
        CLI::App app{"vigil — a daemonless code reviewer for git", "vigil"};
        app.set_version_flag("-V,--version", std::string("vigil ") + k_vigil_version);
        app.allow_extras();
        app.footer("Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or "
                   "configuration error, 3 runtime error.\nRun 'vigil <command> --help' for a "
                   "command's options.");
        ScanRequest scan_request;
        add_scan_command(app, scan_request);
        RulesRequest rules_request;
        add_rules_command(app, rules_request);
        add_baseline_command(app, scan_request);
        DoctorRequest doctor_request;
        add_doctor_command(app, doctor_request);
        ContextRequest context_request;
        add_context_command(app, context_request);
        ReviewRequest review_request;
        add_review_command(app, review_request);
        ExplainRequest explain_request;
        add_explain_command(app, explain_request);
        ApplyRequest apply_request;
        DismissRequest dismiss_request;
        add_apply_commands(app, apply_request, dismiss_request);
        LearnRequest learn_request;
        add_learn_command(app, learn_request);
        CiRequest ci_request;
        add_ci_command(app, ci_request);
        HookRequest hook_request;
        add_hook_command(app, hook_request);

        if (argc <= 1) {
            std::cout << app.help();
            return k_exit_usage;
        }
        try {
            app.parse(argc, argv);
        } catch (const CLI::CallForHelp&) {
            std::cout << app.help();
            return k_exit_clean;
        } catch (const CLI::CallForVersion& e) {
            std::cout << e.what() << '\n';
            return k_exit_clean;
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == 0) {
                return app.exit(e);
            }
            print_error({util::ErrorKind::usage, e.what(), "run 'vigil --help' for usage", {}});
            return k_exit_usage;
        }
        if (!app.remaining().empty()) {
            print_error(unknown_argument(app, app.remaining().front(), true));
            return k_exit_usage;
        }
        CLI::App* scan = app.get_subcommand("scan");
        if (scan->parsed()) {
            if (!scan->remaining().empty()) {
                print_error(unknown_argument(*scan, scan->remaining().front(), false));
                return k_exit_usage;
            }
            return run_scan(scan_request);
        }
        if (CLI::App* create = app.get_subcommand("baseline")->get_subcommand("create");
            create->parsed()) {
            if (!create->remaining().empty()) {
                print_error(unknown_argument(*create, create->remaining().front(), false));
                return k_exit_usage;
            }
            return run_scan(scan_request);
        }
        if (app.get_subcommand("rules")->parsed()) {
            return run_rules(rules_request);
        }
        if (app.get_subcommand("doctor")->parsed()) {
            return run_doctor(doctor_request);
        }
        if (app.get_subcommand("context")->parsed()) {
            return run_context(context_request);
        }
        if (CLI::App* review = app.get_subcommand("review"); review->parsed()) {
            if (!review->remaining().empty()) {
                print_error(unknown_argument(*review, review->remaining().front(), false));
                return k_exit_usage;
            }
            return run_review(review_request);
        }
        if (CLI::App* ci = app.get_subcommand("ci"); ci->parsed()) {
            if (!ci->remaining().empty()) {
                print_error(unknown_argument(*ci, ci->remaining().front(), false));
                return k_exit_usage;
            }
            return run_ci(ci_request);
        }
        if (app.get_subcommand("hook")->parsed()) {
            return run_hook(hook_request);
        }
        if (app.get_subcommand("explain")->parsed()) {
            return run_explain(explain_request);
        }
        if (app.get_subcommand("apply")->parsed()) {
            return run_apply(apply_request);
        }
        if (app.get_subcommand("dismiss")->parsed()) {
            return run_dismiss(dismiss_request);
        }
        if (app.get_subcommand("learn")->parsed()) {
            return run_learn(learn_request);
        }
        std::cout << app.help();
        return k_exit_usage;
    } catch (const util::Abort& abort) {
        print_error(abort.error);
        return exit_code_for(abort.error);
    } catch (const std::exception& e) {
        print_error({util::ErrorKind::runtime,
                     std::string("internal error: ") + e.what(),
                     "please report this with the command you ran",
                     {}});
        return k_exit_runtime;
    }
}

} // namespace vigil::cli
