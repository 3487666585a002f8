// cli (private): which report formats go where. `--format` may be repeated; each `--output`
// sends the format given just before it to a file, e.g.
// `--format sarif --output vigil.sarif --format text` (text on stdout).
#pragma once

#include <string>
#include <vector>
#include <vigil/report/report.hpp>
#include <vigil/util/error.hpp>

namespace vigil::cli {

// One --format or --output as it came on the command line.
struct OutputArg {
    bool is_format = true;
    std::string value;
};

struct OutputPlan {
    report::Format format = report::Format::text;
    std::string file; // empty: stdout
};

// Pairs formats with files. An --output before any --format goes with the first format (so
// `-o out.json -f json` works); with no --format at all, the output is text. At most one format
// may write to stdout and no two to the same file; an unknown format is a usage error naming
// the choices.
util::Expected<std::vector<OutputPlan>> plan_outputs(const std::vector<OutputArg>& args);

} // namespace vigil::cli
