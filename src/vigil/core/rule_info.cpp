#include <vigil/core/rule_info.hpp>

namespace vigil::core {

const RuleInfo* find_rule(const std::vector<RuleInfo>& rules, std::string_view id) {
    for (const auto& r : rules) {
        if (r.id == id) {
            return &r;
        }
    }
    return nullptr;
}

} // namespace vigil::core
