// rules (module-private): finds which of many keywords occur in a text in one pass.
//
// A table of the keywords' first two bytes rejects almost every position with one bit test;
// only positions whose two bytes start some keyword are compared in full. (The full engine
// may replace this with Aho-Corasick; the interface stays.)
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil::rules::detail {

class KeywordIndex {
public:
    // Keywords must be lower-case and non-empty; duplicates are fine.
    void add(const std::string& keyword);

    // found[i] is set for every added keyword i (in order of add) that occurs in text.
    void find(std::string_view text, std::vector<bool>& found) const;

    size_t size() const { return m_keywords.size(); }

private:
    static uint16_t pair_at(std::string_view text, size_t i) {
        return uint16_t((uint8_t(text[i]) << 8) | uint8_t(text[i + 1]));
    }

    std::vector<std::string> m_keywords;
    std::vector<size_t> m_single_byte; // keywords one byte long
    std::bitset<65536> m_starts;
    std::unordered_map<uint16_t, std::vector<size_t>> m_by_pair;
};

} // namespace vigil::rules::detail
