// rules: rule files in TOML (a gitleaks-compatible subset for now), compiled into a RuleSet
// that finds matches in a line of text. Owns RE2 and toml++; neither appears in this header.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>
#include <vigil/util/error.hpp>

namespace vigil::rules {

struct Rule {
    std::string id;
    std::string description;
    std::string message; // shown to the user; the description when empty
    std::string category = "secret";
    std::string help;
    core::Severity severity = core::Severity::error;
    std::vector<std::string> keywords; // lower-cased; the rule runs only when one occurs
    std::vector<std::string> tags;
    int secret_group = 0; // 0: the first non-empty group, or the whole match without groups
    double entropy = 0;   // a secret at or below this Shannon entropy is not reported
};

// One match of one rule within a line. Offsets are bytes into the line.
struct Match {
    size_t rule = 0;
    uint32_t begin = 0;
    uint32_t end = 0;
    uint32_t secret_begin = 0;
    uint32_t secret_end = 0;
    double entropy = 0;
};

class RuleSet {
public:
    // Parses and compiles a rule file. Every problem in the file is reported at once (config
    // error), each as "source:line: problem [rule id]".
    static util::Expected<RuleSet> from_toml(std::string_view text, const std::string& source);

    // The packs shipped in rules/, compiled into the binary.
    static util::Expected<RuleSet> defaults();

    RuleSet(RuleSet&&) noexcept;
    RuleSet& operator=(RuleSet&&) noexcept;
    ~RuleSet();

    size_t size() const;
    const Rule& rule(size_t index) const;

    // Appends every match in `line` of every rule that applies to `path`, leaving out what an
    // allowlist allows. `commit` (full hex id, or empty) feeds allowlists' `commits`.
    void match_line(std::string_view path, std::string_view line, std::vector<Match>& out,
                    std::string_view commit = {}) const;

    // The keyword prefilter over a larger text (e.g. all added lines of a file), already
    // lower-cased: the rules that have no keywords or one of whose keywords occurs in it.
    std::vector<size_t> candidate_rules(std::string_view lowered_text) const;

    // match_line restricted to `candidates` (from candidate_rules over text holding `line`).
    void match_line(std::string_view path, std::string_view line, std::vector<Match>& out,
                    std::string_view commit, const std::vector<size_t>& candidates) const;

    struct Impl;

private:
    explicit RuleSet(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Shannon entropy as gitleaks computes it: frequencies of characters over the byte length.
double shannon_entropy(std::string_view text);

} // namespace vigil::rules
