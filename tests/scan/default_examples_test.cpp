// The built-in packs: complete, and every rule's own examples pass through the real scanner
// (what `vigil rules test` runs).
#include <gtest/gtest.h>
#include <map>
#include <vigil/scan/examples.hpp>

namespace vigil::test {
namespace {

rules::RuleSet defaults() {
    auto loaded = rules::RuleSet::defaults();
    if (!loaded) {
        ADD_FAILURE() << loaded.error().describe();
        std::abort();
    }
    return std::move(*loaded);
}

TEST(DefaultPacks, CheckCleanly) {
    auto count = rules::RuleSet::check_defaults();
    ASSERT_TRUE(count) << count.error().describe();
    EXPECT_EQ(*count, defaults().size());
}

TEST(DefaultPacks, HaveTheRulesEachCategoryPromises) {
    auto rules = defaults();
    std::map<std::string, size_t> per_category;
    for (size_t i = 0; i < rules.size(); ++i) {
        ++per_category[rules.rule(i).category];
    }
    EXPECT_GE(per_category["secret"], 150u);
    EXPECT_GE(per_category["safety"], 40u);
    EXPECT_GE(per_category["hygiene"], 12u);
}

TEST(DefaultPacks, EveryRuleHasMatchAndNomatchExamplesAndHelp) {
    auto rules = defaults();
    for (size_t i = 0; i < rules.size(); ++i) {
        const auto& r = rules.rule(i);
        if (r.min_file_size > 0) {
            continue; // judged by size; covered by the scanner's tests
        }
        size_t match = 0;
        size_t nomatch = 0;
        for (const auto& e : r.examples) {
            ++(e.should_match ? match : nomatch);
        }
        EXPECT_GE(match, 1u) << r.id << " (" << r.source << ")";
        EXPECT_GE(nomatch, 1u) << r.id << " (" << r.source << ")";
        EXPECT_FALSE(r.help.empty()) << r.id;
        EXPECT_FALSE(r.description.empty() && r.message.empty()) << r.id;
        if (r.category != "hygiene" && !r.is_path_only()) {
            EXPECT_FALSE(r.keywords.empty()) << r.id << " would run on every fragment";
        }
    }
}

TEST(DefaultPacks, EveryExamplePasses) {
    auto rules = defaults();
    size_t examples = 0;
    for (size_t i = 0; i < rules.size(); ++i) {
        for (const auto& result : scan::run_examples(rules, i)) {
            ++examples;
            EXPECT_TRUE(result.passed())
                << rules.rule(i).id << ": " << (result.example->should_match ? "match" : "nomatch")
                << " example at " << result.example->source << " as " << result.path << " gave "
                << result.findings << " findings:\n"
                << result.example->text;
        }
    }
    EXPECT_GT(examples, 2 * rules.size() - 10);
}

} // namespace
} // namespace vigil::test
