// Reading one rule file: TOML -> RuleFile, collecting every problem before failing.
#include "rule_file.hpp"

#include <optional>
#include <re2/re2.h>
#include <set>
#include <toml++/toml.h>
#include <vigil/lang/language.hpp>
#include <vigil/util/text.hpp>

namespace vigil::rules::detail {
namespace {

// `review` holds the review model's guidance: config/review_config.cpp reads and checks it.
const std::vector<std::string> k_top_keys = {"title",      "description", "rules",  "allowlist",
                                             "allowlists", "minVersion",  "extend", "review"};
const std::vector<std::string> k_extend_keys = {"useDefault", "path", "disabledRules", "URL"};
const std::vector<std::string> k_rule_keys = {
    "id",       "description", "regex",    "secretGroup", "entropy",    "keywords",    "path",
    "tags",     "severity",    "category", "message",     "help",       "allowlist",   "allowlists",
    "examples", "languages",   "scope",    "required",    "skipReport", "minFileSize", "fix"};
const std::vector<std::string> k_allowlist_keys = {"description", "condition",   "regexTarget",
                                                   "regexes",     "paths",       "stopwords",
                                                   "commits",     "targetRules", "categories"};
const std::vector<std::string> k_required_keys = {"id", "withinLines", "withinColumns"};
const std::vector<std::string> k_example_keys = {"match", "nomatch", "path"};
const std::vector<std::string> k_scopes = {"any", "code", "comment", "string"};

class Parser {
public:
    Parser(RuleFile& into, bool validate, std::vector<std::string>& problems)
        : m_into(into), m_validate(validate), m_problems(problems) {}

    void parse(const toml::table& doc) {
        check_keys(doc, k_top_keys, "");
        if (const toml::node* extend = doc.get("extend")) {
            parse_extend(*extend);
        }
        for (const auto* table : tables_of(doc, "allowlist", "allowlists", "")) {
            m_into.allowlists.push_back(parse_allowlist(*table, "", true));
        }
        const toml::node* rules = doc.get("rules");
        if (!rules) {
            return;
        }
        const auto* array = rules->as_array();
        if (!array) {
            problem(*rules, "", "'rules' must be an array of tables ([[rules]])");
            return;
        }
        for (const auto& node : *array) {
            if (const auto* table = node.as_table()) {
                parse_rule(*table);
            } else {
                problem(node, "", "each [[rules]] entry must be a table");
            }
        }
    }

private:
    std::string where(const toml::node& at) const {
        return m_into.source + ":" + std::to_string(at.source().begin.line);
    }

    void problem(const toml::node& at, const std::string& rule_id, const std::string& text) {
        std::string line = where(at) + ": " + text;
        if (!rule_id.empty()) {
            line += " [" + rule_id + "]";
        }
        m_problems.push_back(std::move(line));
    }

    void check_keys(const toml::table& table, const std::vector<std::string>& known,
                    const std::string& rule_id) {
        for (auto&& [key, value] : table) {
            std::string k(key.str());
            if (std::find(known.begin(), known.end(), k) != known.end()) {
                continue;
            }
            std::string text = "unknown key '" + k + "'";
            if (auto guess = util::closest_match(k, known)) {
                text += "; did you mean '" + *guess + "'?";
            }
            problem(value, rule_id, text);
        }
    }

    // The string at key, or `fallback` when absent; a value of another type is a problem.
    std::string string_of(const toml::table& t, const char* key, const std::string& rule_id,
                          std::string fallback = {}) {
        const toml::node* node = t.get(key);
        if (!node) {
            return fallback;
        }
        if (auto v = node->value_exact<std::string>()) {
            return *v;
        }
        problem(*node, rule_id, std::string("'") + key + "' must be a string");
        return fallback;
    }

    double number_of(const toml::table& t, const char* key, const std::string& rule_id) {
        const toml::node* node = t.get(key);
        if (!node) {
            return 0;
        }
        if (node->is_integer() || node->is_floating_point()) {
            return node->value<double>().value_or(0);
        }
        problem(*node, rule_id, std::string("'") + key + "' must be a number");
        return 0;
    }

    std::optional<int64_t> integer_of(const toml::table& t, const char* key,
                                      const std::string& rule_id) {
        const toml::node* node = t.get(key);
        if (!node) {
            return std::nullopt;
        }
        if (auto v = node->value_exact<int64_t>()) {
            return *v;
        }
        problem(*node, rule_id, std::string("'") + key + "' must be a whole number");
        return std::nullopt;
    }

    bool bool_of(const toml::table& t, const char* key, const std::string& rule_id) {
        const toml::node* node = t.get(key);
        if (!node) {
            return false;
        }
        if (auto v = node->value_exact<bool>()) {
            return *v;
        }
        problem(*node, rule_id, std::string("'") + key + "' must be true or false");
        return false;
    }

    // A list of strings; a single string is accepted where `allow_single`.
    std::vector<std::string> strings(const toml::table& t, const char* key,
                                     const std::string& rule_id, bool lower,
                                     bool allow_single = false) {
        std::vector<std::string> out;
        const toml::node* node = t.get(key);
        if (!node) {
            return out;
        }
        if (allow_single) {
            if (auto s = node->value_exact<std::string>()) {
                out.push_back(*s);
                return out;
            }
        }
        const auto* array = node->as_array();
        if (!array) {
            problem(*node, rule_id, std::string("'") + key + "' must be a list of strings");
            return out;
        }
        for (const auto& item : *array) {
            if (auto s = item.value_exact<std::string>()) {
                out.push_back(lower ? util::to_lower_ascii(*s) : *s);
            } else {
                problem(item, rule_id, std::string("'") + key + "' must hold only strings");
            }
        }
        return out;
    }

    // gitleaks' two spellings: a single [x.allowlist] table and an array [[x.allowlists]].
    std::vector<const toml::table*> tables_of(const toml::table& t, const char* single,
                                              const char* many, const std::string& rule_id) {
        std::vector<const toml::table*> out;
        if (many && t.contains(single) && t.contains(many)) {
            problem(*t.get(many), rule_id,
                    std::string("use either [") + single + "] or [[" + many +
                        "]], not both (gitleaks refuses the mix too)");
        }
        if (const toml::node* one = t.get(single)) {
            if (const auto* table = one->as_table()) {
                out.push_back(table);
            } else {
                problem(*one, rule_id,
                        std::string("'") + single + "' must be one table ([" + single +
                            "]); for a list write [[" + many + "]]");
            }
        }
        if (many) {
            for (const auto* table : array_of_tables(t, many, rule_id)) {
                out.push_back(table);
            }
        }
        return out;
    }

    std::vector<const toml::table*> array_of_tables(const toml::table& t, const char* key,
                                                    const std::string& rule_id) {
        std::vector<const toml::table*> out;
        const toml::node* list = t.get(key);
        if (!list) {
            return out;
        }
        const auto* array = list->as_array();
        if (!array) {
            problem(*list, rule_id,
                    std::string("'") + key + "' must be a list of tables ([[" + key + "]])");
            return out;
        }
        for (const auto& node : *array) {
            if (const auto* table = node.as_table()) {
                out.push_back(table);
            } else {
                problem(node, rule_id, std::string("each '") + key + "' entry must be a table");
            }
        }
        return out;
    }

    // Compiles `pattern` to check it (only when validating); returns its group count, or -1.
    int check_regex(const toml::node& at, const std::string& pattern, const std::string& rule_id,
                    const char* what) {
        if (!m_validate) {
            return -1;
        }
        RE2::Options options;
        options.set_log_errors(false);
        RE2 re(pattern, options);
        if (!re.ok()) {
            problem(at, rule_id, std::string("invalid ") + what + ": " + re.error());
            return -1;
        }
        return re.NumberOfCapturingGroups();
    }

    // A fix may name only groups the regex has (checked when validating a rule with a regex;
    // a fix in an extending rule is checked against the merged rule's regex when it compiles).
    void check_fix(const toml::node& at, const std::string& pattern, const std::string& fix,
                   const std::string& rule_id) {
        if (!m_validate || pattern.empty()) {
            return;
        }
        RE2::Options options;
        options.set_log_errors(false);
        RE2 re(pattern, options);
        std::string error;
        if (re.ok() && !re.CheckRewriteString(fix, &error)) {
            problem(at, rule_id, "invalid fix: " + error);
        }
    }

    const toml::node& node_or(const toml::table& t, const char* key) {
        const toml::node* node = t.get(key);
        return node ? *node : static_cast<const toml::node&>(t);
    }

    void parse_extend(const toml::node& node) {
        const auto* t = node.as_table();
        if (!t) {
            problem(node, "", "'extend' must be a table ([extend])");
            return;
        }
        check_keys(*t, k_extend_keys, "");
        Extend& e = m_into.extend;
        e.present = true;
        e.source = where(*t);
        e.use_default = bool_of(*t, "useDefault", "");
        e.path = string_of(*t, "path", "");
        e.disabled_rules = strings(*t, "disabledRules", "", false);
        if (t->contains("URL")) {
            problem(node_or(*t, "URL"), "", "[extend] URL is not supported; use 'path'");
        }
        if (e.use_default && !e.path.empty()) {
            problem(*t, "", "[extend] takes 'useDefault' or 'path', not both");
        }
    }

    AllowlistSpec parse_allowlist(const toml::table& t, const std::string& rule_id, bool global) {
        size_t problems_before = m_problems.size();
        check_keys(t, k_allowlist_keys, rule_id);
        AllowlistSpec a;
        a.source = where(t);
        a.description = string_of(t, "description", rule_id);
        std::string condition = string_of(t, "condition", rule_id, "OR");
        std::string upper = condition;
        for (char& c : upper) {
            c = char(std::toupper(static_cast<unsigned char>(c)));
        }
        if (upper == "AND" || upper == "&&") { // gitleaks compares upper-cased
            a.require_all = true;
        } else if (upper != "OR" && upper != "||") {
            problem(node_or(t, "condition"), rule_id,
                    "allowlist condition must be \"OR\" or \"AND\", not \"" + condition + "\"");
        }
        std::string target = string_of(t, "regexTarget", rule_id, "secret");
        if (target == "match") {
            a.target = RegexTarget::match;
        } else if (target == "line") {
            a.target = RegexTarget::line;
        } else if (target != "secret") {
            problem(node_or(t, "regexTarget"), rule_id,
                    "regexTarget must be \"secret\", \"match\" or \"line\", not \"" + target +
                        "\"");
        }
        a.regexes = strings(t, "regexes", rule_id, false);
        for (const auto& r : a.regexes) {
            check_regex(node_or(t, "regexes"), r, rule_id, "allowlist regex");
        }
        a.paths = strings(t, "paths", rule_id, false);
        for (const auto& r : a.paths) {
            check_regex(node_or(t, "paths"), r, rule_id, "allowlist path regex");
        }
        a.stopwords = strings(t, "stopwords", rule_id, true);
        a.commits = strings(t, "commits", rule_id, true);
        if (t.contains("targetRules")) {
            if (global) {
                a.target_rules = strings(t, "targetRules", rule_id, false);
            } else {
                problem(node_or(t, "targetRules"), rule_id,
                        "'targetRules' belongs in a global [[allowlists]], not a rule's");
            }
        }
        if (t.contains("categories")) {
            if (global) {
                a.categories = strings(t, "categories", rule_id, false);
            } else {
                problem(node_or(t, "categories"), rule_id,
                        "'categories' belongs in a global [[allowlists]], not a rule's");
            }
        }
        bool had_problems = m_problems.size() > problems_before;
        if (!had_problems && a.regexes.empty() && a.paths.empty() && a.stopwords.empty() &&
            a.commits.empty()) {
            problem(t, rule_id, "allowlist has no regexes, paths, stopwords or commits");
        }
        return a;
    }

    void parse_examples(const toml::table& t, Rule& r) {
        for (const auto* table : array_of_tables(t, "examples", r.id)) {
            check_keys(*table, k_example_keys, r.id);
            std::string path = string_of(*table, "path", r.id);
            std::string source = where(*table);
            for (const auto& text : strings(*table, "match", r.id, false, true)) {
                r.examples.push_back({text, true, path, source});
            }
            for (const auto& text : strings(*table, "nomatch", r.id, false, true)) {
                r.examples.push_back({text, false, path, source});
            }
            if (!table->contains("match") && !table->contains("nomatch")) {
                problem(*table, r.id, "example without 'match' or 'nomatch'");
            }
        }
    }

    void parse_required(const toml::table& t, Rule& r) {
        for (const auto* table : array_of_tables(t, "required", r.id)) {
            check_keys(*table, k_required_keys, r.id);
            Required q;
            q.id = string_of(*table, "id", r.id);
            if (q.id.empty()) {
                problem(*table, r.id, "[[rules.required]] without an 'id'");
            }
            if (auto lines = integer_of(*table, "withinLines", r.id)) {
                q.within_lines = int(std::clamp<int64_t>(*lines, 0, 1 << 30));
            }
            if (auto columns = integer_of(*table, "withinColumns", r.id)) {
                q.within_columns = int(std::clamp<int64_t>(*columns, 0, 1 << 30));
            }
            r.required.push_back(std::move(q));
        }
    }

    void parse_severity(const toml::table& t, Rule& r) {
        if (!t.contains("severity")) {
            return;
        }
        std::string severity = string_of(t, "severity", r.id);
        if (auto parsed = core::parse_severity(severity)) {
            r.severity = *parsed;
            r.severity_set = true;
        } else if (!severity.empty()) {
            std::string text = "severity must be error, warning or note, not '" + severity + "'";
            if (auto guess = util::closest_match(severity, {"error", "warning", "note"})) {
                text += "; did you mean '" + *guess + "'?";
            }
            problem(*t.get("severity"), r.id, text);
        }
    }

    void parse_languages(const toml::table& t, Rule& r) {
        r.languages = strings(t, "languages", r.id, true);
        std::vector<std::string> known;
        for (auto name : lang::known_languages()) {
            known.emplace_back(name);
        }
        for (const auto& name : r.languages) {
            if (lang::is_known_language(name)) {
                continue;
            }
            std::string text = "unknown language '" + name + "'";
            if (auto guess = util::closest_match(name, known)) {
                text += "; did you mean '" + *guess + "'?";
            }
            problem(node_or(t, "languages"), r.id, text);
        }
        r.scope = string_of(t, "scope", r.id, "any");
        if (std::find(k_scopes.begin(), k_scopes.end(), r.scope) == k_scopes.end()) {
            problem(node_or(t, "scope"), r.id,
                    "scope must be any, code, comment or string, not '" + r.scope + "'");
        }
    }

    void parse_rule(const toml::table& t) {
        Rule r;
        r.id = string_of(t, "id", "");
        r.source = where(t);
        check_keys(t, k_rule_keys, r.id);
        if (r.id.find_first_not_of(" \t") == std::string::npos) {
            problem(t, "", "rule without an 'id'");
        } else if (!m_ids.insert(r.id).second) {
            problem(t, r.id, "duplicate rule id '" + r.id + "'");
        }
        r.description = string_of(t, "description", r.id);
        r.message = string_of(t, "message", r.id);
        r.help = string_of(t, "help", r.id);
        r.category = string_of(t, "category", r.id, "secret");
        r.tags = strings(t, "tags", r.id, false);
        r.keywords = strings(t, "keywords", r.id, true);
        std::erase(r.keywords, std::string());
        r.entropy = number_of(t, "entropy", r.id);
        r.skip_report = bool_of(t, "skipReport", r.id);
        r.severity = r.category == "secret" ? core::Severity::error : core::Severity::warning;
        parse_severity(t, r);
        parse_languages(t, r);
        if (auto size = integer_of(t, "minFileSize", r.id)) {
            if (*size <= 0) {
                problem(node_or(t, "minFileSize"), r.id, "minFileSize must be above 0");
            } else {
                r.min_file_size = uint64_t(*size);
            }
        }
        int groups = -1;
        r.regex = string_of(t, "regex", r.id);
        if (t.contains("regex")) {
            groups = check_regex(node_or(t, "regex"), r.regex, r.id, "regex");
            if (r.regex.empty() && t.get("regex")->is_string()) {
                problem(node_or(t, "regex"), r.id, "'regex' is empty");
            }
        }
        if (t.contains("fix")) {
            r.fix = string_of(t, "fix", r.id);
            r.has_fix = true;
            check_fix(node_or(t, "fix"), r.regex, r.fix, r.id);
        }
        r.path = string_of(t, "path", r.id);
        if (t.contains("path")) {
            check_regex(node_or(t, "path"), r.path, r.id, "path regex");
        }
        // A rule of an extending file may only add to the rule it extends (checked after the
        // merge, in RuleSet::Impl::finish).
        if (r.regex.empty() && r.path.empty() && r.min_file_size == 0 && !t.contains("regex") &&
            !m_into.extend.present) {
            problem(t, r.id, "rule needs a 'regex', a 'path' or both");
        }
        if (auto group = integer_of(t, "secretGroup", r.id)) {
            if (*group < 0 || (groups >= 0 && *group > groups)) {
                problem(*t.get("secretGroup"), r.id,
                        "secretGroup " + std::to_string(*group) +
                            " is out of range: the regex has " +
                            std::to_string(std::max(groups, 0)) + " groups");
            } else {
                r.secret_group = int(*group);
            }
        }
        for (const auto* allowlist : tables_of(t, "allowlist", "allowlists", r.id)) {
            r.allowlists.push_back(parse_allowlist(*allowlist, r.id, false));
        }
        parse_required(t, r);
        parse_examples(t, r);
        m_into.rules.push_back(std::move(r));
    }

    RuleFile& m_into;
    bool m_validate;
    std::vector<std::string>& m_problems;
    std::set<std::string> m_ids;
};

} // namespace

RuleFile parse_rule_file(std::string_view text, const std::string& source, bool validate_regexes,
                         std::vector<std::string>& problems) {
    RuleFile file;
    file.source = source;
    toml::table doc;
    try {
        doc = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        problems.push_back(source + ":" + std::to_string(e.source().begin.line) + ":" +
                           std::to_string(e.source().begin.column) + ": " +
                           std::string(e.description()));
        return file;
    }
    Parser(file, validate_regexes, problems).parse(doc);
    return file;
}

} // namespace vigil::rules::detail
