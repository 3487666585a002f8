// Plain files and folders as a source (`vigil scan PATH...`).
#include "git_test_helpers.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <vigil/git/paths.hpp>

namespace vigil::test {
namespace {

std::vector<core::ChangeSet> read_all(const std::vector<std::string>& paths,
                                      git::PathOptions opts = {}) {
    std::vector<core::ChangeSet> out;
    auto done =
        git::read_paths(paths, opts, [&](core::ChangeSet&& cs) { out.push_back(std::move(cs)); });
    EXPECT_TRUE(done) << (done ? "" : done.error().describe());
    return out;
}

std::vector<std::string> read_files(const std::vector<core::ChangeSet>& sets) {
    std::vector<std::string> out;
    for (const auto& cs : sets) {
        for (const auto& f : cs.files) {
            out.push_back(f.path());
        }
    }
    return out;
}

TEST(Paths, FileAsAddedNumbersEveryLine) {
    auto f = git::file_as_added("x.txt", "a\r\nb\n\nlast");
    EXPECT_EQ(f.status, core::FileStatus::added);
    EXPECT_EQ(added_lines(f), (std::vector<std::string>{"1:a\r", "2:b", "3:", "4:last"}));
    EXPECT_TRUE(f.hunks[0].lines[3].no_newline_at_eof);
    EXPECT_TRUE(git::file_as_added("empty", "").hunks.empty());
}

TEST(Paths, WalkHonoursGitignoreButNotExplicitNames) {
    TempRepo repo;
    repo.write(".gitignore", "secret.env\nbuild/\n");
    repo.write("src/a.py", "a\n");
    repo.write("secret.env", "KEY=1\n");
    repo.write("build/out.txt", "o\n");
    repo.write(".git/config.extra", "never read\n");
    std::string root = repo.path().string();
    auto files = read_files(read_all({root}));
    std::vector<std::string> expected = {root + "/.gitignore", root + "/src/a.py"};
    EXPECT_EQ(files, expected);
    auto named = read_files(read_all({root + "/secret.env"}));
    EXPECT_EQ(named, (std::vector<std::string>{root + "/secret.env"}));
}

TEST(Paths, WorksOutsideARepositoryAndSkipsBinaryAndLargeFiles) {
    TempDir dir;
    auto write = [&](const std::string& name, const std::string& content) {
        std::ofstream(dir.path() / name, std::ios::binary) << content;
    };
    write("text.txt", "hello\n");
    write("blob.bin", std::string("ab\0cd", 5));
    write("large.txt", std::string(200, 'z'));
    git::PathOptions opts;
    opts.max_file_bytes = 100;
    auto sets = read_all({dir.path().string()}, opts);
    EXPECT_EQ(read_files(sets), (std::vector<std::string>{dir.path().string() + "/text.txt"}));
    std::map<std::string, std::string> reasons;
    for (const auto& cs : sets) {
        for (const auto& s : cs.skipped) {
            reasons[s.path.substr(s.path.rfind('/') + 1)] = s.reason;
        }
    }
    EXPECT_EQ(reasons["blob.bin"], "binary file");
    EXPECT_EQ(reasons["large.txt"], "larger than the size limit (200 > 100 bytes)");
}

TEST(Paths, MissingPathIsAUsageError) {
    auto done = git::read_paths({"/no/such/place"}, {}, [](core::ChangeSet&&) {});
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().kind, util::ErrorKind::usage);
}

} // namespace
} // namespace vigil::test
