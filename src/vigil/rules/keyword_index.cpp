#include "keyword_index.hpp"

#include <cstring>

namespace vigil::rules::detail {

void KeywordIndex::add(const std::string& keyword) {
    size_t index = m_keywords.size();
    m_keywords.push_back(keyword);
    if (keyword.size() == 1) {
        m_single_byte.push_back(index);
        return;
    }
    uint16_t pair = pair_at(keyword, 0);
    m_starts.set(pair);
    m_by_pair[pair].push_back(index);
}

void KeywordIndex::find(std::string_view text, std::vector<bool>& found) const {
    found.assign(m_keywords.size(), false);
    for (size_t k : m_single_byte) {
        found[k] = text.find(m_keywords[k][0]) != std::string_view::npos;
    }
    if (m_by_pair.empty() || text.size() < 2) {
        return;
    }
    size_t remaining = m_keywords.size() - m_single_byte.size();
    for (size_t i = 0; i + 1 < text.size() && remaining > 0; ++i) {
        uint16_t pair = pair_at(text, i);
        if (!m_starts.test(pair)) {
            continue;
        }
        for (size_t k : m_by_pair.at(pair)) {
            const std::string& word = m_keywords[k];
            if (!found[k] && word.size() <= text.size() - i &&
                std::memcmp(text.data() + i, word.data(), word.size()) == 0) {
                found[k] = true;
                --remaining;
            }
        }
    }
}

} // namespace vigil::rules::detail
