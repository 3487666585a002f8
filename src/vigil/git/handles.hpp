// git (module-private): owning wrappers for libgit2 objects and error text. Only .cpp files of
// this module include it; no other module sees a libgit2 type.
#pragma once

#include <git2.h>
#include <memory>
#include <string>
#include <vigil/util/error.hpp>

namespace vigil::git::detail {

template <class T, void (*Free)(T*)> struct Deleter {
    void operator()(T* p) const { Free(p); }
};

using RepoPtr = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using IndexPtr = std::unique_ptr<git_index, Deleter<git_index, git_index_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using DiffPtr = std::unique_ptr<git_diff, Deleter<git_diff, git_diff_free>>;
using PatchPtr = std::unique_ptr<git_patch, Deleter<git_patch, git_patch_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;
using OdbPtr = std::unique_ptr<git_odb, Deleter<git_odb, git_odb_free>>;
using RevwalkPtr = std::unique_ptr<git_revwalk, Deleter<git_revwalk, git_revwalk_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;

// Initialises libgit2 once per process (and its options: see libgit2.cpp).
void ensure_libgit2();

// libgit2's last error message, or a generic text.
std::string last_error_text();

// A runtime Error "<what>: <libgit2 message>".
std::unexpected<util::Error> git_failure(const std::string& what);

std::string oid_hex(const git_oid& id);

} // namespace vigil::git::detail
