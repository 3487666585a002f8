#include <cstdlib>
#include <string_view>
#include <vigil/util/env.hpp>

namespace vigil::util {

const char* env_value(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

bool running_in_ci() {
    const char* ci = env_value("CI");
    return ci && std::string_view(ci) != "0" && std::string_view(ci) != "false";
}

} // namespace vigil::util
