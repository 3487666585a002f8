#include <filesystem>
#include <vigil/config/rule_config.hpp>

namespace vigil::config {
namespace fs = std::filesystem;

util::Expected<LoadedRules> load_rule_config(const RuleConfigRequest& request) {
    if (!request.config_file.empty()) {
        std::error_code ec;
        if (!fs::is_regular_file(request.config_file, ec)) {
            return util::config_error("--config " + request.config_file + ": no such file",
                                      "give the path of a rule file (TOML)");
        }
        auto rules = VIGIL_TRY(rules::RuleSet::from_file(request.config_file));
        return LoadedRules{std::move(rules), request.config_file, request.config_file};
    }
    if (!request.root.empty()) {
        for (const char* name : k_repository_rule_files) {
            fs::path file = fs::path(request.root) / name;
            std::error_code ec;
            if (!fs::is_regular_file(file, ec)) {
                continue;
            }
            rules::LoadOptions options;
            options.protect_default_secrets = request.in_ci;
            auto rules = VIGIL_TRY(rules::RuleSet::from_file(file, options));
            return LoadedRules{std::move(rules), file.string(), file.string()};
        }
    }
    auto rules = VIGIL_TRY(rules::RuleSet::defaults());
    return LoadedRules{std::move(rules), "built-in rules", ""};
}

} // namespace vigil::config
