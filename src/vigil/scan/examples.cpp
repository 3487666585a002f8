#include <vigil/lang/language.hpp>
#include <vigil/scan/examples.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::scan {
namespace {

core::ChangeSet as_added_file(const std::string& path, std::string_view text) {
    core::FileChange file;
    file.status = core::FileStatus::added;
    file.new_path = path;
    file.new_mode = core::FileMode::regular;
    core::Hunk hunk;
    uint32_t number = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        core::Line line;
        line.kind = core::LineKind::added;
        line.new_lineno = ++number;
        if (end == text.npos) {
            line.content.assign(text.substr(pos));
            line.no_newline_at_eof = true;
            pos = text.size();
        } else {
            line.content.assign(text.substr(pos, end - pos));
            pos = end + 1;
        }
        hunk.lines.push_back(std::move(line));
    }
    if (!hunk.lines.empty()) {
        hunk.new_start = 1;
        hunk.new_lines = number;
        file.hunks.push_back(std::move(hunk));
    }
    core::ChangeSet changes;
    changes.files.push_back(std::move(file));
    return changes;
}

} // namespace

std::string example_path(const rules::Rule& rule, const rules::Example& example) {
    if (!example.path.empty()) {
        return example.path;
    }
    if (!rule.languages.empty()) {
        if (auto name = lang::sample_file_name(rule.languages.front()); !name.empty()) {
            return std::string(name);
        }
    }
    return "example.txt";
}

std::vector<ExampleResult> run_examples(const rules::RuleSet& rules, size_t index) {
    const rules::Rule& rule = rules.rule(index);
    rules::RuleSet alone = rules.subset({index});
    std::vector<ExampleResult> results;
    for (const auto& example : rule.examples) {
        ExampleResult result{&example, example_path(rule, example), 0};
        for (const auto& f : scan_changes(alone, as_added_file(result.path, example.text))) {
            result.findings += f.rule_id == rule.id ? 1 : 0;
        }
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace vigil::scan
