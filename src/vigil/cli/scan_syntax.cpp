// `syntax-error` findings for diff targets: each changed file with a grammar is parsed in its
// old and new version; errors only the new one has are reported.
#include "scan_result.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vigil/git/blobs.hpp>
#include <vigil/lang/grammar.hpp>
#include <vigil/scan/syntax_findings.hpp>
#include <vigil/util/parallel.hpp>

namespace vigil::cli {
namespace {

std::optional<std::string> work_tree_text(const std::string& root, const std::string& path) {
    std::ifstream in(root + path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool may_have_grammar(std::string_view path) {
    if (!lang::grammar_for(path).empty()) {
        return true;
    }
    // Without an extension a shebang may still name the language.
    std::string_view base = path.substr(path.find_last_of('/') + 1);
    return base.find('.') == base.npos;
}

} // namespace

void add_syntax_findings(ScanResult& result, const git::Repository& repo,
                         const core::ChangeSet& changes, unsigned threads) {
    std::vector<const core::FileChange*> files;
    for (const auto& f : changes.files) {
        if (f.new_path.empty() || f.hunks.empty() || f.new_mode == core::FileMode::symlink ||
            !may_have_grammar(f.new_path)) {
            continue;
        }
        files.push_back(&f);
    }
    std::vector<std::vector<core::Finding>> found(files.size());
    util::parallel_for(files.size(), threads, [&](unsigned, size_t i) {
        const core::FileChange& f = *files[i];
        // A work-tree file's id is computed, not stored: then the file itself is the new text.
        std::optional<std::string> now;
        if (auto blob = f.new_id.empty() ? std::nullopt : std::optional(git::read_blob(repo, f.new_id));
            blob && *blob) {
            now = std::move(**blob);
        } else if (changes.commit.empty() && !result.root.empty()) {
            now = work_tree_text(result.root, f.new_path);
        }
        if (!now || now->empty()) {
            return;
        }
        std::string_view grammar = lang::grammar_for(f.new_path, *now);
        if (grammar.empty()) {
            return;
        }
        std::string before;
        if (!f.old_id.empty()) {
            auto old = git::read_blob(repo, f.old_id);
            if (!old) {
                return;
            }
            before = std::move(*old);
        }
        found[i] = scan::syntax_findings(grammar, f.new_path, before, *now);
        for (auto& finding : found[i]) {
            finding.commit = changes.commit;
        }
    });
    bool any = false;
    for (auto& list : found) {
        any = any || !list.empty();
        std::move(list.begin(), list.end(), std::back_inserter(result.findings));
    }
    if (any && !core::find_rule(result.catalog, scan::k_syntax_rule_id)) {
        result.catalog.push_back(scan::syntax_rule_info());
    }
    if (any) {
        sort_by_path(result);
    }
}

} // namespace vigil::cli
