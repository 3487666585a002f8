// A port of hash() in github/codeql-action src/fingerprints.ts. The names follow it so the two
// can be read side by side; any difference in the output is a bug here.
#include <array>
#include <unordered_map>
#include <vigil/report/line_hash.hpp>

namespace vigil::report {
namespace {

constexpr size_t k_block_size = 100;
constexpr uint64_t k_mod = 37;
constexpr uint32_t k_tab = '\t';
constexpr uint32_t k_space = ' ';
constexpr uint32_t k_lf = '\n';
constexpr uint32_t k_cr = '\r';
constexpr uint32_t k_eof = 65535; // what codeql-action feeds after the last character

std::string to_hex(uint64_t value) {
    // Long.toUnsigned().toString(16): lower case, no leading zeros.
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    do {
        out.insert(out.begin(), k_digits[value & 0xF]);
        value >>= 4;
    } while (value != 0);
    return out;
}

class Hasher {
public:
    Hasher() {
        m_line_numbers.fill(-1);
        for (size_t i = 0; i < k_block_size; ++i) {
            m_first_mod *= k_mod; // unsigned arithmetic wraps like Long's 64-bit two's complement
        }
    }

    void process_character(uint32_t current) {
        // Skip tabs, spaces, and line feeds that come directly after a carriage return.
        if (current == k_space || current == k_tab || (m_prev_cr && current == k_lf)) {
            m_prev_cr = false;
            return;
        }
        if (current == k_cr) {
            current = k_lf;
            m_prev_cr = true;
        } else {
            m_prev_cr = false;
        }
        if (m_line_numbers[m_index] != -1) {
            output_hash();
        }
        if (m_line_start) {
            m_line_start = false;
            ++m_line_number;
            m_line_numbers[m_index] = m_line_number;
        }
        if (current == k_lf) {
            m_line_start = true;
        }
        update_hash(current);
    }

    std::vector<std::string> finish() {
        process_character(k_eof);
        for (size_t i = 0; i < k_block_size; ++i) {
            if (m_line_numbers[m_index] != -1) {
                output_hash();
            }
            update_hash(0);
        }
        return std::move(m_hashes);
    }

private:
    void output_hash() {
        uint32_t count = ++m_hash_counts[m_hash_raw];
        auto line = size_t(m_line_numbers[m_index]);
        if (m_hashes.size() < line) {
            m_hashes.resize(line);
        }
        m_hashes[line - 1] = to_hex(m_hash_raw) + ':' + std::to_string(count);
        m_line_numbers[m_index] = -1;
    }

    void update_hash(uint32_t current) {
        uint32_t begin = m_window[m_index];
        m_window[m_index] = current;
        m_hash_raw = k_mod * m_hash_raw + current - m_first_mod * begin;
        m_index = (m_index + 1) % k_block_size;
    }

    std::array<uint32_t, k_block_size> m_window{};
    std::array<int64_t, k_block_size> m_line_numbers{};
    uint64_t m_hash_raw = 0;
    uint64_t m_first_mod = 1;
    size_t m_index = 0;
    int64_t m_line_number = 0;
    bool m_line_start = true;
    bool m_prev_cr = false;
    std::unordered_map<uint64_t, uint32_t> m_hash_counts;
    std::vector<std::string> m_hashes;
};

} // namespace

size_t utf16_length(std::string_view bytes) {
    size_t n = 0;
    for_each_utf16_unit(bytes, [&](char16_t) { ++n; });
    return n;
}

std::vector<std::string> line_hashes(std::string_view text) {
    Hasher hasher;
    for_each_utf16_unit(text, [&](char16_t unit) { hasher.process_character(unit); });
    return hasher.finish();
}

} // namespace vigil::report
