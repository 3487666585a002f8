#include "outputs.hpp"

#include <algorithm>
#include <filesystem>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

std::string choices() {
    std::string out;
    for (auto name : report::format_names()) {
        out += (out.empty() ? "" : ", ") + std::string(name);
    }
    return out;
}

} // namespace

util::Expected<std::vector<OutputPlan>> plan_outputs(const std::vector<OutputArg>& args) {
    std::vector<OutputPlan> plans;
    std::vector<bool> has_file;
    std::string pending_file; // an --output seen before any --format
    for (const auto& arg : args) {
        if (arg.is_format) {
            auto format = report::parse_format(arg.value);
            if (!format) {
                std::vector<std::string> names(report::format_names().begin(),
                                               report::format_names().end());
                std::string message = "unknown format '" + arg.value + "'";
                if (auto guess = util::closest_match(arg.value, names)) {
                    message += "; did you mean '" + *guess + "'?";
                }
                return util::usage_error(message, "--format takes one of " + choices());
            }
            plans.push_back({*format, {}});
            has_file.push_back(false);
            if (plans.size() == 1 && !pending_file.empty()) {
                plans.back().file = pending_file == "-" ? std::string() : pending_file;
                has_file.back() = true;
            }
            continue;
        }
        if (arg.value.empty()) {
            return util::usage_error("--output needs a file name");
        }
        std::string file = arg.value == "-" ? std::string() : arg.value; // "-": stdout
        if (plans.empty()) {
            if (!pending_file.empty()) {
                return util::usage_error("--output '" + arg.value + "' follows --output '" +
                                             pending_file + "' with no --format between them",
                                         "put --format NAME before each --output FILE");
            }
            pending_file = file.empty() ? "-" : file;
        } else if (has_file.back()) {
            return util::usage_error("--output '" + arg.value + "' follows --output '" +
                                         plans.back().file + "' with no --format between them",
                                     "put --format NAME before each --output FILE");
        } else {
            plans.back().file = file;
            has_file.back() = true;
        }
    }
    if (plans.empty()) {
        plans.push_back({report::Format::text, pending_file == "-" ? std::string() : pending_file});
    }
    size_t to_stdout = std::count_if(plans.begin(), plans.end(),
                                     [](const OutputPlan& p) { return p.file.empty(); });
    if (to_stdout > 1) {
        return util::usage_error("more than one --format writes to stdout",
                                 "give every format but one its own --output FILE");
    }
    // One file may be spelled two ways (r.out, ./r.out, /abs/r.out): compare what they name.
    auto same_file = [](const std::string& a, const std::string& b) {
        std::error_code ec;
        return std::filesystem::weakly_canonical(std::filesystem::absolute(a, ec), ec) ==
               std::filesystem::weakly_canonical(std::filesystem::absolute(b, ec), ec);
    };
    for (size_t i = 0; i < plans.size(); ++i) {
        for (size_t j = i + 1; j < plans.size(); ++j) {
            if (!plans[i].file.empty() && !plans[j].file.empty() &&
                same_file(plans[i].file, plans[j].file)) {
                return util::usage_error("two formats write to " + plans[i].file,
                                         "give each --format its own --output FILE");
            }
        }
    }
    return plans;
}

} // namespace vigil::cli
