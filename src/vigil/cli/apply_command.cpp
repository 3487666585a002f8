#include "apply_command.hpp"

#include "exit_code.hpp"
#include "feedback.hpp"
#include "terminal.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>
#include <vigil/git/blobs.hpp>
#include <vigil/git/merge.hpp>
#include <vigil/util/sha1.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

namespace fs = std::filesystem;

util::Expected<std::string> unique_fingerprint(const learn::Store& store, const std::string& id) {
    bool hex = id.size() >= 6 && std::all_of(id.begin(), id.end(), [](char c) {
                   return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
               });
    if (!hex) {
        return util::usage_error("'" + util::printable(id) + "' is not a finding id",
                                 "pass the start of a fingerprint (6+ hex digits), as "
                                 "`vigil review` shows under each finding");
    }
    auto found = store.findings_with_prefix(id);
    if (found.empty()) {
        return util::usage_error("no finding with id '" + id + "' was shown in this repository",
                                 "run `vigil review` and take the id shown under the finding");
    }
    if (found.size() > 1) {
        return util::usage_error("id '" + id + "' names " + std::to_string(found.size()) +
                                     " findings",
                                 "give more of the fingerprint");
    }
    return found.front().fingerprint;
}

// The file at `rel` in the work tree, if it is a path vigil may write: inside the work tree,
// outside .git, a regular file (not through a symlink that leaves the tree).
util::Expected<fs::path> writable_path(const std::string& top, const std::string& rel) {
    fs::path p = fs::path(rel).lexically_normal();
    std::string text = p.generic_string();
    bool escapes = p.is_absolute() || text == ".." || text.starts_with("../") || text.empty();
    bool git_dir = text == ".git" || text.starts_with(".git/");
    if (escapes || git_dir) {
        return util::usage_error("refusing a fix for '" + util::printable(rel) +
                                 "': the path leaves the work tree or is inside .git");
    }
    std::error_code ec;
    fs::path full = fs::path(top) / p;
    fs::path real = fs::weakly_canonical(full, ec);
    fs::path real_top = fs::weakly_canonical(top, ec);
    auto inside = fs::relative(real, real_top, ec).generic_string();
    if (ec || inside.starts_with("..") || inside.starts_with(".git")) {
        return util::usage_error("refusing a fix for '" + util::printable(rel) +
                                 "': it resolves outside the work tree");
    }
    if (fs::is_symlink(full, ec) || !fs::is_regular_file(full, ec)) {
        return util::runtime_error("cannot apply the fix to " + rel +
                                   ": it is not a regular file "
                                   "in the work tree");
    }
    return full;
}

std::optional<std::string> read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// `text` with lines start..end (1-based) replaced by `inserted`, when they are `removed`.
std::optional<std::string> splice(std::string_view text, const core::Suggestion& s) {
    size_t begin = 0;
    for (uint32_t n = 1; n < s.start_line; ++n) {
        size_t nl = text.find('\n', begin);
        if (nl == std::string_view::npos) {
            return std::nullopt;
        }
        begin = nl + 1;
    }
    if (text.substr(begin, s.removed.size()) != s.removed) {
        return std::nullopt;
    }
    return std::string(text.substr(0, begin)) + s.inserted +
           std::string(text.substr(begin + s.removed.size()));
}

// Writes to a temporary file beside `path`, then renames it over: a crash leaves either the
// old file or the new one, never half of one. The file keeps its permissions.
util::Expected<void> write_atomically(const fs::path& path, const std::string& content) {
    fs::path tmp = path;
    tmp += ".vigil-tmp-" + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.close();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return util::runtime_error("cannot write " + tmp.string());
        }
    }
    std::error_code ec;
    fs::permissions(tmp, fs::status(path, ec).permissions(), ec);
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return util::runtime_error("cannot replace " + path.string() + ": " + ec.message());
    }
    return {};
}

// Applies one stored fix; returns what happened in words.
util::Expected<std::string> apply_one(const git::Repository& repo, const core::Suggestion& s,
                                      bool dry_run, bool index) {
    std::string rel = s.patch_path.empty() ? s.path : s.patch_path;
    fs::path file = VIGIL_TRY(writable_path(repo.workdir(), rel));
    auto current = read_file(file);
    if (!current) {
        return util::runtime_error("cannot read " + file.string());
    }
    std::optional<std::string> result;
    std::string how;
    if (util::git_blob_id(*current) == s.base_id) {
        result = splice(*current, s);
        how = "applied";
    } else {
        // The file changed since the review: merge the fix into it, as `git apply --3way`.
        auto base = git::read_blob(repo, s.base_id);
        if (!base) {
            return util::runtime_error(rel + " changed since the review and the version the fix "
                                             "was made for is not in the repository",
                                       "review it again: `vigil review`");
        }
        if (auto theirs = splice(*base, s)) {
            result = git::merge_texts(*base, *current, *theirs);
        }
        if (!result) {
            return util::runtime_error(rel + " changed where the fix goes since the review; "
                                             "nothing was written",
                                       "review it again: `vigil review`");
        }
        how = "applied (merged with changes made since the review)";
    }
    if (!result) {
        return util::runtime_error("the fix no longer matches " + rel, "review it again");
    }
    if (dry_run) {
        std::cout << s.diff;
        return "would be " + how;
    }
    if (index) {
        // The index first: if it holds another version, nothing at all is written.
        uint32_t mode = s.mode ? s.mode : 0100644;
        VIGIL_TRY(git::stage_file(repo, rel, *result, mode, util::git_blob_id(*current)));
        how += ", and staged";
    }
    VIGIL_TRY(write_atomically(file, *result));
    return how;
}

util::Expected<int> apply(const ApplyRequest& r) {
    if (r.all == !r.ids.empty()) {
        return util::usage_error("apply needs ids or --all, not both or neither",
                                 "e.g. `vigil apply 3f9a1c2b7d4e` or `vigil apply --all`");
    }
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    if (repo.workdir().empty()) {
        return util::usage_error("a bare repository has no work tree to apply fixes to");
    }
    auto store = open_feedback(repo, false);
    if (!store) {
        return util::usage_error("no review has been recorded in this repository",
                                 "run `vigil review` first");
    }
    std::vector<std::string> fingerprints;
    if (r.all) {
        fingerprints = store->open_suggestions();
    }
    for (const auto& id : r.ids) {
        fingerprints.push_back(VIGIL_TRY(unique_fingerprint(*store, id)));
    }
    int code = k_exit_clean;
    for (const auto& fp : fingerprints) {
        auto s = store->suggestion_for(fp);
        std::string id = fp.substr(0, 12);
        if (!s) {
            print_error(
                {util::ErrorKind::usage, "finding " + id + " has no suggested fix", {}, {}});
            code = k_exit_findings;
            continue;
        }
        auto done = apply_one(repo, *s, r.dry_run, r.index);
        if (!done) {
            print_error(done.error());
            code = k_exit_findings;
            continue;
        }
        std::cerr << id << " " << util::printable(s->patch_path.empty() ? s->path : s->patch_path)
                  << ":" << s->start_line << ": " << *done << '\n';
        if (!r.dry_run) {
            if (auto recorded = store->record_event(fp, learn::Event::applied); !recorded) {
                print_warning(recorded.error().message);
            }
        }
    }
    if (fingerprints.empty()) {
        print_note("no open fixes to apply");
    }
    return code;
}

util::Expected<int> dismiss(const DismissRequest& r) {
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    auto store = open_feedback(repo, false);
    if (!store) {
        return util::usage_error("no review has been recorded in this repository",
                                 "run `vigil review` first");
    }
    std::string fp = VIGIL_TRY(unique_fingerprint(*store, r.id));
    VIGIL_TRY(store->record_event(fp, learn::Event::dismissed, r.reason));
    auto f = store->findings_with_prefix(fp).front();
    std::cerr << fp.substr(0, 12) << " dismissed: " << util::printable(f.rule_id) << " in "
              << util::printable(f.path) << " is not shown again\n";
    return k_exit_clean;
}

} // namespace

int run_apply(const ApplyRequest& request) {
    return finish(apply(request));
}

int run_dismiss(const DismissRequest& request) {
    return finish(dismiss(request));
}

} // namespace vigil::cli
