// util: reading the environment the way vigil's documentation promises.
#pragma once

namespace vigil::util {

// The variable's value, or null when it is unset or empty.
const char* env_value(const char* name);

// True when CI is set to anything but "", "0" or "false" (GitHub Actions, GitLab CI and most
// CI systems set CI=true).
bool running_in_ci();

} // namespace vigil::util
