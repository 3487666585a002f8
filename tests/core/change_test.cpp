// core change data: lines, files, statuses.
#include <gtest/gtest.h>
#include <vigil/core/change.hpp>

namespace vigil::core {
namespace {

Line line(LineKind kind, std::string content) {
    Line l;
    l.kind = kind;
    l.content = std::move(content);
    return l;
}

TEST(Line, TextDropsOneTrailingCarriageReturn) {
    EXPECT_EQ(line(LineKind::added, "key = 1\r").text(), "key = 1");
    EXPECT_EQ(line(LineKind::added, "key = 1").text(), "key = 1");
    EXPECT_EQ(line(LineKind::added, "two\r\r").text(), "two\r");
    EXPECT_EQ(line(LineKind::added, "mid\rdle").text(), "mid\rdle");
    EXPECT_EQ(line(LineKind::added, "\r").text(), "");
    EXPECT_EQ(line(LineKind::added, "").text(), "");
    // The bytes themselves keep the \r.
    EXPECT_EQ(line(LineKind::added, "x\r").content, "x\r");
}

TEST(FileChange, AddedLineCountCountsOnlyAddedLinesOfEveryHunk) {
    FileChange f;
    Hunk h1;
    h1.lines = {line(LineKind::context, "c"), line(LineKind::added, "a1"),
                line(LineKind::removed, "r"), line(LineKind::added, "a2")};
    Hunk h2;
    h2.lines = {line(LineKind::removed, "r2"), line(LineKind::added, "a3")};
    f.hunks = {h1, h2, Hunk{}};
    EXPECT_EQ(f.added_line_count(), 3u);
    EXPECT_EQ(FileChange{}.added_line_count(), 0u);
}

TEST(FileChange, PathIsTheNewPathOrTheOldOneForDeletions) {
    FileChange added;
    added.status = FileStatus::added;
    added.new_path = "new.txt";
    EXPECT_EQ(added.path(), "new.txt");

    FileChange deleted;
    deleted.status = FileStatus::deleted;
    deleted.old_path = "gone.txt";
    EXPECT_EQ(deleted.path(), "gone.txt");

    FileChange renamed;
    renamed.status = FileStatus::renamed;
    renamed.old_path = "old/name.txt";
    renamed.new_path = "new/name.txt";
    EXPECT_EQ(renamed.path(), "new/name.txt");
}

TEST(FileChange, ModeChangedNeedsBothSides) {
    FileChange f;
    f.old_mode = FileMode::regular;
    f.new_mode = FileMode::executable;
    EXPECT_TRUE(f.mode_changed());
    f.new_mode = FileMode::regular;
    EXPECT_FALSE(f.mode_changed());
    f.old_mode = FileMode::none;
    f.new_mode = FileMode::executable;
    EXPECT_FALSE(f.mode_changed());
}

TEST(FileStatus, Names) {
    EXPECT_EQ(to_string(FileStatus::added), "added");
    EXPECT_EQ(to_string(FileStatus::modified), "modified");
    EXPECT_EQ(to_string(FileStatus::deleted), "deleted");
    EXPECT_EQ(to_string(FileStatus::renamed), "renamed");
    EXPECT_EQ(to_string(FileStatus::copied), "copied");
    EXPECT_EQ(to_string(FileStatus::type_changed), "type-changed");
}

TEST(FileMode, ValuesAreGitsOctalModes) {
    EXPECT_EQ(uint32_t(FileMode::regular), 0100644u);
    EXPECT_EQ(uint32_t(FileMode::executable), 0100755u);
    EXPECT_EQ(uint32_t(FileMode::symlink), 0120000u);
    EXPECT_EQ(uint32_t(FileMode::submodule), 0160000u);
}

} // namespace
} // namespace vigil::core
