// `syntax-error` findings for diff targets: each changed file with a grammar is parsed in its
// old and new version; errors only the new one has are reported.
#include "new_text.hpp"
#include "scan_result.hpp"

#include <algorithm>
#include <iterator>
#include <vigil/git/blobs.hpp>
#include <vigil/lang/grammar.hpp>
#include <vigil/scan/syntax_findings.hpp>
#include <vigil/util/parallel.hpp>

namespace vigil::cli {
namespace {

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
    core::TextSource text_of =
        new_text_source(repo, changes.commit.empty() ? result.root : std::string());
    std::vector<std::vector<core::Finding>> found(files.size());
    util::parallel_for(files.size(), threads, [&](unsigned, size_t i) {
        const core::FileChange& f = *files[i];
        std::optional<std::string> now = text_of(f);
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
