// cli: colour decisions and diagnostics on stderr.
#pragma once

#include <string>
#include <string_view>
#include <vigil/util/error.hpp>

namespace vigil::cli {

enum class ColorMode { automatic, always, never };

// Parses "auto", "always" or "never".
util::Expected<ColorMode> parse_color_mode(std::string_view text);

// Whether to colour output written to fd: the flag wins; then NO_COLOR (non-empty) turns it
// off, CLICOLOR_FORCE (non-empty, not "0") on; otherwise only on a terminal with TERM != dumb.
bool use_color(ColorMode mode, int fd);

// The colour mode for diagnostics on stderr (default automatic): --color applies to them too.
void set_diagnostics_color(ColorMode mode);

// "vigil: error: ..." (and "vigil: hint: ..." when the error has one) on stderr.
void print_error(const util::Error& error);
void print_warning(std::string_view message);
void print_note(std::string_view message);

// A command's exit code: its value, or its error printed (print_error) and mapped to 2 or 3.
int finish(const util::Expected<int>& result);

} // namespace vigil::cli
