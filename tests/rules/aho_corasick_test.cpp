// The one-pass keyword automaton behind the rule prefilter.
#include "../../src/vigil/rules/aho_corasick.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>

namespace vigil::rules::detail {
namespace {

// found[v] for every keyword value v that occurs in text.
std::vector<bool> found_in(const AhoCorasick& ac, std::string_view text, size_t values) {
    std::vector<bool> found(values, false);
    ac.scan(text, [&](uint32_t v, uint32_t) { found[v] = true; });
    return found;
}

AhoCorasick build(std::initializer_list<const char*> words) {
    AhoCorasick ac;
    uint32_t value = 0;
    for (const char* w : words) {
        ac.add(w, value++);
    }
    ac.build();
    return ac;
}

TEST(AhoCorasick, FindsEachKeywordAnywhereIncludingTheEdges) {
    auto ac = build({"akia", "ghp_", "-----begin", "x", "ak"});
    EXPECT_EQ(found_in(ac, "akia at the start", 5),
              (std::vector<bool>{true, false, false, false, true}));
    EXPECT_EQ(found_in(ac, "ends with ghp_", 5),
              (std::vector<bool>{false, true, false, false, false}));
    EXPECT_EQ(found_in(ac, "-----begin rsa\nx", 5),
              (std::vector<bool>{false, false, true, true, false}));
    EXPECT_EQ(found_in(ac, "", 5), (std::vector<bool>(5, false)));
    EXPECT_EQ(found_in(ac, "ak", 5), (std::vector<bool>{false, false, false, false, true}));
}

TEST(AhoCorasick, IgnoresAsciiCaseOfTheText) {
    auto ac = build({"akia", "-----begin"});
    EXPECT_EQ(found_in(ac, "AKIA and -----BEGIN", 2), (std::vector<bool>{true, true}));
    EXPECT_EQ(found_in(ac, "AkIa", 2), (std::vector<bool>{true, false}));
}

TEST(AhoCorasick, KeywordsInsideOtherKeywordsAndAfterFailedPrefixes) {
    // "she" contains "he"; "hers" starts after a failed "she" branch: the classic example.
    auto ac = build({"he", "she", "his", "hers"});
    EXPECT_EQ(found_in(ac, "ushers", 4), (std::vector<bool>{true, true, false, true}));
    EXPECT_EQ(found_in(ac, "shis", 4), (std::vector<bool>{false, false, true, false}));
    auto prefixes = build({"sk_live", "sk_test"});
    EXPECT_EQ(found_in(prefixes, "sk_sk_live", 2), (std::vector<bool>{true, false}));
    EXPECT_EQ(found_in(prefixes, "sk_liv", 2), (std::vector<bool>{false, false}));
}

TEST(AhoCorasick, SharedValuesAndNonAsciiBytes) {
    AhoCorasick ac;
    ac.add("password", 0);
    ac.add("passwd", 0);
    ac.add("pässword", 1);
    ac.build();
    EXPECT_EQ(found_in(ac, "my passwd", 2), (std::vector<bool>{true, false}));
    EXPECT_EQ(found_in(ac, "das pässword", 2), (std::vector<bool>{false, true}));
}

TEST(AhoCorasick, AgreesWithNaiveSearchOnRandomText) {
    std::mt19937 rng(7);
    std::vector<std::string> words = {"ab", "abc", "bca", "cab", "aaa", "b", "cc", "abcab"};
    AhoCorasick ac;
    for (size_t i = 0; i < words.size(); ++i) {
        ac.add(words[i], uint32_t(i));
    }
    ac.build();
    for (int round = 0; round < 200; ++round) {
        std::string text;
        size_t length = rng() % 12;
        for (size_t i = 0; i < length; ++i) {
            text += "abcABC"[rng() % 6];
        }
        std::string lower = text;
        for (char& c : lower) {
            c = char(std::tolower(static_cast<unsigned char>(c)));
        }
        std::vector<bool> expected;
        for (const auto& w : words) {
            expected.push_back(lower.find(w) != std::string::npos);
        }
        EXPECT_EQ(found_in(ac, text, words.size()), expected) << text;
    }
}

TEST(AhoCorasick, LongTextsFindKeywordsAcrossTheInternalCuts) {
    // Texts of 4 KiB and more are walked in pieces; a keyword at any offset, including across
    // a cut, must be found, and nothing else.
    AhoCorasick ac;
    ac.add("needle", 0);
    ac.add("-----begin", 1);
    ac.build();
    for (size_t size : {4096u, 4099u, 10000u}) {
        for (size_t at = 0; at + 10 <= size; at += 7) {
            std::string text(size, 'x');
            text.replace(at, 6, "NEEDLE");
            auto found = found_in(ac, text, 2);
            ASSERT_EQ(found, (std::vector<bool>{true, false})) << size << " at " << at;
        }
        std::string plain(size, 'n');
        EXPECT_EQ(found_in(ac, plain, 2), (std::vector<bool>{false, false}));
    }
}

TEST(AhoCorasick, ReportsWhereEachOccurrenceEnds) {
    auto ac = build({"key", "token"});
    for (size_t size : {20u, 9000u}) { // one walk, and pieces walked in lock-step
        std::string text(size, '.');
        text.replace(3, 3, "KEY");
        text.replace(size - 7, 5, "token");
        std::vector<std::pair<uint32_t, uint32_t>> seen;
        ac.scan(text, [&](uint32_t v, uint32_t end) { seen.emplace_back(v, end); });
        std::sort(seen.begin(), seen.end());
        seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
        EXPECT_EQ(seen,
                  (std::vector<std::pair<uint32_t, uint32_t>>{{0, 6}, {1, uint32_t(size - 2)}}))
            << size;
    }
}

} // namespace
} // namespace vigil::rules::detail
