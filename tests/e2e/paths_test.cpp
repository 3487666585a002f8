// `vigil scan PATH...`: plain files and folders, inside a repository (.gitignore honoured) or
// outside any; binary and oversized files skipped with a note.
#include "e2e.hpp"

#include <fstream>

namespace vigil::test {
namespace {
namespace fs = std::filesystem;

void write_file(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
}

TEST(E2ePaths, FolderScanHonoursGitignore) {
    TempRepo repo;
    repo.write(".gitignore", "*.local\nbuild/\n");
    repo.write("src/app.py", secret_line(fake_aws_key(0)));
    repo.write("settings.local", secret_line(fake_aws_key(1)));
    repo.write("build/gen.py", secret_line(fake_aws_key(2)));
    repo.write("src/nested/.gitignore", "private.txt\n");
    repo.write("src/nested/private.txt", secret_line(fake_aws_key(3)));
    repo.commit_all("base");

    auto r = repo.vigil({"scan", ".", "--show-secrets"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "src/app.py:1:12:")) << describe(r);
    EXPECT_FALSE(contains(r.out, "settings.local")) << describe(r);
    EXPECT_FALSE(contains(r.out, "build/")) << describe(r);
    EXPECT_FALSE(contains(r.out, "private.txt")) << describe(r);
    EXPECT_EQ(finding_count(r.out), 1u) << describe(r);
}

TEST(E2ePaths, SubfolderScanHonoursTheTopLevelGitignore) {
    TempRepo repo;
    repo.write(".gitignore", "*.local\n");
    repo.write("src/app.py", secret_line(fake_aws_key(0)));
    repo.write("src/dev.local", secret_line(fake_aws_key(1)));
    ProcessOptions opts;
    opts.cwd = (repo.path() / "src").string();
    auto r = repo.vigil({"scan", "."}, opts);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "app.py:1:12:")) << describe(r);
    EXPECT_FALSE(contains(r.out, "dev.local")) << describe(r);

    auto from_top = repo.vigil({"scan", "src"});
    EXPECT_TRUE(contains(from_top.out, "src/app.py:1:12:")) << describe(from_top);
    EXPECT_FALSE(contains(from_top.out, "dev.local")) << describe(from_top);
}

TEST(E2ePaths, ExplicitlyNamedIgnoredFileIsScanned) {
    TempRepo repo;
    repo.write(".gitignore", "*.local\n");
    repo.write("settings.local", secret_line(fake_aws_key()));
    auto r = repo.vigil({"scan", "settings.local"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "settings.local:1:12:")) << describe(r);
}

TEST(E2ePaths, ExplicitlyNamedIgnoredFolderIsScanned) {
    // A folder named on the command line is scanned even when git ignores it, as a named file
    // is (and as ripgrep does).
    TempRepo repo;
    repo.write(".gitignore", "build/\n");
    repo.write("build/gen.py", secret_line(fake_aws_key()));
    auto r = repo.vigil({"scan", "build"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "build/gen.py:1:12:")) << describe(r);
}

TEST(E2ePaths, GitFolderIsNeverScanned) {
    TempRepo repo;
    repo.write("a.txt", "a\n");
    // The message lands in .git/COMMIT_EDITMSG in plain text.
    repo.commit_all("rotate " + fake_aws_key());
    ASSERT_TRUE(contains(repo.read(".git/COMMIT_EDITMSG"), fake_aws_key()));
    auto r = repo.vigil({"scan", "."});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(E2ePaths, WorksOutsideAnyRepository) {
    TempDir dir;
    write_file(dir.path() / "proj" / "a.py", secret_line(fake_aws_key()));
    write_file(dir.path() / "proj" / "b.txt", "nothing here\n");
    auto r = vigil_in(dir.path(), {"scan", "proj"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "proj/a.py:1:12:")) << describe(r);
    EXPECT_TRUE(contains(r.err, "2 files")) << describe(r);

    auto abs = vigil_in(dir.path(), {"scan", (dir.path() / "proj" / "a.py").string()});
    EXPECT_EQ(abs.exit_code, 1) << describe(abs);
}

TEST(E2ePaths, SeveralPathsAtOnce) {
    TempDir dir;
    write_file(dir.path() / "one.py", secret_line(fake_aws_key(0)));
    write_file(dir.path() / "two" / "t.py", secret_line(fake_aws_key(1)));
    auto r = vigil_in(dir.path(), {"scan", "one.py", "two"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "one.py:1:12:")) << describe(r);
    EXPECT_TRUE(contains(r.out, "two/t.py:1:12:")) << describe(r);
}

TEST(E2ePaths, NonexistentPathIsAUsageError) {
    TempDir dir;
    write_file(dir.path() / "real.py", secret_line(fake_aws_key()));
    auto r = vigil_in(dir.path(), {"scan", "real.py", "missing.py"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "missing.py")) << describe(r);
    // Checked before anything is scanned: no partial report.
    EXPECT_EQ(r.out, "") << describe(r);
}

TEST(E2ePaths, BinaryFileIsSkippedWithANote) {
    TempDir dir;
    write_file(dir.path() / "blob.bin", std::string("\x7f"
                                                    "ELF\x00\x00\x01",
                                                    7) +
                                            secret_line(fake_aws_key()));
    write_file(dir.path() / "ok.txt", "fine\n");
    auto r = vigil_in(dir.path(), {"scan", "."});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(contains(r.err, "note")) << describe(r);
    EXPECT_TRUE(contains(r.err, "blob.bin")) << describe(r);
    EXPECT_TRUE(contains(r.err, "binary")) << describe(r);
}

TEST(E2ePaths, OversizedFileIsSkippedWithANote) {
    TempDir dir;
    std::string big = std::string(2000, '#') + "\n" + secret_line(fake_aws_key());
    write_file(dir.path() / "big.py", big);
    write_file(dir.path() / "small.py", secret_line(fake_aws_key(1)));
    auto r = vigil_in(dir.path(), {"scan", ".", "--max-file-size", "1K"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "small.py:1:12:")) << describe(r);
    EXPECT_FALSE(contains(r.out, "big.py")) << describe(r);
    EXPECT_TRUE(contains(r.err, "big.py")) << describe(r);
    EXPECT_TRUE(contains(r.err, "size limit")) << describe(r);

    // Under the default limit it is scanned.
    auto whole = vigil_in(dir.path(), {"scan", "."});
    EXPECT_TRUE(contains(whole.out, "big.py:2:12:")) << describe(whole);
}

TEST(E2ePaths, SizeSuffixesAreAccepted) {
    TempDir dir;
    write_file(dir.path() / "a.py", secret_line(fake_aws_key()));
    for (const char* size : {"100", "1k", "1KB", "1KiB", "2M", "1G", "32b"}) {
        auto r = vigil_in(dir.path(), {"scan", ".", "--max-file-size", size});
        EXPECT_NE(r.exit_code, 2) << size << "\n" << describe(r);
    }
    auto tiny = vigil_in(dir.path(), {"scan", ".", "--max-file-size", "10"});
    EXPECT_EQ(tiny.exit_code, 0) << describe(tiny); // the only file is skipped
}

TEST(E2ePaths, HugeMaxFileSizeDoesNotWrapAround) {
    // 17179869184G is 2^64 bytes: it must not wrap to 0 and skip every file.
    TempDir dir;
    write_file(dir.path() / "a.py", secret_line(fake_aws_key()));
    auto r = vigil_in(dir.path(), {"scan", ".", "--max-file-size", "17179869184G"});
    EXPECT_NE(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(contains(r.err, "> 0 bytes")) << describe(r);
}

TEST(E2ePaths, StagedScanSkipsOversizedAndBinaryFilesToo) {
    TempRepo repo;
    repo.write("big.py", std::string(2000, '#') + "\n" + secret_line(fake_aws_key()));
    repo.write("blob.bin", std::string("\x00\x01\x02", 3) + secret_line(fake_aws_key(1)));
    repo.git({"add", "-A"});
    auto r = repo.vigil({"scan", "--staged", "--max-file-size", "1K"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "big.py")) << describe(r);
    EXPECT_TRUE(contains(r.err, "blob.bin")) << describe(r);
}

TEST(E2ePaths, SymlinksAreNotFollowed) {
    TempDir dir;
    write_file(dir.path() / "outside" / "secret.py", secret_line(fake_aws_key()));
    fs::create_directories(dir.path() / "proj");
    write_file(dir.path() / "proj" / "ok.txt", "ok\n");
    fs::create_symlink(dir.path() / "outside" / "secret.py", dir.path() / "proj" / "link.py");
    fs::create_directory_symlink(dir.path() / "outside", dir.path() / "proj" / "linkdir");
    auto r = vigil_in(dir.path(), {"scan", "proj"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

} // namespace
} // namespace vigil::test
