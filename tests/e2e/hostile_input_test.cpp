// Content and file names vigil does not control: terminal escapes, newlines in names, CRLF,
// missing final newline. The report stays one line per finding and never drives the terminal.
#include "e2e.hpp"

#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

TEST(E2eHostileInput, EscapeSequencesInContentNeverReachTheTerminal) {
    TempRepo repo;
    repo.write("evil.py", "\x1b]0;pwned\x07\x1b[2J x = \"" + fake_aws_key() + "\"\n");
    repo.git({"add", "-A"});
    for (const char* format : {"text", "json"}) {
        auto r = repo.vigil({"scan", "--staged", "--format", format, "--show-secrets"});
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_FALSE(contains(r.out, "\x1b")) << format << "\n" << describe(r);
        EXPECT_FALSE(contains(r.err, "\x1b")) << format << "\n" << describe(r);
    }
}

TEST(E2eHostileInput, ControlCharactersInFileNamesAreNeutralised) {
    TempRepo repo;
    const std::string name = "line\nbreak\x1b[31m.py";
    repo.write(name, secret_line(fake_aws_key()));
    repo.write("blob\n.bin", std::string("\x00\x01", 2)); // skipped: named in a note
    repo.git({"add", "-A"});

    auto text = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(text.exit_code, 1) << describe(text);
    EXPECT_EQ(finding_count(text.out), 1u) << describe(text);
    EXPECT_FALSE(contains(text.out, "\x1b")) << describe(text);
    EXPECT_FALSE(contains(text.err, "\x1b")) << describe(text);
    EXPECT_TRUE(contains(text.out, ":1:12: error:")) << describe(text);

    auto json = repo.vigil({"scan", "--staged", "--format", "json"});
    auto doc = nlohmann::json::parse(json.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << describe(json);
    ASSERT_EQ(doc["findings"].size(), 1u) << json.out;
    EXPECT_EQ(doc["findings"][0]["path"], name); // JSON escapes it: the exact name survives
}

TEST(E2eHostileInput, SkippedFileNotesStayOnOneLine) {
    // "vigil: note: skipped <path>: ..." must not print a newline or an escape sequence from
    // a file name.
    TempRepo repo;
    repo.write("blob\n\x1b[2J.bin", std::string("\x00\x01", 2));
    repo.git({"add", "-A"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_FALSE(contains(r.err, "\x1b")) << describe(r);
    EXPECT_EQ(finding_count(r.err), 2u) << describe(r); // the note and the summary
}

TEST(E2eHostileInput, CrlfLinesKeepTheirColumnsAndNoCarriageReturnIsPrinted) {
    TempRepo repo;
    repo.write("win.py", "# header\r\n" + std::string("aws_key = \"") + fake_aws_key() + "\"\r\n");
    repo.git({"add", "-A"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "win.py:2:12:")) << describe(r);
    EXPECT_FALSE(contains(r.out, "\r")) << describe(r);
}

TEST(E2eHostileInput, KeyOnALastLineWithoutNewlineIsFound) {
    TempRepo repo;
    repo.write("tail.py", "a = 1\nb = \"" + fake_aws_key() + "\"");
    repo.git({"add", "-A"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "tail.py:2:6:")) << describe(r);
}

TEST(E2eHostileInput, KeyAtTheEndOfAVeryLongLineIsFound) {
    TempRepo repo;
    repo.write("min.js", std::string(200000, 'a') + " \"" + fake_aws_key() + "\"\n");
    repo.git({"add", "-A"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "min.js:1:200003:")) << describe(r);
}

} // namespace
} // namespace vigil::test
