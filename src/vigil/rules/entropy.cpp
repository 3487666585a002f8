#include <array>
#include <cmath>
#include <map>
#include <vigil/rules/rule_set.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::rules {

double shannon_entropy(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    double inverse_length = 1.0 / double(text.size());
    double entropy = 0;
    auto add = [&](size_t count) {
        double p = double(count) * inverse_length;
        entropy -= p * std::log2(p);
    };
    bool ascii = true;
    std::array<size_t, 256> counts{};
    for (unsigned char c : text) {
        ascii = ascii && c < 0x80;
        ++counts[c];
    }
    if (ascii) {
        for (size_t count : counts) {
            if (count) {
                add(count);
            }
        }
        return entropy;
    }
    // gitleaks counts runes but divides by the byte length. Go decodes every ill-formed byte
    // as U+FFFD, so all of them (and a real U+FFFD) are one and the same rune.
    static constexpr std::string_view k_replacement = "\xEF\xBF\xBD";
    std::map<std::string_view, size_t> runes;
    for (size_t i = 0; i < text.size();) {
        size_t n = util::utf8_sequence_length(text, i);
        ++runes[n ? text.substr(i, n) : k_replacement];
        i += n ? n : 1;
    }
    for (const auto& [rune, count] : runes) {
        add(count);
    }
    return entropy;
}

} // namespace vigil::rules
