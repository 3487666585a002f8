// report (private): one writer per format, dispatched by write_report (report.hpp).
#pragma once

#include <vigil/report/report.hpp>

namespace vigil::report {

void write_text(std::ostream& out, const ReportData& data, const WriteOptions& options);
void write_short(std::ostream& out, const ReportData& data, const WriteOptions& options);
void write_json(std::ostream& out, const ReportData& data);
void write_sarif(std::ostream& out, const ReportData& data);
void write_codequality(std::ostream& out, const ReportData& data);
void write_gitlab_secrets(std::ostream& out, const ReportData& data);
void write_gitlab_sast(std::ostream& out, const ReportData& data);
void write_patch(std::ostream& out, const ReportData& data);
void write_rdjsonl(std::ostream& out, const ReportData& data);

} // namespace vigil::report
