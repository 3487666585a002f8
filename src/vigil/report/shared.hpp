// report (private): small helpers several writers share.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <vigil/report/report.hpp>

namespace vigil::report {

// The finding's secret as it may be shown: masked unless data.show_secrets; empty when the
// finding has no secret.
std::string shown_secret(const ReportData& data, const core::Finding& finding);

// The finding's message with its shown secret appended, as the text format prints it.
std::string full_message(const ReportData& data, const core::Finding& finding);

// The suggestions of one report, indexed once by file and fingerprint (writers ask for every
// finding; running over every suggestion and finding each time cost seconds with thousands of
// whitespace fixes). `data` must outlive it and stay unchanged.
class SuggestionIndex {
public:
    explicit SuggestionIndex(const ReportData& data);

    // The suggestion made for `finding` (same fingerprint and path, covering its line), or
    // nullptr; the first in data.suggestions when several are.
    const core::Suggestion* suggestion_for(const core::Finding& finding) const;

    // True when the suggestion's old or new bytes hold a secret any finding in its file found
    // (a whitespace fix on a line with a key rewrites the key too): such a change cannot be
    // shown masked, since a masked change would no longer apply. False with data.show_secrets.
    bool shows_secret(const core::Suggestion& suggestion) const;

private:
    const ReportData& m_data;
    // path '\0' fingerprint -> the suggestions with them, in data.suggestions order
    std::unordered_map<std::string, std::vector<const core::Suggestion*>> m_by_key;
    // path -> the findings in it that hold a secret
    std::unordered_map<std::string_view, std::vector<const core::Finding*>> m_secrets;
};

} // namespace vigil::report
