#include <algorithm>
#include <filesystem>
#include <toml++/toml.h>
#include <vigil/config/review_config.hpp>
#include <vigil/util/text.hpp>

namespace vigil::config {
namespace {

namespace fs = std::filesystem;

struct Reader {
    std::string file;
    std::vector<std::string> problems;

    void problem(const toml::node& at, const std::string& what) {
        problems.push_back(file + ":" + std::to_string(at.source().begin.line) + ": " + what);
    }

    void check_keys(const toml::table& t, const std::vector<std::string>& known,
                    const std::string& where) {
        for (auto&& [key, value] : t) {
            std::string k(key.str());
            if (std::find(known.begin(), known.end(), k) == known.end()) {
                std::string text = "unknown key '" + k + "' in " + where;
                if (auto guess = util::closest_match(k, known)) {
                    text += "; did you mean '" + *guess + "'?";
                }
                problem(value, text);
            }
        }
    }

    std::string text_of(const toml::table& t, const char* key) {
        const toml::node* n = t.get(key);
        if (!n) {
            return {};
        }
        if (auto v = n->value_exact<std::string>()) {
            return *v;
        }
        problem(*n, std::string("'") + key + "' must be a string");
        return {};
    }

    std::vector<std::string> globs_of(const toml::table& t) {
        const toml::node* n = t.get("paths");
        if (!n) {
            return {};
        }
        if (auto v = n->value_exact<std::string>()) {
            return {*v};
        }
        std::vector<std::string> out;
        if (const auto* a = n->as_array()) {
            for (const auto& item : *a) {
                if (auto v = item.value_exact<std::string>()) {
                    out.push_back(*v);
                } else {
                    problem(item, "'paths' entries must be strings");
                }
            }
            return out;
        }
        problem(*n, "'paths' must be a string or an array of strings");
        return out;
    }

    std::vector<review::PathInstruction> read(const toml::table& review) {
        std::vector<review::PathInstruction> out;
        check_keys(review, {"instructions", "paths"}, "[review]");
        if (std::string all = text_of(review, "instructions"); !all.empty()) {
            out.push_back({"", all});
        }
        const toml::node* paths = review.get("paths");
        if (!paths) {
            return out;
        }
        const auto* entries = paths->as_array();
        if (!entries) {
            problem(*paths, "'review.paths' must be an array of tables ([[review.paths]])");
            return out;
        }
        for (const auto& node : *entries) {
            const auto* t = node.as_table();
            if (!t) {
                problem(node, "each [[review.paths]] entry must be a table");
                continue;
            }
            check_keys(*t, {"paths", "instructions"}, "[[review.paths]]");
            std::string text = text_of(*t, "instructions");
            auto globs = globs_of(*t);
            if (globs.empty() || text.empty()) {
                problem(node, "[[review.paths]] needs 'paths' and 'instructions'");
                continue;
            }
            for (auto& g : globs) {
                out.push_back({std::move(g), text});
            }
        }
        return out;
    }
};

} // namespace

util::Expected<std::vector<review::PathInstruction>>
load_review_instructions(const ReviewConfigRequest& request) {
    fs::path file = request.config_file;
    if (file.empty() && !request.root.empty()) {
        file = fs::path(request.root) / ".vigil.toml";
    }
    std::error_code ec;
    if (file.empty() || !fs::is_regular_file(file, ec)) {
        return std::vector<review::PathInstruction>{};
    }
    toml::table doc;
    try {
        doc = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        return util::config_error(file.string() + ":" + std::to_string(e.source().begin.line) +
                                  ": " + std::string(e.description()));
    }
    const toml::node* review = doc.get("review");
    if (!review) {
        return std::vector<review::PathInstruction>{};
    }
    Reader reader{file.string(), {}};
    std::vector<review::PathInstruction> out;
    if (const auto* t = review->as_table()) {
        out = reader.read(*t);
    } else {
        reader.problem(*review, "'review' must be a table ([review])");
    }
    if (!reader.problems.empty()) {
        std::string all;
        for (const auto& p : reader.problems) {
            all += (all.empty() ? "" : "\n") + p;
        }
        return util::config_error(all, "see docs/review.md for the [review] table");
    }
    return out;
}

} // namespace vigil::config
