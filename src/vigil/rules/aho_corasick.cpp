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
    std::vector<Node> nodes(1);
    nodes[0].next.fill(-1);
    for (const auto& [word, value] : m_values) {
        uint32_t state = 0;
        for (unsigned char c : word) {
            uint8_t cls = m_class_of[lower(c)];
            if (nodes[state].next[cls] < 0) {
                nodes[state].next[cls] = int32_t(nodes.size());
                nodes.emplace_back();
                nodes.back().next.fill(-1);
            }
            state = uint32_t(nodes[state].next[cls]);
        }
        nodes[state].values.push_back(value);
    }

    // Breadth-first: failure links, inherited outputs, and the full transition table.
    m_delta.assign(nodes.size() * m_classes, 0);
    std::deque<uint32_t> queue;
    for (uint32_t cls = 0; cls < m_classes; ++cls) {
        int32_t child = nodes[0].next[cls];
        if (child > 0) {
            nodes[size_t(child)].fail = 0;
            m_delta[cls] = uint32_t(child);
            queue.push_back(uint32_t(child));
        }
    }
    while (!queue.empty()) {
        uint32_t state = queue.front();
        queue.pop_front();
        Node& node = nodes[state];
        const Node& fail = nodes[node.fail];
        node.values.insert(node.values.end(), fail.values.begin(), fail.values.end());
        for (uint32_t cls = 0; cls < m_classes; ++cls) {
            int32_t child = node.next[cls];
            uint32_t via_fail = m_delta[size_t(node.fail) * m_classes + cls];
            if (child > 0) {
                nodes[size_t(child)].fail = via_fail;
                m_delta[size_t(state) * m_classes + cls] = uint32_t(child);
                queue.push_back(uint32_t(child));
            } else {
                m_delta[size_t(state) * m_classes + cls] = via_fail;
            }
        }
    }

    // Rows instead of state numbers, and the output flag, for scan's inner loop.
    for (auto& next : m_delta) {
        bool output = !nodes[next].values.empty();
        next = next * m_classes | (output ? k_output : 0);
    }

    m_output_begin.assign(nodes.size() + 1, 0);
    m_outputs.clear();
    for (size_t s = 0; s < nodes.size(); ++s) {
        m_output_begin[s] = uint32_t(m_outputs.size());
        m_outputs.insert(m_outputs.end(), nodes[s].values.begin(), nodes[s].values.end());
    }
    m_output_begin[nodes.size()] = uint32_t(m_outputs.size());
}

} // namespace vigil::rules::detail
