// forge: what a run should do on a pull or merge request, decided from the findings, the
// change's added lines and what earlier runs left there — no I/O, so it is tested as data.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include <vigil/forge/comments.hpp>

namespace vigil::forge {

// The added (new-side) line numbers of each file of the change: the only lines a comment may
// sit on.
struct ChangedLines {
    std::map<std::string, std::set<uint32_t>> added;
    std::map<std::string, std::string> old_paths; // renamed files: new path -> old path
    // True when lines first..last of path are all added lines.
    bool covers(const std::string& path, uint32_t first, uint32_t last) const;
};

struct LineComment {
    std::string fingerprint;
    std::string path;
    std::string old_path;    // the file's path before the change (GitLab positions need it)
    uint32_t start_line = 0; // == line for a one-line comment
    uint32_t line = 0;
    std::string body;
    const core::Finding* finding = nullptr;
};

// A comment an earlier run posted (it carries a fingerprint marker).
struct OwnComment {
    std::string id; // GitHub: the comment id; GitLab: the discussion id
    std::string fingerprint;
    std::string body;
    bool outdated = false; // GitHub: marked outdated by vigil; GitLab: the thread is resolved
};

struct Existing {
    std::vector<OwnComment> comments;
    std::optional<std::string> summary_id; // the summary comment (GitHub) or note (GitLab)
    std::string summary_body;
};

struct Plan {
    std::vector<LineComment> post;     // new line comments, at most the cap
    std::vector<SummaryEntry> summary; // findings for the summary comment
    std::vector<size_t> outdated;      // existing comments whose finding is no longer reported
    // Existing comments marked outdated whose finding is back: (comment, fresh body).
    std::vector<std::pair<size_t, std::string>> revived;
    size_t kept = 0; // findings already commented on by an earlier run
};

// Findings on added lines become line comments (errors first, then report order), one per
// fingerprint, until `cap` new ones; a finding whose fingerprint an earlier comment carries is
// not posted again. The rest go to the summary.
Plan plan_comments(const report::ReportData& data, const ChangedLines& lines,
                   const Existing& existing, Dialect dialect, size_t cap);

} // namespace vigil::forge
