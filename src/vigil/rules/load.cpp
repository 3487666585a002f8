// Building a RuleSet: the default packs, rule files and their [extend] chains.
#include "compiled.hpp"
#include "pack_format.hpp"
#include "rule_file.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace vigil::rules {
using detail::RuleFile;

namespace {

constexpr int k_max_extend_depth = 2; // as gitleaks

// The built-in packs as one file, as checked at build time.
RuleFile default_file() {
    auto file =
        detail::deserialize_pack({detail::k_default_pack_data, detail::k_default_pack_size});
    if (!file) {
        throw util::Abort{file.error()}; // only a broken build gets here
    }
    // The built-in rules are written so that each match holds one of the rule's keywords;
    // those that cannot cross a line break need to run only on the lines holding a keyword.
    for (auto& r : file->rules) {
        r.keyword_lines = !r.regex.empty() && !r.keywords.empty() && stays_on_one_line(r.regex);
    }
    return std::move(*file);
}

util::Expected<std::string> read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return util::config_error("cannot read rule file " + file.string(),
                                  "check the path given to --config or [extend] path");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::filesystem::path resolve_extend_path(const std::string& path,
                                          const std::filesystem::path& base_dir) {
    std::filesystem::path p(path);
    if (p.is_absolute() || base_dir.empty()) {
        return p;
    }
    std::error_code ec;
    if (std::filesystem::exists(base_dir / p, ec)) {
        return base_dir / p;
    }
    return p; // gitleaks resolves against the working directory
}

struct Loading {
    const LoadOptions& options;
    std::vector<std::string> problems;
    std::vector<std::string> warnings;
    bool used_defaults = false;

    RuleFile load(std::string_view text, const std::string& source,
                  const std::filesystem::path& base_dir, int depth) {
        RuleFile file = detail::parse_rule_file(text, source, options.compile_now, problems);
        if (!problems.empty()) {
            return file;
        }
        const auto& extend = file.extend;
        RuleFile base;
        if (extend.use_default) {
            used_defaults = true;
            base = default_file();
        } else if (!extend.path.empty()) {
            if (depth >= k_max_extend_depth) {
                problems.push_back(extend.source + ": [extend] goes deeper than " +
                                   std::to_string(k_max_extend_depth) + " files");
                return file;
            }
            auto path = resolve_extend_path(extend.path, base_dir);
            auto base_text = read_text(path);
            if (!base_text) {
                problems.push_back(extend.source + ": [extend] path: " + base_text.error().message);
                return file;
            }
            base = load(*base_text, path.string(), path.parent_path(), depth + 1);
        } else {
            return file;
        }
        auto merged =
            detail::merge_into(base, std::move(file), options.protect_default_secrets, warnings);
        if (options.compile_now) {
            check_merged_groups(base, merged);
        }
        return base;
    }

    // A secretGroup and a regex from different files must still fit (gitleaks validates the
    // assembled rule).
    void check_merged_groups(const RuleFile& file, const std::vector<std::string>& ids) {
        for (const auto& r : file.rules) {
            if (r.regex.empty() || r.secret_group == 0 ||
                std::find(ids.begin(), ids.end(), r.id) == ids.end()) {
                continue;
            }
            auto re = detail::compile_regex(r.regex);
            if (re && r.secret_group > re->NumberOfCapturingGroups()) {
                problems.push_back(r.source + ": secretGroup " + std::to_string(r.secret_group) +
                                   " is out of range for the merged rule: its regex has " +
                                   std::to_string(re->NumberOfCapturingGroups()) + " groups [" +
                                   r.id + "]");
            }
        }
    }

    // In CI a repository's configuration cannot drop the default secret rules, even when it
    // does not extend them.
    RuleFile load_top(std::string_view text, const std::string& source,
                      const std::filesystem::path& base_dir) {
        RuleFile file = load(text, source, base_dir, 0);
        if (!problems.empty() || !options.protect_default_secrets || used_defaults) {
            return file;
        }
        warnings.push_back(source + ": in CI the default secret rules stay on under a repository's "
                                    "configuration (as with [extend] useDefault = true)");
        RuleFile base = default_file();
        auto merged = detail::merge_into(base, std::move(file), true, warnings);
        if (options.compile_now) {
            check_merged_groups(base, merged);
        }
        return base;
    }
};

util::Expected<std::shared_ptr<RuleSet::Impl>> build(RuleFile file,
                                                     std::vector<std::string> warnings) {
    auto impl = std::make_shared<RuleSet::Impl>();
    for (auto& r : file.rules) {
        impl->rules.push_back(std::make_unique<detail::CompiledRule>(std::move(r)));
    }
    impl->global_specs = std::move(file.allowlists);
    impl->warnings = std::move(warnings);
    VIGIL_TRY(impl->finish());
    return impl;
}

util::Expected<void> fail_with(const std::vector<std::string>& problems) {
    std::string message;
    for (size_t i = 0; i < problems.size(); ++i) {
        message += (i ? "\n" : "") + problems[i];
    }
    return util::config_error(std::move(message), "fix the rule file and try again");
}

} // namespace

util::Expected<void> RuleSet::Impl::finish() {
    std::map<std::string, size_t> by_id;
    for (size_t i = 0; i < rules.size(); ++i) {
        by_id[rules[i]->rule.id] = i;
    }
    std::vector<std::string> problems;
    required.clear();
    global_allowlists.clear();
    aimed_allowlists.clear();
    for (const auto& spec : global_specs) {
        if (spec.target_rules.empty() && spec.categories.empty()) {
            global_allowlists.emplace_back(spec);
            continue;
        }
        // Compiled once, however many rules it is aimed at.
        aimed_allowlists.push_back(std::make_unique<detail::Allowlist>(spec));
        const detail::Allowlist* shared = aimed_allowlists.back().get();
        for (const auto& r : rules) {
            const auto& cats = spec.categories;
            if (std::find(cats.begin(), cats.end(), r->rule.category) != cats.end()) {
                r->shared.push_back(shared);
            }
        }
        for (const auto& id : spec.target_rules) {
            auto it = by_id.find(id);
            if (it == by_id.end()) {
                problems.push_back(spec.source + ": targetRules names unknown rule '" + id + "'");
            } else {
                rules[it->second]->shared.push_back(shared);
            }
        }
    }
    for (const auto& r : rules) {
        const Rule& rule = r->rule;
        if (rule.regex.empty() && rule.path.empty() && rule.min_file_size == 0) {
            problems.push_back(rule.source +
                               ": rule needs a 'regex', a 'path' or both (it "
                               "extends no rule that has them) [" +
                               rule.id + "]");
        }
        required.emplace_back();
        for (const auto& q : r->rule.required) {
            if (auto it = by_id.find(q.id); it != by_id.end()) {
                required.back().push_back(it->second);
            }
            if (!by_id.count(q.id)) {
                problems.push_back(r->rule.source + ": required rule '" + q.id +
                                   "' does not exist [" + r->rule.id + "]");
            }
        }
    }
    if (!problems.empty()) {
        return fail_with(problems);
    }
    keywords = {};
    rules_without_keywords.clear();
    file_rules.clear();
    for (size_t i = 0; i < rules.size(); ++i) {
        const Rule& r = rules[i]->rule;
        if (r.regex.empty()) {
            file_rules.push_back(i);
            continue;
        }
        if (r.keywords.empty()) {
            rules_without_keywords.push_back(i);
        }
        for (const auto& k : r.keywords) {
            keywords.add(k, uint32_t(i));
        }
    }
    keywords.build();
    return {};
}

RuleSet::RuleSet(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

util::Expected<RuleSet> RuleSet::from_toml(std::string_view text, const std::string& source,
                                           const LoadOptions& options,
                                           const std::filesystem::path& base_dir) {
    Loading loading{options, {}, {}};
    RuleFile file = loading.load_top(text, source, base_dir);
    if (!loading.problems.empty()) {
        return std::unexpected(fail_with(loading.problems).error());
    }
    auto impl = VIGIL_TRY(build(std::move(file), std::move(loading.warnings)));
    return RuleSet(std::move(impl));
}

util::Expected<RuleSet> RuleSet::from_file(const std::filesystem::path& file,
                                           const LoadOptions& options) {
    auto text = read_text(file);
    if (!text) {
        return std::unexpected(text.error());
    }
    return from_toml(*text, file.string(), options, file.parent_path());
}

util::Expected<RuleSet> RuleSet::defaults() {
    auto impl = VIGIL_TRY(build(default_file(), {}));
    return RuleSet(std::move(impl));
}

util::Expected<size_t> RuleSet::check_defaults() {
    // The TOML was checked when the binary was built; what can still fail is a regex the RE2
    // library found at run time rejects.
    RuleFile file = default_file();
    std::vector<std::string> problems;
    std::map<std::string, std::string> seen;
    auto check = [&](const std::string& pattern, const Rule& r, const char* what) {
        std::string error;
        if (!pattern.empty() && !detail::compile_regex(pattern, &error)) {
            problems.push_back(r.source + ": invalid " + what + ": " + error + " [" + r.id + "]");
        }
    };
    for (const auto& r : file.rules) {
        if (auto [it, added] = seen.emplace(r.id, r.source); !added) {
            problems.push_back(r.source + ": rule id '" + r.id + "' is also used at " + it->second +
                               " [" + r.id + "]");
        }
        check(r.regex, r, "regex");
        check(r.path, r, "path regex");
        for (const auto& a : r.allowlists) {
            for (const auto& x : a.regexes) {
                check(x, r, "allowlist regex");
            }
            for (const auto& x : a.paths) {
                check(x, r, "allowlist path regex");
            }
        }
    }
    if (!problems.empty()) {
        return std::unexpected(fail_with(problems).error());
    }
    auto all = VIGIL_TRY(defaults()); // targetRules and required ids across packs
    return all.size();
}

RuleSet RuleSet::subset(const std::vector<size_t>& indices) const {
    std::vector<bool> keep(size(), false);
    std::vector<size_t> pending = indices;
    while (!pending.empty()) {
        size_t i = pending.back();
        pending.pop_back();
        if (i >= size() || keep[i]) {
            continue;
        }
        keep[i] = true;
        for (const auto& q : rule(i).required) {
            for (size_t j : find(q.id)) {
                pending.push_back(j);
            }
        }
    }
    auto impl = std::make_shared<Impl>();
    for (size_t i = 0; i < size(); ++i) {
        if (keep[i]) {
            impl->rules.push_back(std::make_unique<detail::CompiledRule>(rule(i)));
        }
    }
    // Allowlists aimed at rules left out here are aimed at those that remain, or dropped.
    for (auto spec : m_impl->global_specs) {
        bool aimed = !spec.target_rules.empty();
        std::erase_if(spec.target_rules, [&](const std::string& id) {
            return std::none_of(impl->rules.begin(), impl->rules.end(),
                                [&](const auto& r) { return r->rule.id == id; });
        });
        if (!aimed || !spec.target_rules.empty() || !spec.categories.empty()) {
            impl->global_specs.push_back(std::move(spec));
        }
    }
    (void)impl->finish();
    return RuleSet(std::move(impl));
}

size_t RuleSet::size() const {
    return m_impl->rules.size();
}
const Rule& RuleSet::rule(size_t index) const {
    return m_impl->rules[index]->rule;
}
std::vector<size_t> RuleSet::find(std::string_view id) const {
    std::vector<size_t> out;
    for (size_t i = 0; i < size(); ++i) {
        if (rule(i).id == id) {
            out.push_back(i);
        }
    }
    return out;
}
const std::vector<size_t>& RuleSet::required_rules(size_t index) const {
    return m_impl->required[index];
}
const std::vector<size_t>& RuleSet::file_rules() const {
    return m_impl->file_rules;
}
const std::vector<std::string>& RuleSet::warnings() const {
    return m_impl->warnings;
}
std::vector<AllowlistSpec> RuleSet::global_allowlists() const {
    return m_impl->global_specs;
}

} // namespace vigil::rules
