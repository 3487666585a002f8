// rules (module-private): the built-in packs in a compact binary form.
//
// The packs are parsed and checked once, at build time (pack_tool.cpp), and stored in the
// binary as this form, so a hook run does not parse ~0.5 MB of TOML on every commit.
#pragma once

#include "rule_file.hpp"

#include <string>
#include <string_view>

namespace vigil::rules::detail {

std::string serialize_pack(const RuleFile& file);

// Fails only on data serialize_pack did not write (a broken build).
util::Expected<RuleFile> deserialize_pack(std::string_view data);

} // namespace vigil::rules::detail
