#include "ci_command.hpp"

#include "exit_code.hpp"
#include "terminal.hpp"

#include <filesystem>
#include <vigil/forge/ci_env.hpp>
#include <vigil/forge/forge_client.hpp>
#include <vigil/git/sources.hpp>

namespace vigil::cli {
namespace {

// The reports each forge reads, written where its upload steps look for them by default.
void default_outputs(forge::ForgeKind kind, ScanRequest& s) {
    auto add = [&](const char* format, const char* file) {
        s.output_args.push_back({true, format});
        s.output_args.push_back({false, file});
    };
    if (kind == forge::ForgeKind::github) {
        add("sarif", "vigil.sarif");
    } else {
        add("codequality", "gl-code-quality-report.json");
        add("gitlab-sast", "gl-sast-report.json");
        add("gitlab-secrets", "gl-secret-detection-report.json");
    }
    s.output_args.push_back({true, "text"}); // the job log
}

bool is_shallow(const git::Repository& repo) {
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::path(repo.git_dir()) / "shallow", ec);
}

util::Error missing_history(const forge::CiContext& c, const std::string& what,
                            const std::string& sha, bool shallow) {
    std::string fix = c.forge == forge::ForgeKind::github
                          ? "check out the whole history: actions/checkout with fetch-depth: 0"
                          : "fetch the whole history: set GIT_DEPTH: \"0\" in the job's variables";
    return {util::ErrorKind::usage,
            what + " " + sha.substr(0, 12) + " is not in this clone" +
                (shallow ? " (the clone is shallow)" : ""),
            fix,
            {}};
}

// Checks the commits the CI named are here (CI clones are often shallow), and returns the
// range to review.
util::Expected<std::string> review_range(const forge::CiContext& c, const git::Repository& repo) {
    git::DiffOptions none;
    bool shallow = is_shallow(repo);
    // A commit against itself: an empty diff that fails only when the commit is unknown.
    auto present = [&](const std::string& sha) {
        return git::read_range(repo, sha + ".." + sha, none).has_value();
    };
    if (!present(c.head)) {
        return std::unexpected(missing_history(c, "the head commit", c.head, shallow));
    }
    if (c.base.empty()) {
        return std::string();
    }
    if (!present(c.base)) {
        return std::unexpected(
            missing_history(c, c.change_request ? "the base commit" : "the push's previous commit",
                            c.base, shallow));
    }
    return c.base + (c.from_merge_base ? "..." : "..") + c.head;
}

forge::ChangedLines changed_lines(const core::ChangeSet& changes) {
    forge::ChangedLines out;
    for (const auto& file : changes.files) {
        if (file.new_path.empty()) {
            continue;
        }
        auto& lines = out.added[file.new_path];
        for (const auto& h : file.hunks) {
            for (const auto& l : h.lines) {
                if (l.kind == core::LineKind::added) {
                    lines.insert(l.new_lineno);
                }
            }
        }
        if (!file.old_path.empty() && file.old_path != file.new_path) {
            out.old_paths[file.new_path] = file.old_path;
        }
    }
    return out;
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void post_comments(const CiRequest& r, const forge::CiContext& c, const git::Repository& repo,
                   const std::string& range, const report::ReportData& data) {
    std::string forge = forge::forge_name(c.forge);
    if (r.no_comments || !c.change_request) {
        if (!r.no_comments) {
            print_note("no " + std::string(c.forge == forge::ForgeKind::github ? "pull" : "merge") +
                       " request in this pipeline: reports only");
        }
        return;
    }
    if (c.token.empty()) {
        print_note("reports only, no comments: " + c.token_note);
        return;
    }
    git::DiffOptions diff;
    auto changes =
        range.empty() ? git::read_commit(repo, c.head, diff) : git::read_range(repo, range, diff);
    if (!changes) {
        print_warning("no comments posted: " + changes.error().describe());
        return;
    }
    auto client = forge::make_client(c);
    auto stats = forge::publish(*client, data, changed_lines(*changes), {r.max_comments});
    if (!stats) {
        print_warning("comments not (all) posted: " + stats.error().describe() +
                      (stats.error().hint.empty() ? "" : "; " + stats.error().hint));
        return;
    }
    std::string line = forge + ": " + plural(stats->posted, "line comment", "line comments") +
                       " posted, " + std::to_string(stats->kept) + " already there";
    if (stats->outdated) {
        line += ", " + std::to_string(stats->outdated) +
                (c.forge == forge::ForgeKind::github ? " marked outdated" : " resolved");
    }
    if (stats->refused) {
        line += ", " + std::to_string(stats->refused) + " refused (outside its diff)";
    }
    line += "; " + plural(stats->in_summary, "finding", "findings") + " in the summary" +
            (stats->summary_written ? " (updated)" : "");
    print_note(line);
}

util::Expected<int> execute(const CiRequest& request) {
    ColorMode color = VIGIL_TRY(parse_color_mode(request.review.scan.color));
    set_diagnostics_color(color);
    auto context = VIGIL_TRY(forge::detect_ci(forge::process_env()));
    CiRequest r = request;
    ScanRequest& s = r.review.scan;
    if (s.staged || s.worktree || s.branch || !s.commit.empty() || !s.range.empty() ||
        !r.review.range_arg.empty()) {
        return util::usage_error("`vigil ci` reviews what the CI names",
                                 "use `vigil review` for another range");
    }
    auto repo = VIGIL_TRY(git::Repository::open({s.repo_dir, true}));
    std::string range = VIGIL_TRY(review_range(context, repo));
    if (range.empty()) {
        s.commit = context.head;
    } else {
        s.range = range;
    }
    if (s.output_args.empty()) {
        default_outputs(context.forge, s);
    }
    auto reviewed = VIGIL_TRY(review_change(r.review));
    // The writers take the findings; the comments need their own copy.
    ScanResult for_comments = reviewed.result;
    auto data = report_data(reviewed.scan, for_comments);
    int code = VIGIL_TRY(write_reports(reviewed.scan, reviewed.result, color));
    post_comments(r, context, repo, range, data);
    return code;
}

} // namespace

int run_ci(const CiRequest& request) {
    return finish(execute(request));
}

} // namespace vigil::cli
