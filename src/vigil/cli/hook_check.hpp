// cli (private): what both git hooks do the same way — check a change without letting a broken
// configuration stop the user, and read the user's [hooks] settings.
#pragma once

#include "review_command.hpp"

#include <vigil/config/hooks_config.hpp>

namespace vigil::cli {

// The rules (and, with `models`, the model review) over the change `request` names, reported
// nowhere. A repository rule file or baseline that does not load is reported in one line and
// the change is checked again with the built-in rules and without the baseline. Fails only when
// nothing could be checked (an unreadable repository).
util::Expected<ReviewedChange> check_change(ReviewRequest request, bool models);

// The user's [hooks] settings; the defaults, after one line saying why, when they do not load.
config::HookSettings hook_settings();

// A budget as --llm-budget takes it.
std::string budget_text(llm::Millis budget);

bool is_model_finding(const core::Finding& finding);

// The hook's own diagnostics. Every line starts "vigil: <hook>:" so that among the output of
// other hooks it is clear who is talking.
void hook_note(std::string_view hook, std::string_view message);
void hook_warning(std::string_view hook, std::string_view message);

} // namespace vigil::cli
