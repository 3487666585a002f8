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

    // Calls on_value(value, end) for each keyword occurrence in text, `end` being the offset
    // just past it (repeats included; an occurrence may be reported more than once, and not
    // in text order).
    template <class F> void scan(std::string_view text, F&& on_value) const {
        if (m_values.empty()) {
            return;
        }
        // Each byte's transition depends on the previous one, so a single walk waits on one
        // table load per byte. Long texts are cut into k_ways pieces (overlapping by the longest
        // keyword, so no occurrence is lost at a cut) walked in lock-step: the loads overlap.
        constexpr size_t k_ways = 4;
        if (text.size() < 4096 || m_longest > text.size() / (2 * k_ways)) {
            walk(text, text.data(), 0, on_value);
            return;
        }
        size_t piece = text.size() / k_ways;
        size_t overlap = m_longest - 1;
        const unsigned char* pos[k_ways];
        const unsigned char* end[k_ways];
        const auto* data = reinterpret_cast<const unsigned char*>(text.data());
        for (size_t w = 0; w < k_ways; ++w) {
            pos[w] = data + (w == 0 ? 0 : w * piece - overlap);
            end[w] = data + (w + 1 == k_ways ? text.size() : (w + 1) * piece);
        }
        uint32_t row[k_ways] = {};
        size_t steps = piece; // every piece is at least this long
        for (size_t i = 0; i < steps; ++i) {
            for (size_t w = 0; w < k_ways; ++w) {
                row[w] = step(row[w], pos[w], data, on_value);
                ++pos[w];
            }
        }
        for (size_t w = 0; w < k_ways; ++w) {
            walk(std::string_view(reinterpret_cast<const char*>(pos[w]), size_t(end[w] - pos[w])),
                 text.data(), row[w], on_value);
        }
    }

private:
    static constexpr uint32_t k_output = 0x80000000u;

    // A transition holds the target state's row offset, with k_output set when the target
    // state ends a keyword: one load per byte, and a branch that is almost never taken.
    template <class F>
    uint32_t step(uint32_t row, const unsigned char* at, const unsigned char* base,
                  F& on_value) const {
        uint32_t next = m_delta[row + m_class_of[*at]];
        row = next & ~k_output;
        if (next & k_output) [[unlikely]] {
            uint32_t state = row / m_classes;
            for (uint32_t i = m_output_begin[state]; i < m_output_begin[state + 1]; ++i) {
                on_value(m_outputs[i], uint32_t(at - base + 1));
            }
        }
        return row;
    }

    // Walks `text`, a piece of the text starting at `base`, from state row `row`.
    template <class F>
    void walk(std::string_view text, const char* base, uint32_t row, F& on_value) const {
        const auto* at = reinterpret_cast<const unsigned char*>(text.data());
        const auto* start = reinterpret_cast<const unsigned char*>(base);
        for (const auto* end = at + text.size(); at < end; ++at) {
            row = step(row, at, start, on_value);
        }
    }

    std::vector<std::pair<std::string, uint32_t>> m_values;
    std::array<uint8_t, 256> m_class_of{};
    uint32_t m_classes = 1;
    size_t m_longest = 1;                 // bytes of the longest keyword
    std::vector<uint32_t> m_delta;        // row + class -> next row (| k_output)
    std::vector<uint32_t> m_output_begin; // per state (+1 sentinel) into m_outputs
    std::vector<uint32_t> m_outputs;
};

} // namespace vigil::rules::detail
