// cli: the command line — commands, options, exit codes. The only module that knows the
// terminal (colour, stdout vs stderr).
#pragma once

namespace vigil::cli {

// Runs vigil with the given arguments and returns the process exit code (see ExitCode).
// Never throws.
int run(int argc, char** argv);

} // namespace vigil::cli
