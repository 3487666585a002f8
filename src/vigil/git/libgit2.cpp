#include "handles.hpp"

#include <mutex>

namespace vigil::git::detail {

void ensure_libgit2() {
    static std::once_flag once;
    std::call_once(once, [] {
        git_libgit2_init();
        // git itself does not re-hash objects on read; verifying every object read would make
        // history scans several times slower for no gain in a read-only tool.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        // vigil never runs git_libgit2_shutdown: the process ends right after the run, and
        // worker threads may still hold objects during an abort.
    });
}

std::string last_error_text() {
    const git_error* e = git_error_last();
    return e && e->message ? std::string(e->message) : std::string("unknown libgit2 error");
}

std::unexpected<util::Error> git_failure(const std::string& what) {
    return util::runtime_error(what + ": " + last_error_text());
}

std::string oid_hex(const git_oid& id) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &id);
    return buf;
}

} // namespace vigil::git::detail
