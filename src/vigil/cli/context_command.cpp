#include "context_command.hpp"

#include "exit_code.hpp"
#include "new_text.hpp"
#include "terminal.hpp"

#include <iostream>
#include <nlohmann/json.hpp>
#include <vigil/lang/context.hpp>
#include <vigil/util/parallel.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

util::Expected<void> check_request(const ContextRequest& r) {
    const DiffTarget& t = r.target;
    int chosen = int(t.staged) + int(t.worktree) + int(t.branch) + int(!t.commit.empty()) +
                 int(!t.range.empty());
    if (chosen != 1) {
        return util::usage_error(chosen == 0 ? "context needs a change to describe"
                                             : "context takes one target at a time",
                                 "pass one of --staged, --worktree, --commit REV, --range A..B "
                                 "or --branch");
    }
    if (r.format != "text" && r.format != "json") {
        return util::usage_error("unknown --format '" + r.format + "'", "use text or json");
    }
    return {};
}

std::string lines_words(uint32_t first, uint32_t last) {
    return first == last ? "line " + std::to_string(first)
                         : "lines " + std::to_string(first) + "-" + std::to_string(last);
}

// File text is printed through util::printable: a scanned file must not drive the terminal.
void print_excerpt(const lang::Excerpt& e) {
    std::string_view text = e.text;
    for (uint32_t n = e.start_line; n <= e.end_line && !text.empty(); ++n) {
        size_t end = text.find('\n');
        std::cout << "    " << n << " | " << util::printable(text.substr(0, end)) << '\n';
        text = end == text.npos ? std::string_view() : text.substr(end + 1);
    }
}

void print_text(const std::vector<lang::FileContext>& files) {
    for (const auto& f : files) {
        std::cout << util::printable(f.path) << (f.grammar.empty() ? "" : " (" + f.grammar + ")")
                  << (f.note.empty() ? "" : ": " + f.note) << '\n';
        for (const auto& i : f.imports) {
            std::cout << "  import, line " << i.line << ": "
                      << util::printable(i.text.substr(0, i.text.find('\n'))) << '\n';
        }
        for (const auto& h : f.hunks) {
            std::cout << "  hunk at " << lines_words(h.first_line, h.last_line) << '\n';
            for (const auto& c : h.chains) {
                if (!c.chain.empty()) {
                    std::cout << "    " << lines_words(c.first_line, c.last_line) << ": in "
                              << util::printable(c.chain) << '\n';
                }
            }
            if (!h.source.empty()) {
                std::cout << "  source: " << util::printable(h.source_of)
                          << (h.source_note.empty() ? "" : " (" + h.source_note + ")") << '\n';
                for (size_t i = 0; i < h.source.size(); ++i) {
                    if (i > 0) {
                        std::cout << "    ...\n";
                    }
                    print_excerpt(h.source[i]);
                }
            }
            for (const auto& d : h.definitions) {
                std::cout << "  uses " << util::printable(d.label) << " at "
                          << util::printable(d.path) << ":" << d.start_line
                          << (d.cut ? " (first lines)" : "") << '\n';
                print_excerpt({d.start_line, d.end_line, d.source});
            }
        }
    }
}

// null for "", so a reader can test the field rather than compare strings.
nlohmann::ordered_json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
}

nlohmann::ordered_json to_json(const std::vector<lang::FileContext>& files) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& f : files) {
        nlohmann::ordered_json file = {{"path", f.path},
                                       {"language", text_or_null(f.grammar)},
                                       {"note", text_or_null(f.note)},
                                       {"imports", nlohmann::ordered_json::array()},
                                       {"hunks", nlohmann::ordered_json::array()}};
        for (const auto& i : f.imports) {
            file["imports"].push_back({{"line", i.line}, {"text", i.text}});
        }
        for (const auto& h : f.hunks) {
            nlohmann::ordered_json hunk = {{"first_line", h.first_line},
                                           {"last_line", h.last_line},
                                           {"symbols", nlohmann::ordered_json::array()},
                                           {"source_of", h.source_of},
                                           {"source_note", text_or_null(h.source_note)},
                                           {"source", nlohmann::ordered_json::array()},
                                           {"definitions", nlohmann::ordered_json::array()}};
            for (const auto& c : h.chains) {
                hunk["symbols"].push_back(
                    {{"first_line", c.first_line}, {"last_line", c.last_line}, {"chain", c.chain}});
            }
            for (const auto& e : h.source) {
                hunk["source"].push_back(
                    {{"start_line", e.start_line}, {"end_line", e.end_line}, {"text", e.text}});
            }
            for (const auto& d : h.definitions) {
                hunk["definitions"].push_back({{"name", d.name},
                                               {"label", d.label},
                                               {"path", d.path},
                                               {"start_line", d.start_line},
                                               {"end_line", d.end_line},
                                               {"cut", d.cut},
                                               {"source", d.source}});
            }
            file["hunks"].push_back(std::move(hunk));
        }
        out.push_back(std::move(file));
    }
    return {{"files", std::move(out)}};
}

util::Expected<int> execute(const ContextRequest& r) {
    VIGIL_TRY(check_request(r));
    git::DiffOptions diff;
    diff.max_file_bytes = VIGIL_TRY(util::parse_size(r.max_file_size));
    auto repo = VIGIL_TRY(git::Repository::open({r.repo_dir, true}));
    auto target = VIGIL_TRY(read_diff_target(repo, r.target, diff));
    std::string work_tree = target.changes.commit.empty() ? repo.workdir() : std::string();
    auto files = lang::change_context(target.changes, new_text_source(repo, work_tree), {},
                                      r.threads ? r.threads : util::default_thread_count());
    if (r.format == "json") {
        // Replacement keeps a file with invalid UTF-8 from aborting the dump.
        std::cout << to_json(files).dump(2, ' ', false,
                                         nlohmann::ordered_json::error_handler_t::replace)
                  << '\n';
    } else {
        print_text(files);
    }
    return k_exit_clean;
}

} // namespace

int run_context(const ContextRequest& request) {
    return finish(execute(request));
}

} // namespace vigil::cli
