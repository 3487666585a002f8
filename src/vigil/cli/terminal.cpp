#include "terminal.hpp"

#include "exit_code.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>
#include <vigil/util/text.hpp>

namespace vigil::cli {
namespace {

ColorMode g_diagnostics_color = ColorMode::automatic;

bool env_set(const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
}

void print_line(std::string_view color, std::string_view label, std::string_view message) {
    bool colored = use_color(g_diagnostics_color, STDERR_FILENO);
    std::cerr << "vigil: " << (colored ? color : "") << label << ':' << (colored ? "\x1b[0m" : "")
              << ' ' << util::printable(message) << '\n';
}

} // namespace

util::Expected<ColorMode> parse_color_mode(std::string_view text) {
    if (text == "auto") {
        return ColorMode::automatic;
    }
    if (text == "always") {
        return ColorMode::always;
    }
    if (text == "never") {
        return ColorMode::never;
    }
    return util::usage_error("--color must be auto, always or never, not '" + std::string(text) +
                             "'");
}

bool use_color(ColorMode mode, int fd) {
    if (mode != ColorMode::automatic) {
        return mode == ColorMode::always;
    }
    if (env_set("NO_COLOR")) {
        return false;
    }
    if (env_set("CLICOLOR_FORCE") && std::string_view(std::getenv("CLICOLOR_FORCE")) != "0") {
        return true;
    }
    const char* term = std::getenv("TERM");
    return isatty(fd) && !(term && std::string_view(term) == "dumb");
}

void set_diagnostics_color(ColorMode mode) {
    g_diagnostics_color = mode;
}

void print_error(const util::Error& error) {
    // A configuration error may list several problems, one per line: each gets its own prefix
    // (a raw newline would be filtered out as a control character).
    std::string text = error.describe();
    size_t begin = 0;
    while (true) {
        size_t end = text.find('\n', begin);
        print_line("\x1b[1;31m", "error", std::string_view(text).substr(begin, end - begin));
        if (end == std::string::npos) {
            break;
        }
        begin = end + 1;
    }
    if (!error.hint.empty()) {
        print_line("\x1b[1;36m", "hint", error.hint);
    }
}

void print_warning(std::string_view message) {
    print_line("\x1b[1;35m", "warning", message);
}

void print_note(std::string_view message) {
    print_line("\x1b[1;36m", "note", message);
}

int finish(const util::Expected<int>& result) {
    if (!result) {
        print_error(result.error());
        return exit_code_for(result.error());
    }
    return *result;
}

} // namespace vigil::cli
