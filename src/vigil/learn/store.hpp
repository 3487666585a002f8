// learn: the feedback store — every finding and suggestion vigil showed, and what became of
// it (applied, dismissed, landed, reverted). One SQLite database per repository in the git
// common dir (shared by linked worktrees), WAL mode, schema migrations, safe for two hooks at
// once. No secret enters it: findings are kept by fingerprint, rule, path and message; a
// suggestion's text only when the lines it changes hold no secret.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/core/suggestion.hpp>
#include <vigil/util/error.hpp>

namespace vigil::learn {

enum class Event { shown, applied, dismissed, landed, reverted };
std::string_view to_string(Event event);

// A finding as the store knows it.
struct StoredFinding {
    std::string fingerprint;
    std::string rule_id;
    std::string category;
    std::string path;
    std::string message;
    std::string last_event; // "shown", "applied", "dismissed", ...
};

// Per rule: how its findings fared.
struct RuleStats {
    std::string rule_id;
    std::string category;
    size_t shown = 0;        // findings shown (each counted once)
    size_t applied = 0;      // their fixes taken with `vigil apply`
    size_t landed = 0;       // their fixes found in the code later without `apply`
    size_t dismissed = 0;    // findings dismissed
    std::string first_shown; // UTC
    std::string last_shown;
};

// A fix someone took (applied or landed), as an example for later prompts.
struct AcceptedFix {
    std::string path;
    std::string category;
    std::string message;
    std::string removed;
    std::string inserted;
};

struct WeekStats {
    std::string week;
    size_t shown = 0;
    size_t accepted = 0;
    size_t dismissed = 0;
};

struct ModelAcceptance {
    size_t fixes = 0;
    size_t taken = 0;
};

// One finding and what happened to it, as a team shares it.
struct SharedEvent {
    std::string kind;
    std::string reason;
    std::string at;
};
struct SharedFeedback {
    std::string fingerprint;
    std::string rule_id;
    std::string category;
    std::string path;
    std::string message;
    std::vector<SharedEvent> events;
};

// A fix and its outcome.
struct LabelledFix {
    std::string path;
    std::string category;
    std::string message;
    std::string removed;
    std::string inserted;
    std::string label; // "accepted" (applied or landed) or "dismissed"
};

// What makes two findings "the same kind": the message's first sentence, lower-cased, digits
// and quoted names dropped, runs of blanks collapsed.
std::string message_shape(std::string_view message);

// The store's file in `dir`.
inline constexpr std::string_view k_store_file = "learn.sqlite3";

class Store {
public:
    // Opens (creating and migrating) <dir>/learn.sqlite3. A file that is not a readable
    // database is moved aside to learn.sqlite3.corrupt-<time> with a warning (warnings()) and
    // a fresh one is made: the run goes on. Fails (runtime) only when no database can be made.
    static util::Expected<Store> open(const std::filesystem::path& dir);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    const std::vector<std::string>& warnings() const;
    int schema_version() const;

    // A new run ("review", "hook pre-commit", ...); returns its id.
    util::Expected<int64_t> begin_run(std::string_view command, std::string_view target);
    // Each finding, and the suggestion tied to it by fingerprint, recorded as shown in `run`.
    util::Expected<void> record_shown(int64_t run, const std::vector<core::Finding>& findings,
                                      const std::vector<core::Suggestion>& suggestions);
    util::Expected<void> record_event(std::string_view fingerprint, Event event,
                                      std::string_view reason = {}, int64_t run = 0);

    // Findings whose fingerprint starts with `prefix`.
    std::vector<StoredFinding> findings_with_prefix(std::string_view prefix) const;
    // The newest suggestion shown for the finding, if any.
    std::optional<core::Suggestion> suggestion_for(std::string_view fingerprint) const;
    // Fingerprints of suggestions shown and not yet applied, dismissed or landed.
    std::vector<std::string> open_suggestions() const;
    // Fingerprints of fixes applied or landed, and not reverted since.
    std::vector<std::string> accepted_suggestions() const;
    // Fingerprints someone dismissed: not shown again.
    std::set<std::string> dismissed() const;
    // How many events of `event` the finding has.
    size_t event_count(std::string_view fingerprint, Event event) const;
    // How many distinct findings of `category` with this message shape were dismissed.
    size_t dismissed_like(std::string_view category, std::string_view shape) const;
    // The messages of dismissed findings of `category`, most dismissed first.
    std::vector<std::string> dismissed_messages(std::string_view category, size_t limit) const;
    // Fixes people took, newest first.
    std::vector<AcceptedFix> accepted_fixes(size_t limit) const;
    std::vector<RuleStats> rule_stats() const;
    // Rules (not secret rules) whose findings were dismissed at least `min_dismissed` times
    // and never accepted (applied or landed): demoted to notes.
    std::set<std::string> demoted_rules(size_t min_dismissed) const;
    // Per model: its fixes shown, and how many of them people took (applied or landed).
    std::map<std::string, ModelAcceptance> model_acceptance() const;
    // Per week ("2026-W49"): how many findings were shown, fixes applied or landed, findings
    // dismissed — the rates over time.
    std::vector<WeekStats> weekly() const;

    // Every finding with its events, to share feedback (`vigil learn export/import`).
    std::vector<SharedFeedback> feedback() const;
    // Adds findings and events another store exported; events it has already are skipped.
    // Returns how many events were added.
    util::Expected<size_t> import_feedback(const std::vector<SharedFeedback>& records);
    // Fixes with what became of them ("accepted" or "dismissed"), for fine-tuning exports.
    std::vector<LabelledFix> labelled_fixes() const;

    struct Impl;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil::learn
