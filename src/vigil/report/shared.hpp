// report (private): small helpers several writers share.
#pragma once

#include <string>
#include <vigil/report/report.hpp>

namespace vigil::report {

// The suggestion made for `finding` (same fingerprint and path), or nullptr.
const core::Suggestion* suggestion_for(const ReportData& data, const core::Finding& finding);

// The finding's secret as it may be shown: masked unless data.show_secrets; empty when the
// finding has no secret.
std::string shown_secret(const ReportData& data, const core::Finding& finding);

// The finding's message with its shown secret appended, as the text format prints it.
std::string full_message(const ReportData& data, const core::Finding& finding);

// True when the suggestion's old or new bytes hold a secret any finding in its file found
// (a whitespace fix on a line with a key rewrites the key too): such a change cannot be shown
// masked, since a masked change would no longer apply. Always false with data.show_secrets.
bool suggestion_shows_secret(const ReportData& data, const core::Suggestion& suggestion);

} // namespace vigil::report
