#include <ostream>
#include <vigil/report/writers.hpp>

namespace vigil::report {
namespace {

struct FormatName {
    Format format;
    std::string_view name;
};

constexpr FormatName k_formats[] = {
    {Format::text, "text"},
    {Format::short_text, "short"},
    {Format::json, "json"},
    {Format::sarif, "sarif"},
    {Format::codequality, "codequality"},
    {Format::gitlab_secrets, "gitlab-secrets"},
    {Format::gitlab_sast, "gitlab-sast"},
    {Format::patch, "patch"},
    {Format::rdjsonl, "rdjsonl"},
};

} // namespace

std::string_view to_string(Format format) {
    for (const auto& f : k_formats) {
        if (f.format == format) {
            return f.name;
        }
    }
    return "text";
}

std::optional<Format> parse_format(std::string_view name) {
    for (const auto& f : k_formats) {
        if (f.name == name) {
            return f.format;
        }
    }
    return std::nullopt;
}

const std::vector<std::string_view>& format_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const auto& f : k_formats) {
            out.push_back(f.name);
        }
        return out;
    }();
    return names;
}

void write_report(Format format, std::ostream& out, const ReportData& data,
                  const WriteOptions& options) {
    switch (format) {
    case Format::text:
        return write_text(out, data, options);
    case Format::short_text:
        return write_short(out, data, options);
    case Format::json:
        return write_json(out, data);
    case Format::sarif:
        return write_sarif(out, data);
    case Format::codequality:
        return write_codequality(out, data);
    case Format::gitlab_secrets:
        return write_gitlab_secrets(out, data);
    case Format::gitlab_sast:
        return write_gitlab_sast(out, data);
    case Format::patch:
        return write_patch(out, data);
    case Format::rdjsonl:
        return write_rdjsonl(out, data);
    }
}

} // namespace vigil::report
