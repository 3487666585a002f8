#include "handles.hpp"
#include "repository_impl.hpp"

#include <vigil/git/blobs.hpp>

namespace vigil::git {

util::Expected<std::string> read_blob(const Repository& repo, std::string_view id) {
    git_oid oid;
    std::string hex(id);
    if (git_oid_fromstr(&oid, hex.c_str()) != 0) {
        return util::runtime_error("not a blob id: " + hex);
    }
    git_blob* raw_blob = nullptr;
    if (git_blob_lookup(&raw_blob, detail::raw(repo), &oid) != 0) {
        return detail::git_failure("cannot read blob " + hex);
    }
    detail::BlobPtr blob(raw_blob);
    const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(data, size_t(git_blob_rawsize(blob.get())));
}

util::Expected<std::string> write_blob(const Repository& repo, std::string_view content) {
    git_oid oid;
    if (git_blob_create_from_buffer(&oid, detail::raw(repo), content.data(), content.size()) != 0) {
        return detail::git_failure("cannot write a blob");
    }
    return detail::oid_hex(oid);
}

} // namespace vigil::git
