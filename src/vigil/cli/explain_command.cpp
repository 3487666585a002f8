#include "explain_command.hpp"

#include "exit_code.hpp"
#include "last_findings.hpp"
#include "model_router.hpp"
#include "terminal.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vigil/config/rule_config.hpp>
#include <vigil/git/repository.hpp>
#include <vigil/lang/context.hpp>
#include <vigil/review/prompt.hpp>
#include <vigil/util/env.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

namespace fs = std::filesystem;

struct Target {
    std::string path; // from the top of the work tree
    uint32_t line = 0;
    uint32_t end_line = 0;
    std::string finding; // what the finding said, or ""
};

bool is_hex(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(c);
    });
}

std::optional<uint32_t> number(std::string_view s) {
    if (s.empty() || s.size() > 9 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return uint32_t(std::stoul(std::string(s)));
}

// PATH:LINE or PATH:LINE-END, the path as typed (relative to the current folder).
std::optional<Target> path_line(const std::string& what) {
    size_t colon = what.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        return std::nullopt;
    }
    std::string_view lines = std::string_view(what).substr(colon + 1);
    size_t dash = lines.find('-');
    auto first = number(lines.substr(0, dash));
    auto last = dash == std::string_view::npos ? first : number(lines.substr(dash + 1));
    if (!first || !last || *first == 0 || *last < *first) {
        return std::nullopt;
    }
    return Target{what.substr(0, colon), *first, *last, ""};
}

util::Expected<Target> by_id(const std::string& id, const git::Repository& repo) {
    auto stored = load_last_findings(repo.git_dir());
    std::vector<const StoredFinding*> hits;
    for (const auto& f : stored) {
        if (f.fingerprint.starts_with(id)) {
            hits.push_back(&f);
        }
    }
    if (hits.empty()) {
        return util::usage_error("no finding with id '" + id +
                                     "' in the last review of this "
                                     "repository",
                                 "run `vigil review` first (ids are the start of a finding's "
                                 "fingerprint), or pass PATH:LINE");
    }
    const StoredFinding& f = *hits.front();
    for (const auto* h : hits) {
        if (h->fingerprint != f.fingerprint) {
            return util::usage_error("id '" + id + "' names more than one finding",
                                     "give more of the fingerprint");
        }
    }
    return Target{f.path, f.line ? f.line : 1, std::max(f.line, f.end_line),
                  f.severity + " " + f.rule_id + ": " + f.message};
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

// The file's context around the lines, as `vigil context` would show it for a change there.
std::vector<lang::FileContext> context_of(const Target& t, const std::string& text) {
    core::ChangeSet cs;
    core::FileChange f;
    f.new_path = t.path;
    core::Hunk h;
    h.new_start = t.line;
    h.new_lines = t.end_line - t.line + 1;
    for (uint32_t n = t.line; n <= t.end_line; ++n) {
        core::Line l;
        l.kind = core::LineKind::added;
        l.new_lineno = n;
        h.lines.push_back(std::move(l));
    }
    f.hunks.push_back(std::move(h));
    cs.files.push_back(std::move(f));
    return lang::change_context(
        cs, [&](const core::FileChange&) -> std::optional<std::string> { return text; });
}

// A model's text is data too: no escape sequence in it reaches the terminal (line breaks and
// tabs are kept, every other control character becomes '?').
std::string terminal_safe(std::string_view text) {
    std::string out;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '\n' || text[i] == '\t') {
            out += util::printable(text.substr(start, i - start));
            if (i < text.size()) {
                out += text[i];
            }
            start = i + 1;
        }
    }
    return out;
}

util::Expected<int> execute(const ExplainRequest& r) {
    ColorMode color = VIGIL_TRY(parse_color_mode(r.color));
    set_diagnostics_color(color);
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    std::string top = repo.workdir();
    if (top.empty()) {
        return util::usage_error("explain needs a work tree", "run it inside a checkout");
    }
    Target t;
    fs::path file;
    if (auto pl = path_line(r.what); pl && !is_hex(r.what)) {
        t = *pl;
        std::error_code ec;
        file = fs::weakly_canonical(fs::path(r.repo_dir) / t.path, ec);
        auto rel = fs::relative(file, fs::weakly_canonical(top, ec), ec).generic_string();
        if (ec || rel.starts_with("..")) {
            return util::usage_error("'" + t.path + "' is outside the repository");
        }
        t.path = rel;
    } else if (r.what.size() >= 6 && is_hex(r.what)) {
        t = VIGIL_TRY(by_id(r.what, repo));
        file = fs::path(top) / t.path;
    } else {
        return util::usage_error("'" + util::printable(r.what) +
                                     "' is neither a finding id nor PATH:LINE",
                                 "pass the start of a fingerprint (6+ hex digits, as `vigil "
                                 "review` shows) or a file and line, e.g. src/app.py:42");
    }
    auto text = read_file(file);
    if (!text) {
        return util::usage_error("cannot read " + file.string(), "check the path");
    }
    auto models = VIGIL_TRY(connect_models(r.llm, llm::Role::explain));
    if (!models.router) {
        return util::runtime_error("no model to explain with: " + models.missing,
                                   "`vigil doctor` shows what is missing");
    }
    auto rules = VIGIL_TRY(config::load_rule_config({r.config, top, util::running_in_ci()}));
    auto context = context_of(t, *text);
    review::ExplainParts parts{t.path, t.line, t.end_line,
                               context.empty() ? nullptr : &context.front(), t.finding};
    llm::ChatRequest request;
    request.messages = review::explain_prompt(parts, review::Redactor(rules.rules, {}));
    request.template_version = std::string(review::k_explain_template);
    request.num_predict = 700;
    request.temperature = 0.2;
    bool printed = false;
    request.on_text = [&](std::string_view piece) {
        std::cout << terminal_safe(piece) << std::flush;
        printed = printed || !piece.empty();
    };
    auto reply = models.router->chat(llm::Role::explain, std::move(request));
    if (printed) {
        std::cout << '\n' << std::flush;
    }
    if (!reply) {
        return util::runtime_error("the explanation stopped: " + reply.error().describe(),
                                   reply.error().hint);
    }
    return k_exit_clean;
}

} // namespace

int run_explain(const ExplainRequest& request) {
    return finish(execute(request));
}

} // namespace vigil::cli
