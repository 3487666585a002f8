// report (private): stable identifiers the GitLab and reviewdog writers derive from findings.
#pragma once

#include <string>
#include <string_view>
#include <vector>
#include <vigil/core/finding.hpp>

namespace vigil::report {

// One id per finding, stable across runs: the content fingerprint (no line number) plus how
// many findings before it in the report share that fingerprint, so two equal lines of a file
// stay two entries. Hex, 64 digits.
std::vector<std::string> occurrence_ids(const std::vector<core::Finding>& findings);

// A name-based UUID (version 5 layout) from 32+ hex digits.
std::string uuid_from_hex(std::string_view hex);

std::string base64(std::string_view bytes);

} // namespace vigil::report
