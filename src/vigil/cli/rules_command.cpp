#include "rules_command.hpp"

#include "exit_code.hpp"
#include "terminal.hpp"

#include <iostream>
#include <vigil/config/rule_config.hpp>
#include <vigil/git/repository.hpp>
#include <vigil/scan/examples.hpp>
#include <vigil/util/env.hpp>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

void print_warnings(const rules::RuleSet& rules) {
    for (const auto& w : rules.warnings()) {
        print_warning(w);
    }
}

// Example texts are shown shortened and on one line.
std::string shown_example(std::string_view text) {
    constexpr size_t k_max = 72;
    std::string out;
    for (char c : text.substr(0, k_max)) {
        out += c == '\n' ? ' ' : c;
    }
    return util::printable(out) + (text.size() > k_max ? "…" : "");
}

int check(const RulesRequest& r) {
    if (r.files.empty()) {
        auto count = rules::RuleSet::check_defaults();
        if (!count) {
            print_error(count.error());
            return k_exit_usage;
        }
        std::cout << "built-in rules: " << *count << " rules, no problems\n";
        return k_exit_clean;
    }
    bool failed = false;
    size_t total = 0;
    for (const auto& file : r.files) {
        auto rules = rules::RuleSet::from_file(file);
        if (!rules) {
            print_error(rules.error());
            failed = true;
            continue;
        }
        print_warnings(*rules);
        for (size_t i = 0; i < rules->size(); ++i) {
            for (const auto& w : rules::lint(rules->rule(i))) {
                print_warning(w);
            }
        }
        total += rules->size();
        std::cout << util::printable(file) << ": " << rules->size() << " rules, no problems\n";
    }
    if (failed) {
        return k_exit_usage;
    }
    if (r.files.size() > 1) {
        std::cout << r.files.size() << " files, " << total << " rules, no problems\n";
    }
    return k_exit_clean;
}

void test_set(const rules::RuleSet& rules, size_t& failures, size_t& examples, size_t& untested) {
    for (size_t i = 0; i < rules.size(); ++i) {
        const rules::Rule& rule = rules.rule(i);
        if (rule.examples.empty()) {
            ++untested;
            continue;
        }
        for (const auto& result : scan::run_examples(rules, i)) {
            ++examples;
            if (result.passed()) {
                continue;
            }
            ++failures;
            const auto& ex = *result.example;
            std::string what =
                ex.should_match
                    ? "match example gave no finding"
                    : "nomatch example gave " + std::to_string(result.findings) + " finding(s)";
            std::cout << util::printable(ex.source) << ": " << what << " [" << rule.id << "] (as "
                      << util::printable(result.path) << "): " << shown_example(ex.text) << '\n';
        }
    }
}

int test(const RulesRequest& r) {
    size_t failures = 0;
    size_t examples = 0;
    size_t untested = 0;
    size_t rule_count = 0;
    if (r.files.empty()) {
        auto rules = rules::RuleSet::defaults();
        if (!rules) {
            print_error(rules.error());
            return k_exit_usage;
        }
        rule_count = rules->size();
        test_set(*rules, failures, examples, untested);
    }
    for (const auto& file : r.files) {
        auto rules = rules::RuleSet::from_file(file);
        if (!rules) {
            print_error(rules.error());
            return k_exit_usage;
        }
        print_warnings(*rules);
        rule_count += rules->size();
        test_set(*rules, failures, examples, untested);
    }
    std::cout << rule_count << " rules, " << examples << " examples: "
              << (failures ? std::to_string(failures) + " failed" : std::string("all passed"));
    if (untested) {
        std::cout << "; " << untested << " rules have no examples";
    }
    std::cout << '\n';
    return failures ? k_exit_findings : k_exit_clean;
}

int list(const RulesRequest& r) {
    std::string root = r.repo_dir;
    if (auto repo = git::Repository::open({r.repo_dir, true}); repo && !repo->workdir().empty()) {
        root = repo->workdir();
    }
    auto loaded = config::load_rule_config({r.config, root, util::running_in_ci()});
    if (!loaded) {
        print_error(loaded.error());
        return exit_code_for(loaded.error());
    }
    print_warnings(loaded->rules);
    const auto& rules = loaded->rules;
    size_t width = 4;
    for (size_t i = 0; i < rules.size(); ++i) {
        width = std::max(width, rules.rule(i).id.size());
    }
    for (size_t i = 0; i < rules.size(); ++i) {
        const auto& rule = rules.rule(i);
        std::string id = rule.id;
        id.resize(width, ' ');
        std::string category = rule.category;
        category.resize(std::max<size_t>(category.size(), 8), ' ');
        std::string severity(core::to_string(rule.severity));
        severity.resize(7, ' ');
        std::cout << util::printable(id) << "  " << util::printable(category) << "  " << severity
                  << "  " << util::printable(rule.description) << '\n';
    }
    std::cerr << rules.size() << " rules from " << util::printable(loaded->origin) << '\n';
    return k_exit_clean;
}

} // namespace

int run_rules(const RulesRequest& request) {
    auto color = parse_color_mode(request.color);
    if (!color) {
        print_error(color.error());
        return k_exit_usage;
    }
    set_diagnostics_color(*color);
    if (request.action == "check") {
        return check(request);
    }
    if (request.action == "test") {
        return test(request);
    }
    return list(request);
}

} // namespace vigil::cli
