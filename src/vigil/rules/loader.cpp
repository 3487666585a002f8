// Reading rule files: TOML -> CompiledRule, collecting every problem before failing.
#include "loader.hpp"

#include "compiled.hpp"

#include <optional>
#include <set>
#include <toml++/toml.h>
#include <vigil/util/text.hpp>

namespace vigil::rules::detail {
namespace {

const std::vector<std::string> k_rule_keys = {
    "id",        "description", "regex",    "secretGroup", "entropy", "keywords",
    "path",      "tags",        "severity", "category",    "message", "help",
    "allowlist", "allowlists",  "examples", "languages",   "scope"};
const std::vector<std::string> k_allowlist_keys = {
    "description", "condition", "regexTarget", "regexes", "paths", "stopwords", "commits"};
const std::vector<std::string> k_top_keys = {"title",     "description", "rules",
                                             "allowlist", "allowlists",  "minVersion"};

class Loader {
public:
    Loader(RuleSet::Impl& into, const std::string& source) : m_into(into), m_source(source) {}

    void load(const toml::table& doc) {
        check_keys(doc, k_top_keys, "");
        for (const auto& allowlist : tables_of(doc, "allowlist", "allowlists", "")) {
            add_allowlist(*allowlist, "", m_into.global_allowlists);
        }
        if (auto* rules = doc.get("rules")) {
            if (auto* array = rules->as_array()) {
                for (auto& node : *array) {
                    if (auto* table = node.as_table()) {
                        add_rule(*table);
                    } else {
                        problem(node, "", "each [[rules]] entry must be a table");
                    }
                }
            } else {
                problem(*rules, "", "'rules' must be an array of tables ([[rules]])");
            }
        }
    }

    std::vector<std::string> problems;

private:
    void problem(const toml::node& at, const std::string& rule_id, const std::string& text) {
        std::string line = m_source + ":" + std::to_string(at.source().begin.line) + ": " + text;
        if (!rule_id.empty()) {
            line += " [" + rule_id + "]";
        }
        problems.push_back(std::move(line));
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

    // gitleaks' two spellings: a single [x.allowlist] table and an array [[x.allowlists]].
    std::vector<const toml::table*> tables_of(const toml::table& t, const char* single,
                                              const char* many, const std::string& rule_id) {
        std::vector<const toml::table*> out;
        if (const toml::node* one = t.get(single)) {
            if (auto* table = one->as_table()) {
                out.push_back(table);
            } else {
                problem(*one, rule_id,
                        std::string("'") + single + "' must be one table ([" + single +
                            "]); for a list write [[" + many + "]]");
            }
        }
        if (const toml::node* list = t.get(many)) {
            auto* array = list->as_array();
            if (!array) {
                problem(*list, rule_id,
                        std::string("'") + many + "' must be a list of tables ([[" + many + "]])");
                return out;
            }
            for (auto& node : *array) {
                if (auto* table = node.as_table()) {
                    out.push_back(table);
                } else {
                    problem(node, rule_id,
                            std::string("each '") + many + "' entry must be a table");
                }
            }
        }
        return out;
    }

    std::unique_ptr<RE2> compile(const toml::node& at, const std::string& pattern,
                                 const std::string& rule_id, const char* what) {
        RE2::Options options;
        options.set_log_errors(false);
        auto re = std::make_unique<RE2>(pattern, options);
        if (!re->ok()) {
            problem(at, rule_id, std::string("invalid ") + what + ": " + re->error());
            return nullptr;
        }
        return re;
    }

    std::vector<std::string> strings(const toml::table& t, const char* key,
                                     const std::string& rule_id, bool lower) {
        std::vector<std::string> out;
        auto* node = t.get(key);
        if (!node) {
            return out;
        }
        auto* array = node->as_array();
        if (!array) {
            problem(*node, rule_id, std::string("'") + key + "' must be a list of strings");
            return out;
        }
        for (auto& item : *array) {
            if (auto s = item.value<std::string>()) {
                out.push_back(lower ? util::to_lower_ascii(*s) : *s);
            } else {
                problem(item, rule_id, std::string("'") + key + "' must hold only strings");
            }
        }
        return out;
    }

    void add_allowlist(const toml::table& t, const std::string& rule_id,
                       std::vector<Allowlist>& into) {
        size_t problems_before = problems.size();
        check_keys(t, k_allowlist_keys, rule_id);
        Allowlist a;
        std::string condition = string_of(t, "condition", rule_id, "OR");
        if (condition == "AND" || condition == "&&") {
            a.require_all = true;
        } else if (condition != "OR" && condition != "||") {
            problem(t, rule_id,
                    "allowlist condition must be \"OR\" or \"AND\", not \"" + condition + "\"");
        }
        std::string target = string_of(t, "regexTarget", rule_id, "secret");
        if (target == "match") {
            a.target = RegexTarget::match;
        } else if (target == "line") {
            a.target = RegexTarget::line;
        } else if (target != "secret") {
            problem(t, rule_id,
                    "regexTarget must be \"secret\", \"match\" or \"line\", not \"" + target +
                        "\"");
        }
        for (const auto& r : strings(t, "regexes", rule_id, false)) {
            if (auto re = compile(t, r, rule_id, "allowlist regex")) {
                a.regexes.push_back(std::move(re));
            }
        }
        for (const auto& r : strings(t, "paths", rule_id, false)) {
            if (auto re = compile(t, r, rule_id, "allowlist path regex")) {
                a.paths.push_back(std::move(re));
            }
        }
        a.stopwords = strings(t, "stopwords", rule_id, true);
        a.commits = strings(t, "commits", rule_id, true);
        // An allowlist whose only regex failed to compile was already reported as such.
        bool had_problems = problems.size() > problems_before;
        if (!had_problems && a.regexes.empty() && a.paths.empty() && a.stopwords.empty() &&
            a.commits.empty()) {
            problem(t, rule_id, "allowlist has no regexes, paths, stopwords or commits");
        }
        into.push_back(std::move(a));
    }

    void add_rule(const toml::table& t) {
        CompiledRule c;
        Rule& r = c.rule;
        r.id = string_of(t, "id", "");
        check_keys(t, k_rule_keys, r.id);
        if (r.id.empty()) {
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
        r.entropy = number_of(t, "entropy", r.id);
        r.severity = r.category == "secret" ? core::Severity::error : core::Severity::warning;
        if (t.contains("severity")) {
            std::string severity = string_of(t, "severity", r.id);
            if (auto parsed = core::parse_severity(severity)) {
                r.severity = *parsed;
            } else if (!severity.empty()) {
                std::string text =
                    "severity must be error, warning or note, not '" + severity + "'";
                if (auto guess = util::closest_match(severity, {"error", "warning", "note"})) {
                    text += "; did you mean '" + *guess + "'?";
                }
                problem(*t.get("severity"), r.id, text);
            }
        }
        if (t.contains("regex")) {
            std::string pattern = string_of(t, "regex", r.id);
            c.regex = compile(*t.get("regex"), pattern, r.id, "regex");
        } else {
            problem(t, r.id, "rule without a 'regex' (path-only rules are not supported yet)");
        }
        if (auto group = integer_of(t, "secretGroup", r.id)) {
            int groups = c.regex ? c.regex->NumberOfCapturingGroups() : 0;
            if (*group < 0 || (c.regex && *group > groups)) {
                problem(*t.get("secretGroup"), r.id,
                        "secretGroup " + std::to_string(*group) +
                            " is out of range: the regex "
                            "has " +
                            std::to_string(groups) + " groups");
            } else {
                r.secret_group = int(*group);
            }
        }
        if (t.contains("path")) {
            std::string path = string_of(t, "path", r.id);
            c.path = compile(*t.get("path"), path, r.id, "path regex");
        }
        for (const auto& allowlist : tables_of(t, "allowlist", "allowlists", r.id)) {
            add_allowlist(*allowlist, r.id, c.allowlists);
        }
        m_into.any_keywords = m_into.any_keywords || !r.keywords.empty();
        m_into.rules.push_back(std::move(c));
    }

    RuleSet::Impl& m_into;
    const std::string& m_source;
    std::set<std::string> m_ids;
};

} // namespace

util::Expected<void> load_rules(RuleSet::Impl& into, std::string_view text,
                                const std::string& source) {
    toml::table doc;
    try {
        doc = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        return util::config_error(source + ":" + std::to_string(e.source().begin.line) + ":" +
                                  std::to_string(e.source().begin.column) + ": " +
                                  std::string(e.description()));
    }
    Loader loader(into, source);
    loader.load(doc);
    if (!loader.problems.empty()) {
        std::string message;
        for (size_t i = 0; i < loader.problems.size(); ++i) {
            message += (i ? "\n" : "") + loader.problems[i];
        }
        return util::config_error(std::move(message), "fix the rule file and try again");
    }
    return {};
}

} // namespace vigil::rules::detail
