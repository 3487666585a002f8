#include "new_text.hpp"

#include <fstream>
#include <sstream>
#include <vigil/git/blobs.hpp>

namespace vigil::cli {

core::TextSource new_text_source(const git::Repository& repo, std::string work_tree) {
    return [&repo, work_tree = std::move(work_tree)](
               const core::FileChange& f) -> std::optional<std::string> {
        if (f.new_path.empty()) {
            return std::nullopt;
        }
        if (!f.new_id.empty()) {
            if (auto blob = git::read_blob(repo, f.new_id)) {
                return std::move(*blob);
            }
        }
        if (work_tree.empty()) {
            return std::nullopt;
        }
        std::ifstream in(work_tree + f.new_path, std::ios::binary);
        if (!in) {
            return std::nullopt;
        }
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    };
}

} // namespace vigil::cli
