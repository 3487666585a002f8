// config: how vigil's git hooks behave — whether they ask models and for how long — from the
// user's own configuration file only ([hooks] in the file load_llm_settings reads). A
// repository cannot turn model review on for its contributors' commits or stretch their hooks.
#pragma once

#include <string>
#include <vigil/llm/settings.hpp>
#include <vigil/util/error.hpp>

namespace vigil::config {

struct HookSettings {
    bool review_on_commit = false;                  // model review in pre-commit
    llm::Millis commit_budget = llm::Millis(10000); // its model time
    bool review_on_push = true;                     // model review in pre-push
    llm::Millis push_budget = llm::Millis(60000);   // model time for the whole push
};

// Reads [hooks] from `user_file` (empty: $VIGIL_CONFIG, else the default user file); the
// defaults when there is no file or no table. Fails (config) naming file:line for an unknown
// key or a bad value; hooks report that in one line and go on with the defaults.
util::Expected<HookSettings> load_hook_settings(const std::string& user_file);

} // namespace vigil::config
