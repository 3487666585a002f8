// [extend]: gitleaks' merge of an extending rule file onto the defaults or another file.
#include "rule_file.hpp"

#include <algorithm>
#include <set>

namespace vigil::rules::detail {
namespace {

template <class T> void append(std::vector<T>& to, std::vector<T>&& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// gitleaks: non-empty scalars of the extension override, lists are appended.
void merge_rule(Rule& base, Rule&& ext) {
    if (!ext.description.empty()) {
        base.description = std::move(ext.description);
    }
    if (!ext.regex.empty()) {
        base.regex = std::move(ext.regex);
        base.keyword_lines = false; // only the built-in regexes are known to fit
    }
    if (!ext.path.empty()) {
        base.path = std::move(ext.path);
    }
    if (ext.entropy != 0) {
        base.entropy = ext.entropy;
    }
    if (ext.secret_group != 0) {
        base.secret_group = ext.secret_group;
    }
    if (!ext.message.empty()) {
        base.message = std::move(ext.message);
    }
    if (ext.has_fix) {
        base.fix = std::move(ext.fix);
        base.has_fix = true;
    }
    if (!ext.help.empty()) {
        base.help = std::move(ext.help);
    }
    if (ext.severity_set) {
        base.severity = ext.severity;
        base.severity_set = true;
    }
    if (ext.scope != "any") {
        base.scope = std::move(ext.scope);
    }
    if (!ext.languages.empty()) {
        base.languages = std::move(ext.languages);
    }
    if (ext.min_file_size != 0) {
        base.min_file_size = ext.min_file_size;
    }
    base.skip_report = base.skip_report || ext.skip_report;
    append(base.keywords, std::move(ext.keywords));
    append(base.tags, std::move(ext.tags));
    append(base.allowlists, std::move(ext.allowlists));
    append(base.required, std::move(ext.required));
    append(base.examples, std::move(ext.examples));
}

} // namespace

std::vector<std::string> merge_into(RuleFile& base, RuleFile ext, bool protect_secrets,
                                    std::vector<std::string>& warnings) {
    std::vector<std::string> merged;
    std::set<std::string> protected_ids;
    if (protect_secrets) {
        for (const auto& r : base.rules) {
            if (r.category == "secret") {
                protected_ids.insert(r.id);
            }
        }
    }
    const std::string& where = ext.extend.source.empty() ? ext.source : ext.extend.source;
    for (const auto& id : ext.extend.disabled_rules) {
        auto it = std::find_if(base.rules.begin(), base.rules.end(),
                               [&](const Rule& r) { return r.id == id; });
        if (it == base.rules.end()) {
            warnings.push_back(where + ": disabledRules names '" + id +
                               "', which is not a rule of the extended configuration");
        } else if (protected_ids.count(id)) {
            warnings.push_back(where + ": not disabling secret rule '" + id +
                               "': a repository's configuration cannot weaken secret rules in CI");
        } else {
            base.rules.erase(it);
        }
    }
    for (auto& rule : ext.rules) {
        auto it = std::find_if(base.rules.begin(), base.rules.end(),
                               [&](const Rule& r) { return r.id == rule.id; });
        if (it == base.rules.end()) {
            base.rules.push_back(std::move(rule));
        } else if (protected_ids.count(rule.id)) {
            warnings.push_back(rule.source + ": not changing secret rule '" + rule.id +
                               "': a repository's configuration cannot weaken secret rules in CI");
        } else {
            merged.push_back(rule.id);
            merge_rule(*it, std::move(rule));
        }
    }
    for (auto& allowlist : ext.allowlists) {
        if (protected_ids.empty()) {
            base.allowlists.push_back(std::move(allowlist));
            continue;
        }
        // In CI a repository's global allowlist may cover every rule except the default
        // secret rules: make it a targeted one.
        std::vector<std::string> targets;
        if (allowlist.target_rules.empty()) {
            const auto& cats = allowlist.categories;
            for (const auto& r : base.rules) {
                bool in_scope =
                    cats.empty() || std::find(cats.begin(), cats.end(), r.category) != cats.end();
                if (in_scope && !protected_ids.count(r.id)) {
                    targets.push_back(r.id);
                }
            }
        } else {
            for (auto& id : allowlist.target_rules) {
                if (!protected_ids.count(id)) {
                    targets.push_back(std::move(id));
                }
            }
        }
        warnings.push_back(allowlist.source +
                           ": this allowlist does not apply to the default secret rules: a "
                           "repository's configuration cannot weaken secret rules in CI");
        allowlist.categories.clear();
        if (!targets.empty()) {
            allowlist.target_rules = std::move(targets);
            base.allowlists.push_back(std::move(allowlist));
        }
    }
    base.source = ext.source;
    base.extend = Extend{};
    return merged;
}

} // namespace vigil::rules::detail
