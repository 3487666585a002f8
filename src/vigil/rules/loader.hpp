// rules (module-private): parsing a TOML rule file into a RuleSet's compiled rules.
#pragma once

#include "compiled.hpp"

namespace vigil::rules::detail {

// Appends the rules and global allowlists of one file; on failure reports every problem.
util::Expected<void> load_rules(RuleSet::Impl& into, std::string_view text,
                                const std::string& source);

} // namespace vigil::rules::detail
