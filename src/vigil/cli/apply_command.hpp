// cli: `vigil apply` takes fixes a review showed (recorded in the feedback store) into the work
// tree; `vigil dismiss` says a finding is not wanted, so it is not shown again.
#pragma once

#include <string>
#include <vector>

namespace vigil::cli {

struct ApplyRequest {
    std::vector<std::string> ids; // fingerprint prefixes (6+ hex digits)
    bool all = false;             // every open fix
    bool dry_run = false;
    bool index = false; // stage the result too (only where the index holds the old version)
    std::string repo_dir = ".";
};

// 0 when every fix named was applied (or would be, with --dry-run); 1 when one was refused
// (the file changed where the fix goes, a path outside the work tree); 2 for an unknown id.
int run_apply(const ApplyRequest& request);

struct DismissRequest {
    std::string id;
    std::string reason;
    std::string repo_dir = ".";
};

// 0 when recorded; 2 for an unknown or ambiguous id.
int run_dismiss(const DismissRequest& request);

} // namespace vigil::cli
