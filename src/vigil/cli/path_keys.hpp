// cli (private): the repository-relative paths of files named on the command line.
//
// `vigil scan PATH...` shows paths as typed, but inside a repository it identifies files by
// their path from the top, so fingerprints, baselines and path rules do not depend on the
// folder vigil was started in or on how the path was spelled ("$PWD/src", "../src", "src").
#pragma once

#include <string>
#include <vector>

namespace vigil::cli {

class PathKeys {
public:
    // `top`: the repository's work tree (empty outside a repository: keys are then the paths
    // as shown).
    PathKeys(const std::vector<std::string>& args, const std::string& top);

    // The key of a file shown as `shown` (as git::read_paths names files found under args).
    std::string key(const std::string& shown) const;

    // True when one of the args is the top itself: the scan sees every file a baseline of the
    // repository can list.
    bool covers_top() const { return m_covers_top; }

private:
    struct Arg {
        std::string shown_prefix; // "" for "."
        std::string key_prefix;   // "" for the top
    };
    std::vector<Arg> m_args;
    bool m_covers_top = false;
};

} // namespace vigil::cli
