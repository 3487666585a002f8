#include <vigil/core/change.hpp>

namespace vigil::core {

std::string_view to_string(FileStatus status) {
    switch (status) {
    case FileStatus::added:
        return "added";
    case FileStatus::modified:
        return "modified";
    case FileStatus::deleted:
        return "deleted";
    case FileStatus::renamed:
        return "renamed";
    case FileStatus::copied:
        return "copied";
    case FileStatus::type_changed:
        return "type-changed";
    }
    return "modified";
}

size_t FileChange::added_line_count() const {
    size_t n = 0;
    for (const auto& hunk : hunks) {
        for (const auto& line : hunk.lines) {
            n += line.kind == LineKind::added;
        }
    }
    return n;
}

} // namespace vigil::core
