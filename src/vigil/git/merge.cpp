#include "handles.hpp"

#include <vigil/git/merge.hpp>

namespace vigil::git {
namespace {

git_merge_file_input input_of(std::string_view text) {
    git_merge_file_input in = GIT_MERGE_FILE_INPUT_INIT;
    in.ptr = text.data();
    in.size = text.size();
    return in;
}

} // namespace

std::optional<std::string> merge_texts(std::string_view base, std::string_view ours,
                                       std::string_view theirs) {
    detail::ensure_libgit2(); // the merge needs no repository, but libgit2 set up
    git_merge_file_input b = input_of(base);
    git_merge_file_input o = input_of(ours);
    git_merge_file_input t = input_of(theirs);
    git_merge_file_result result{};
    int rc = git_merge_file(&result, &b, &o, &t, nullptr);
    std::optional<std::string> merged;
    if (rc == 0 && result.automergeable) {
        merged = std::string(result.ptr, result.len);
    }
    git_merge_file_result_free(&result);
    return merged;
}

} // namespace vigil::git
