// forge: the forge client — the I/O seam between a plan and GitHub's or GitLab's REST API —
// and publish(), which carries a run's findings to a pull or merge request.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <vigil/forge/ci_env.hpp>
#include <vigil/forge/plan.hpp>

namespace vigil::forge {

class ForgeClient {
public:
    virtual ~ForgeClient() = default;
    virtual Dialect dialect() const = 0;
    // What earlier runs left: comments with a fingerprint marker and the summary comment.
    virtual util::Expected<Existing> load() = 0;
    // Posts new line comments; returns the indices of those the forge refused because their
    // lines are not in its diff (they go to the summary).
    virtual util::Expected<std::vector<size_t>> post(const std::vector<LineComment>& comments) = 0;
    // An earlier comment whose finding is gone: GitHub edits it (see outdated_body), GitLab
    // resolves its thread.
    virtual util::Expected<void> mark_outdated(const OwnComment& comment) = 0;
    // An outdated comment whose finding is back: GitHub restores its body; GitLab leaves a
    // resolved thread alone (a person may have resolved it).
    virtual util::Expected<void> revive(const OwnComment& comment, const std::string& body) = 0;
    // Creates the summary comment (no id) or edits it in place.
    virtual util::Expected<void> write_summary(const std::optional<std::string>& id,
                                               const std::string& body) = 0;
};

// The client for the context's forge. The context must carry a token and, for comments, a
// pull or merge request.
std::unique_ptr<ForgeClient> make_client(const CiContext& context);

struct PublishOptions {
    size_t max_comments = 25; // new line comments per run; the rest go to the summary
};

struct PublishStats {
    size_t posted = 0;     // new line comments
    size_t kept = 0;       // findings an earlier run already commented on
    size_t outdated = 0;   // earlier comments marked outdated or resolved
    size_t revived = 0;    // outdated comments restored
    size_t in_summary = 0; // findings listed in the summary
    size_t refused = 0;    // line comments the forge refused (moved to the summary)
    bool summary_written = false;
};

// Loads what is there, posts what is new, updates what changed, writes the summary when its
// text changed (it is created only when it has something to say). Fails with the first API
// error; what was done before it stays done.
util::Expected<PublishStats> publish(ForgeClient& client, const report::ReportData& data,
                                     const ChangedLines& lines, const PublishOptions& options);

} // namespace vigil::forge
