// The patch format: every suggestion as a unified diff, one `diff --git` section per file, so
// that `vigil ... --format patch | git apply` takes them all at once.
#include <map>
#include <ostream>
#include <vigil/report/shared.hpp>
#include <vigil/report/writers.hpp>
#include <vigil/util/sha1.hpp>

namespace vigil::report {

void write_patch(std::ostream& out, const ReportData& data) {
    std::vector<std::string> paths; // in the order the suggestions come
    std::map<std::string, std::vector<const core::Suggestion*>> by_path;
    SuggestionIndex index(data);
    for (const auto& s : data.suggestions) {
        if (s.diff.empty() || index.shows_secret(s)) {
            continue; // a patch cannot be masked: one that would print a secret is left out
        }
        auto& list = by_path[s.path];
        if (list.empty()) {
            paths.push_back(s.path);
        }
        list.push_back(&s);
    }
    for (const auto& path : paths) {
        const auto& list = by_path[path];
        if (list.size() > 1 && data.source) {
            // Two sections for one file would each be made against the same base; git apply
            // needs them as hunks of one diff.
            if (auto base = data.source(path, {});
                base && util::git_blob_id(*base) == list.front()->base_id) {
                out << core::combined_diff(list, *base);
                continue;
            }
        }
        out << list.front()->diff; // without the file's text, only the first applies cleanly
    }
}

} // namespace vigil::report
