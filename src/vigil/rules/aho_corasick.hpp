// rules (module-private): finds which of many keywords occur in a text, in one pass.
//
// A classic Aho-Corasick automaton turned into a full transition table over a compressed
// alphabet: each byte of the text costs one table lookup, whatever the number of keywords.
// ASCII letters are folded to lower case by the alphabet map, so the text needs no copy.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::rules::detail {

class AhoCorasick {
public:
    // Keywords are matched ignoring ASCII case; empty keywords are ignored. `value` is what
    // scan reports for it (several keywords may share one).
    void add(std::string_view keyword, uint32_t value);
    void build();
    bool empty() const { return m_values.empty(); }

    // Calls on_value(value) for each keyword occurrence in text (repeats included).
    template <class F> void scan(std::string_view text, F&& on_value) const {
        if (m_values.empty()) {
            return;
        }
        uint32_t state = 0;
        const uint32_t* delta = m_delta.data();
        for (unsigned char byte : text) {
            state = delta[state * m_classes + m_class_of[byte]];
            if (m_output_begin[state] != m_output_begin[state + 1]) {
                for (uint32_t i = m_output_begin[state]; i < m_output_begin[state + 1]; ++i) {
                    on_value(m_outputs[i]);
                }
            }
        }
    }

private:
    struct Node {
        std::array<int32_t, 256> next; // by byte class during build; -1: none
        uint32_t fail = 0;
        std::vector<uint32_t> values;
    };
    std::vector<std::pair<std::string, uint32_t>> m_values;
    std::array<uint8_t, 256> m_class_of{};
    uint32_t m_classes = 1;
    std::vector<uint32_t> m_delta;        // state * classes + class -> state
    std::vector<uint32_t> m_output_begin; // per state (+1 sentinel) into m_outputs
    std::vector<uint32_t> m_outputs;
};

} // namespace vigil::rules::detail
