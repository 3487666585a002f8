// rules: rule files in TOML (gitleaks' format plus vigil's keys), merged through [extend] and
// compiled into a RuleSet that finds matches in a fragment of text. Owns RE2 and toml++;
// neither appears in this header.
#pragma once

#include <bitset>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/util/error.hpp>

namespace vigil::rules {

enum class RegexTarget { secret, match, line };

// gitleaks allowlist semantics: OR (default) allows when any defined check holds, AND when
// every defined check holds.
struct AllowlistSpec {
    std::string description;
    bool require_all = false;
    RegexTarget target = RegexTarget::secret;
    std::vector<std::string> regexes;
    std::vector<std::string> paths;
    std::vector<std::string> stopwords;    // lower-cased
    std::vector<std::string> commits;      // lower-cased
    std::vector<std::string> target_rules; // global allowlists only: apply to these rules
    std::vector<std::string> categories;   // global allowlists only (vigil): and to rules of these
    std::string source;                    // "file:line" of the table
};

// A rule's own test case: `text` scanned as one fragment of `path` must (or must not) give a
// finding of the rule.
struct Example {
    std::string text;
    bool should_match = true;
    std::string path; // empty: derived from the rule's languages
    std::string source;
};

// gitleaks' composite rules: the rule reports only when rule `id` also matched nearby.
struct Required {
    std::string id;
    int within_lines = -1; // -1: anywhere in the fragment
    int within_columns = -1;
};

struct Rule {
    std::string id;
    std::string description;
    std::string message; // shown to the user; the description when empty
    std::string category = "secret";
    std::string help;
    core::Severity severity = core::Severity::error;
    bool severity_set = false;         // written in the file (an extending file overrides it)
    std::string regex;                 // empty: a path-only (or file-size) rule
    std::string path;                  // regex on the file path; empty: every path
    std::vector<std::string> keywords; // lower-cased; the rule runs only when one occurs
    std::vector<std::string> tags;
    std::vector<std::string> languages; // empty: every language
    std::string scope = "any";          // any | code | comment | string (enforced by lang later)
    int secret_group = 0;       // 0: the first non-empty group, or the whole match without groups
    double entropy = 0;         // a secret at or below this Shannon entropy is not reported
    uint64_t min_file_size = 0; // vigil: fires once on an added file at least this large
    bool skip_report = false;   // only an auxiliary of other rules' `required`
    // vigil: the text that replaces a match, as an RE2 rewrite (\0 the match, \1-\9 groups);
    // becomes a suggested change. has_fix tells an empty fix (delete the match) from none.
    std::string fix;
    bool has_fix = false;
    // vigil, built-in rules only: every match lies on a line holding one of the rule's
    // keywords (its regex cannot cross a line break), so it runs only on those lines.
    bool keyword_lines = false;
    std::vector<Required> required;
    std::vector<AllowlistSpec> allowlists;
    std::vector<Example> examples;
    std::string source; // "file:line" of the [[rules]] table

    bool is_path_only() const { return regex.empty(); }
};

// One match of one rule within a fragment. Offsets are bytes into the fragment.
struct Match {
    size_t rule = 0;
    uint32_t begin = 0;
    uint32_t end = 0;
    uint32_t secret_begin = 0;
    uint32_t secret_end = 0;
    double entropy = 0;
    std::optional<std::string> fix; // the rule's fix applied to the match, when it has one
};

// What a line must look like for a regex to match on it, read off the pattern (line_filter.cpp):
// a line it does not admit can be left out of the text the regex runs over, with the same
// matches. Only for regexes whose matches stay on one line; unsure means no filter.
struct LineFilter {
    using Bytes = std::bitset<256>;
    bool line_bound = false; // no match crosses a line break; the rest holds only then
    uint32_t min_bytes = 0;  // bytes in the shortest match (reported matches are not empty)
    bool ends_line = false;  // every match ends at a line end (`$` under (?m)) ...
    Bytes last_bytes;        // ... with one of these bytes last

    // True when a match may lie on `line` (its bytes without the line break).
    bool admits(std::string_view line) const;
};

// How to load rule files.
struct LoadOptions {
    // Compile every regex while loading and report bad ones as configuration errors. Off for
    // the built-in packs (tested at build time), whose rules compile on first use instead.
    bool compile_now = true;
    // The file is a repository's own configuration in CI (untrusted): it may add and tune
    // rules but not disable, override or allowlist the default secret rules.
    bool protect_default_secrets = false;
};

class RuleSet {
public:
    // Parses a rule file and everything it extends. Every problem is reported at once (config
    // error), each as "source:line: problem [rule id]". `[extend] path` is resolved against
    // `base_dir` (the config file's folder), then the working directory.
    static util::Expected<RuleSet> from_toml(std::string_view text, const std::string& source,
                                             const LoadOptions& options = {},
                                             const std::filesystem::path& base_dir = {});
    static util::Expected<RuleSet> from_file(const std::filesystem::path& file,
                                             const LoadOptions& options = {});

    // The packs shipped in rules/, compiled into the binary; regexes compile on first use.
    static util::Expected<RuleSet> defaults();

    // Checks the built-in packs as `vigil rules check` checks a file (every regex compiled,
    // ids unique across packs); returns the number of rules.
    static util::Expected<size_t> check_defaults();

    // A set holding only `indices` (and the rules they require), sharing global allowlists.
    RuleSet subset(const std::vector<size_t>& indices) const;

    RuleSet(RuleSet&&) noexcept;
    RuleSet& operator=(RuleSet&&) noexcept;
    ~RuleSet();

    size_t size() const;
    const Rule& rule(size_t index) const;
    std::vector<size_t> find(std::string_view id) const; // index of the rule with this id
    // Things the loader accepted but a user should know (e.g. a disabled rule that does not exist).
    const std::vector<std::string>& warnings() const;
    std::vector<AllowlistSpec> global_allowlists() const;

    // True when a global allowlist allows everything in `path` at `commit` (paths, commits).
    bool path_allowed(std::string_view path, std::string_view commit) const;
    // True when rule `index` can report in `path`: its path regex, languages and its own
    // path/commit allowlists.
    bool applies_to(size_t index, std::string_view path, std::string_view commit) const;

    // The rules that rule `index` requires ([[rules.required]]), by index.
    const std::vector<size_t>& required_rules(size_t index) const;

    // The rules without a regex: they judge whole files by path or size.
    const std::vector<size_t>& file_rules() const;

    // Where a keyword of a `keyword_lines` rule ends in the text.
    struct KeywordHit {
        uint32_t rule;
        uint32_t end;
    };

    // The keyword prefilter: one pass over `text` (any case). Appends to `out` the rules with
    // regexes that have no keywords or one of whose keywords occurs in it, and to `hits` (when
    // given) every keyword occurrence of the `keyword_lines` rules, in no set order.
    void candidate_rules(std::string_view text, std::vector<size_t>& out,
                         std::vector<KeywordHit>* hits = nullptr) const;

    // Which lines rule `index` can match on (see LineFilter); not line_bound when unknown.
    const LineFilter& line_filter(size_t index) const;

    // Appends every match of rule `index` in `fragment`, leaving out what entropy or an
    // allowlist rules out. `commit` (full hex id, or empty) feeds allowlists' `commits`.
    void match_rule(size_t index, std::string_view path, std::string_view fragment,
                    std::string_view commit, std::vector<Match>& out) const;

    struct Impl;

private:
    explicit RuleSet(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> m_impl;
};

// True when no match of `pattern` can hold a line break (a conservative reading of the
// pattern: unsure means false).
bool stays_on_one_line(std::string_view pattern);

// The line filter of a regex (line_filter.cpp).
LineFilter line_filter_for(std::string_view pattern);

// Things `vigil rules check` warns about in a rule that loads: no keywords (slow), and an
// alternation next to an anchor outside a group (`^a|b$`). Each as "source: text [id]".
std::vector<std::string> lint(const Rule& rule);

// Shannon entropy as gitleaks computes it: frequencies of characters over the byte length.
double shannon_entropy(std::string_view text);

} // namespace vigil::rules
