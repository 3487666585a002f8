#include "aho_corasick.hpp"

#include <algorithm>
#include <deque>

namespace vigil::rules::detail {
namespace {

unsigned char lower(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

} // namespace

void AhoCorasick::add(std::string_view keyword, uint32_t value) {
    if (!keyword.empty()) {
        m_values.emplace_back(std::string(keyword), value);
    }
}

void AhoCorasick::build() {
    // Alphabet: one class per distinct (lower-cased) byte of any keyword, class 0 for the rest.
    m_class_of.fill(0);
    m_classes = 1;
    for (const auto& [word, value] : m_values) {
        for (unsigned char c : word) {
            unsigned char l = lower(c);
            if (m_class_of[l] == 0) {
                m_class_of[l] = uint8_t(m_classes++);
            }
        }
    }
    for (int c = 'A'; c <= 'Z'; ++c) {
        m_class_of[size_t(c)] = m_class_of[size_t(lower(uint8_t(c)))];
    }

    m_longest = 1;
    for (const auto& [word, value] : m_values) {
        m_longest = std::max(m_longest, word.size());
    }
    // The trie as a flat goto table (node * classes + class -> child, 0: none).
    size_t most_states = 1;
    for (const auto& [word, value] : m_values) {
        most_states += word.size();
    }
    std::vector<uint32_t> child;
    child.reserve(most_states * m_classes); // one allocation: this runs on every start-up
    child.assign(m_classes, 0);
    std::vector<std::vector<uint32_t>> values(1);
    values.reserve(most_states);
    for (const auto& [word, value] : m_values) {
        uint32_t state = 0;
        for (unsigned char c : word) {
            uint32_t& next = child[size_t(state) * m_classes + m_class_of[lower(c)]];
            if (next == 0) {
                next = uint32_t(values.size());
                values.emplace_back();
                child.resize(child.size() + m_classes, 0);
            }
            state = child[size_t(state) * m_classes + m_class_of[lower(c)]];
        }
        values[state].push_back(value);
    }
    size_t count = values.size();

    // Breadth-first: failure links, inherited outputs, and the full transition table.
    std::vector<uint32_t> fail(count, 0);
    m_delta.assign(count * m_classes, 0);
    std::deque<uint32_t> queue;
    for (uint32_t cls = 0; cls < m_classes; ++cls) {
        if (uint32_t c = child[cls]; c != 0) {
            m_delta[cls] = c;
            queue.push_back(c);
        }
    }
    while (!queue.empty()) {
        uint32_t state = queue.front();
        queue.pop_front();
        const auto& inherited = values[fail[state]];
        values[state].insert(values[state].end(), inherited.begin(), inherited.end());
        for (uint32_t cls = 0; cls < m_classes; ++cls) {
            uint32_t c = child[size_t(state) * m_classes + cls];
            uint32_t via_fail = m_delta[size_t(fail[state]) * m_classes + cls];
            if (c != 0) {
                fail[c] = via_fail;
                m_delta[size_t(state) * m_classes + cls] = c;
                queue.push_back(c);
            } else {
                m_delta[size_t(state) * m_classes + cls] = via_fail;
            }
        }
    }

    // Rows instead of state numbers, and the output flag, for scan's inner loop.
    for (auto& next : m_delta) {
        bool output = !values[next].empty();
        next = next * m_classes | (output ? k_output : 0);
    }

    m_output_begin.assign(count + 1, 0);
    m_outputs.clear();
    for (size_t s = 0; s < count; ++s) {
        m_output_begin[s] = uint32_t(m_outputs.size());
        m_outputs.insert(m_outputs.end(), values[s].begin(), values[s].end());
    }
    m_output_begin[count] = uint32_t(m_outputs.size());
}

} // namespace vigil::rules::detail
