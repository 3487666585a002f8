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

util::Expected<void> stage_file(const Repository& repo, const std::string& path,
                                std::string_view content, uint32_t mode,
                                std::string_view expected_id) {
    detail::IndexPtr index(VIGIL_TRY(detail::repository_index(repo)));
    if (git_index_read(index.get(), 1) != 0) {
        return detail::git_failure("cannot read the index");
    }
    const git_index_entry* entry = git_index_get_bypath(index.get(), path.c_str(), 0);
    if (!entry || detail::oid_hex(entry->id) != expected_id) {
        return util::runtime_error("the index holds another version of " + path,
                                   "stage or restore it first, or apply without --index");
    }
    git_index_entry staged = *entry;
    staged.mode = mode;
    staged.path = path.c_str();
    if (git_index_add_from_buffer(index.get(), &staged, content.data(), content.size()) != 0 ||
        git_index_write(index.get()) != 0) {
        return detail::git_failure("cannot update the index for " + path);
    }
    return {};
}

} // namespace vigil::git
