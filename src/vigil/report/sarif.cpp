// SARIF 2.1.0 for GitHub code scanning (docs/report-sarif.md). Checked in the test suite by
// the SARIF Multitool with GitHub's rules and by ajv against the draft-07 schema.
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vigil/report/line_hash.hpp>
#include <vigil/report/sarif_parts.hpp>
#include <vigil/report/shared.hpp>
#include <vigil/report/writers.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::report {
namespace {

using nlohmann::ordered_json;

// The final 2.1.0 schema's address as GitHub (Multitool GH1011) and SchemaStore know it.
constexpr std::string_view k_schema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view k_information_uri = "https://github.com/vigil-review/vigil";
constexpr std::string_view k_src_root = "%SRCROOT%";
// Context lines longer than this (minified files) are left out of snippets: they would bloat
// the log toward GitHub's 10 MB limit and show nothing useful.
constexpr size_t k_max_snippet = 1000;

std::string utf8(std::string_view text) {
    return util::to_valid_utf8(text);
}

// What to do about a finding of a category when its rule has no help text of its own.
std::string_view default_help(std::string_view category) {
    if (category == "secret") {
        return "A credential in a repository must be treated as leaked: revoke or rotate it, "
               "then load it from the environment or a secret store instead of the code.";
    }
    if (category == "safety") {
        return "This construct is a common source of vulnerabilities. Check that no untrusted "
               "input reaches it, or use the safer alternative.";
    }
    return "Fix the code at this location, or suppress the finding with an inline ignore "
           "comment if it is intended.";
}

// A message's text as GitHub wants it: never empty, and a whole sentence (SARIF §3.11.5
// advises a final period; GitHub titles the alert with the first sentence).
std::string sentence(std::string text, std::string_view fallback) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) {
        text.pop_back();
    }
    if (text.empty()) {
        text = fallback;
    }
    if (!text.ends_with('.') && !text.ends_with('!') && !text.ends_with('?')) {
        text += '.';
    }
    return text;
}

// The result's message: the finding's, then its secret as it may be shown, as one sentence
// ("AWS access key ID (AKIA…)."): the first sentence is the alert's title on GitHub.
std::string message_text(const ReportData& data, const core::Finding& f) {
    std::string text = f.message;
    while (!text.empty() && (text.back() == '.' || text.back() == ' ')) {
        text.pop_back();
    }
    if (text.empty()) {
        text = "vigil rule " + f.rule_id;
    }
    if (f.has_secret()) {
        text += " (" + shown_secret(data, f) + ")";
    }
    return sentence(utf8(text), {});
}

ordered_json region_json(const sarif::Region& r) {
    return {{"startLine", r.start_line},
            {"startColumn", r.start_column},
            {"endLine", r.end_line},
            {"endColumn", r.end_column}};
}

ordered_json artifact_location(std::string_view path) {
    // Raw bytes, percent-encoded: the exact path even when it is not UTF-8.
    std::string uri = sarif::artifact_uri(path);
    if (uri.starts_with("file:")) {
        return {{"uri", uri}}; // absolute: no base
    }
    return {{"uri", uri}, {"uriBaseId", k_src_root}};
}

ordered_json rule_json(const core::RuleInfo& rule) {
    std::string description =
        sentence(utf8(rule.description), "Finds problems reported by vigil rule " + rule.id);
    std::string help = utf8(rule.help.empty() ? default_help(rule.category) : rule.help);
    ordered_json j;
    j["id"] = utf8(rule.id);
    j["name"] = sarif::rule_name(rule.id);
    j["shortDescription"] = {{"text", sarif::clipped(description, sarif::k_max_short_description)}};
    j["fullDescription"] = {{"text", description}};
    // help.markdown is what GitHub shows; the plain text is the fallback.
    j["help"] = {{"text", help},
                 {"markdown", "**" + sarif::markdown_escaped(description) + "**\n\n" +
                                  sarif::markdown_escaped(help) + "\n\nvigil rule `" +
                                  utf8(rule.id) + "` (" +
                                  sarif::markdown_escaped(utf8(rule.category)) + ")."}};
    j["defaultConfiguration"] = {{"level", sarif::level(rule.severity)}};
    ordered_json props;
    props["tags"] = sarif::rule_tags(rule.category, rule.tags);
    props["precision"] = sarif::precision(rule.category);
    props["problem.severity"] = sarif::problem_severity(rule.severity);
    if (auto score = sarif::security_severity(rule.category, rule.severity)) {
        props["security-severity"] = *score;
    }
    j["properties"] = std::move(props);
    return j;
}

// The catalog entry for a rule no catalog entry was given for (a report must still name it).
core::RuleInfo stand_in_rule(const core::Finding& f) {
    core::RuleInfo rule;
    rule.id = f.rule_id;
    rule.description = "vigil rule " + f.rule_id;
    rule.category = f.category;
    rule.severity = f.severity;
    return rule;
}

ordered_json fix_json(const core::Suggestion& s) {
    ordered_json replacement;
    replacement["deletedRegion"] = region_json(sarif::deleted_region(s));
    if (!s.inserted.empty()) {
        replacement["insertedContent"] = {{"text", utf8(s.inserted)}};
    }
    ordered_json change;
    change["artifactLocation"] = artifact_location(s.path);
    change["replacements"] = ordered_json::array({std::move(replacement)});
    ordered_json fix;
    fix["description"] = {
        {"text", sentence(utf8(s.description), "Apply vigil's suggested change")}};
    fix["artifactChanges"] = ordered_json::array({std::move(change)});
    // The blob the change was made for: `vigil apply` refuses it once the file moved on.
    fix["properties"] = {{"baseBlob", s.base_id}, {"safe", s.safe}};
    return fix;
}

// The text and line hashes of the file a result is in, through ReportData::source. Only the
// last file is kept: results come in report order (by path), so each file is read once
// without holding every file of a large run in memory.
class FileCache {
public:
    explicit FileCache(const ReportData& data) : m_data(data) {}

    const std::optional<std::string>& source(const core::Finding& f) {
        load(f);
        return m_source;
    }

    std::optional<std::string> line_hash(const core::Finding& f) {
        load(f);
        if (!m_source) {
            return std::nullopt; // upload-sarif fills it in from the checkout
        }
        if (!m_hashed) {
            m_hashes = line_hashes(*m_source);
            m_hashed = true;
        }
        size_t line = std::max<uint32_t>(f.location.line, 1); // whole file: line 1
        if (line > m_hashes.size()) {
            return std::nullopt; // not the file the finding was made on
        }
        return m_hashes[line - 1];
    }

private:
    void load(const core::Finding& f) {
        if (m_loaded && m_path == f.location.path && m_commit == f.commit) {
            return;
        }
        m_path = f.location.path;
        m_commit = f.commit;
        m_source = m_data.source ? m_data.source(m_path, m_commit) : std::nullopt;
        m_hashes.clear();
        m_hashed = false;
        m_loaded = true;
    }

    const ReportData& m_data;
    bool m_loaded = false;
    std::string m_path;
    std::string m_commit;
    std::optional<std::string> m_source;
    std::vector<std::string> m_hashes;
    bool m_hashed = false;
};

ordered_json physical_location(const ReportData& data, const core::Finding& f, FileCache& files) {
    sarif::Region r = sarif::finding_region(f, files.source(f));
    ordered_json loc;
    loc["artifactLocation"] = artifact_location(f.location.path);
    loc["region"] = region_json(r);
    if (f.location.line == 0 || f.line_text.empty() || f.line_text.size() > k_max_snippet) {
        return loc;
    }
    // Snippets, secrets masked: the match in the region, its whole lines in a context region
    // around it. The context must be a proper superset of the region (Multitool SARIF1008),
    // so a match that covers its lines whole has none.
    auto bytes = sarif::region_bytes(f);
    if (bytes) {
        loc["region"]["snippet"] = {
            {"text", utf8(sarif::shown_text(f, *bytes, data.show_secrets))}};
    }
    if (bytes && bytes->begin == 0 && bytes->end == f.line_text.size()) {
        return loc;
    }
    loc["contextRegion"] = {
        {"startLine", r.start_line},
        {"endLine", r.end_line},
        {"snippet", {{"text", utf8(core::displayed_line(f, data.show_secrets))}}}};
    return loc;
}

ordered_json result_json(const ReportData& data, const core::Finding& f, size_t rule_index,
                         FileCache& files, const SuggestionIndex& index) {
    ordered_json j;
    j["ruleId"] = utf8(f.rule_id);
    j["ruleIndex"] = rule_index;
    j["level"] = sarif::level(f.severity);
    j["message"] = {{"text", message_text(data, f)}};
    j["locations"] =
        ordered_json::array({{{"physicalLocation", physical_location(data, f, files)}}});
    ordered_json prints = ordered_json::object();
    if (auto hash = files.line_hash(f)) {
        prints["primaryLocationLineHash"] = *hash;
    }
    if (!f.fingerprint.empty()) {
        prints["vigil/v1"] = f.fingerprint;
    }
    j["partialFingerprints"] = std::move(prints);
    ordered_json props;
    if (const auto* s = index.suggestion_for(f)) {
        if (index.shows_secret(*s)) {
            props["fixOmitted"] = "it rewrites a line holding a secret";
        } else if (!util::is_valid_utf8(s->inserted)) {
            // insertedContent.text is JSON text: replacing bytes would make a wrong fix.
            props["fixOmitted"] = "its new text is not UTF-8";
        } else {
            j["fixes"] = ordered_json::array({fix_json(*s)});
        }
    }
    props["category"] = utf8(f.category);
    if (!f.commit.empty()) {
        props["commit"] = f.commit; // history scans: the commit that added the line
    }
    j["properties"] = std::move(props);
    return j;
}

// "yyyy-mm-ddThh:mm:ss" (UTC, as ReportData has it) as an RFC 3339 date-time, or empty.
std::string utc_time(std::string_view t) {
    if (t.size() != 19 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
        t[16] != ':') {
        return {};
    }
    return std::string(t) + 'Z';
}

ordered_json invocation_json(const ReportData& data, size_t total, size_t kept) {
    ordered_json inv;
    // Findings are what vigil is for, not a failure of the run (the exit code says 1).
    inv["executionSuccessful"] = true;
    if (auto start = utc_time(data.start_time); !start.empty()) {
        inv["startTimeUtc"] = start;
    }
    if (auto end = utc_time(data.end_time); !end.empty()) {
        inv["endTimeUtc"] = end;
    }
    ordered_json notes = ordered_json::array();
    if (kept < total) {
        // GitHub shows this on the tool status page, so a capped upload is not a silent one.
        notes.push_back({{"level", "warning"},
                         {"message",
                          {{"text", "vigil found " + std::to_string(total) +
                                        " problems; only the " + std::to_string(kept) +
                                        " most severe are in this log (GitHub keeps at most " +
                                        std::to_string(sarif::k_max_results) + " per run)."}}}});
    }
    if (!data.summary.skipped.empty()) {
        std::map<std::string, size_t> reasons;
        for (const auto& s : data.summary.skipped) {
            ++reasons[s.reason];
        }
        std::string text = std::to_string(data.summary.skipped.size()) +
                           (data.summary.skipped.size() == 1 ? " file" : " files") +
                           " not scanned:";
        std::string sep = " ";
        for (const auto& [reason, count] : reasons) {
            text += sep + utf8(reason) + " (" + std::to_string(count) + ")";
            sep = ", ";
        }
        notes.push_back({{"level", "note"}, {"message", {{"text", text + "."}}}});
    }
    if (!notes.empty()) {
        inv["toolExecutionNotifications"] = std::move(notes);
    }
    return inv;
}

} // namespace

void write_sarif(std::ostream& out, const ReportData& data) {
    std::vector<size_t> kept = sarif::kept_results(data.findings, sarif::k_max_results);

    // Only the rules the kept results use, in order of first use: ruleIndex points here.
    std::vector<core::RuleInfo> rules;
    std::map<std::string, size_t, std::less<>> rule_index;
    std::vector<size_t> result_rule(kept.size());
    for (size_t k = 0; k < kept.size(); ++k) {
        const auto& f = data.findings[kept[k]];
        auto it = rule_index.find(f.rule_id);
        if (it == rule_index.end()) {
            const core::RuleInfo* info = core::find_rule(data.rules, f.rule_id);
            rules.push_back(info ? *info : stand_in_rule(f));
            it = rule_index.emplace(f.rule_id, rules.size() - 1).first;
        }
        result_rule[k] = it->second;
    }
    // Cannot exceed k_max_rules: there are at most k_max_results rules in use.
    static_assert(sarif::k_max_results <= sarif::k_max_rules);

    ordered_json driver;
    driver["name"] = "vigil";
    std::string version = data.tool_version.empty() ? "0.0.0" : utf8(data.tool_version);
    driver["version"] = version;
    driver["semanticVersion"] = version;
    driver["informationUri"] = k_information_uri;
    ordered_json rule_list = ordered_json::array();
    for (const auto& rule : rules) {
        rule_list.push_back(rule_json(rule));
    }
    driver["rules"] = std::move(rule_list);

    FileCache files(data);
    SuggestionIndex index(data);
    ordered_json results = ordered_json::array();
    for (size_t k = 0; k < kept.size(); ++k) {
        results.push_back(result_json(data, data.findings[kept[k]], result_rule[k], files, index));
    }

    ordered_json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["invocations"] =
        ordered_json::array({invocation_json(data, data.findings.size(), kept.size())});
    run["originalUriBaseIds"] = {
        {k_src_root, {{"description", {{"text", "The root of the repository scanned."}}}}}};
    // GitHub's category is the text before the last '/': "vigil/scan".
    run["automationDetails"] = {{"id", "vigil/" + utf8(data.mode) + "/"}};
    run["columnKind"] = "utf16CodeUnits"; // what GitHub and its hash count in
    run["results"] = std::move(results);
    ordered_json props;
    props["target"] = utf8(data.summary.target);
    props["files"] = data.summary.files;
    props["lines"] = data.summary.lines;
    props["commits"] = data.summary.commits;
    props["findings"] = data.findings.size();
    props["resultsOmitted"] = data.findings.size() - kept.size();
    run["properties"] = std::move(props);

    ordered_json log;
    log["$schema"] = k_schema;
    log["version"] = "2.1.0";
    log["runs"] = ordered_json::array({std::move(run)});
    out << log.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

} // namespace vigil::report
