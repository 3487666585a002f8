// --format and --output through the real binary: formats pair with files in the order given,
// at most one format on stdout, usage errors exit 2, an unwritable file exits 3; the short
// format is one line per finding; the text format's code frame (gutter, caret under the match
// start counted in characters, tabs kept aligned, secret masked), help line and colour.
#include "e2e.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool is_json_report(const std::string& text) {
    auto doc = nlohmann::json::parse(text, nullptr, false);
    return !doc.is_discarded() && doc.is_object() && doc.contains("findings");
}

// A staged secret (line 2, column 12) and a staged trailing-whitespace note.
struct Scanned {
    Scanned() {
        repo.write("config.py", "# settings\n" + secret_line(key));
        repo.write("notes.py", "x = 1  \n");
        repo.git({"add", "config.py", "notes.py"});
    }
    ProcessResult scan(std::vector<std::string> args,
                       std::vector<std::pair<std::string, std::string>> env = {}) const {
        std::vector<std::string> argv = {"scan", "--staged"};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessOptions opts;
        opts.env = std::move(env);
        return repo.vigil(argv, opts);
    }
    TempRepo repo;
    std::string key = fake_aws_key(2);
};

// --- pairing formats with files ---------------------------------------------------------------

TEST(E2eOutputFormats, DashMeansStdout) {
    Scanned s;
    auto r = s.scan({"-f", "sarif", "-o", "sarif.out", "-f", "json", "-o", "-"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(r.out.starts_with("{\n  \"schema_version\": 1")) << describe(r);
    EXPECT_FALSE(fs::exists(s.repo.path() / "-"));
    EXPECT_TRUE(fs::exists(s.repo.path() / "sarif.out"));
    auto twice = s.scan({"-f", "json", "-o", "-", "-f", "text"});
    EXPECT_EQ(twice.exit_code, 2) << describe(twice);
}

TEST(E2eOutputFormats, JsonToFileAndTextToStdout) {
    Scanned s;
    auto r = s.scan({"--format", "json", "--output", "r.json", "--format", "text"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    std::string json = read_all(s.repo.path() / "r.json");
    EXPECT_TRUE(is_json_report(json)) << json;
    EXPECT_TRUE(contains(json, "\"aws-access-token\"")) << json;
    EXPECT_TRUE(r.out.starts_with("config.py:2:12: error: ")) << describe(r);
    EXPECT_FALSE(contains(r.out, "\"schema_version\"")) << describe(r);
    EXPECT_FALSE(contains(r.out, "{")) << describe(r);
}

TEST(E2eOutputFormats, OutputBeforeFormatGoesWithTheFirstFormat) {
    Scanned s;
    auto r = s.scan({"-o", "r.json", "-f", "json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(is_json_report(read_all(s.repo.path() / "r.json")));
}

TEST(E2eOutputFormats, EveryFormatToItsOwnFileLeavesStdoutEmpty) {
    Scanned s;
    auto r = s.scan({"-f", "sarif", "-o", "r.sarif", "-f", "short", "-o", "r.txt", "-f", "json",
                     "-o", "r.json"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(contains(read_all(s.repo.path() / "r.sarif"), "\"2.1.0\""));
    EXPECT_EQ(line_count(read_all(s.repo.path() / "r.txt")), 2u);
    EXPECT_TRUE(is_json_report(read_all(s.repo.path() / "r.json")));
}

TEST(E2eOutputFormats, OutputWithoutFormatIsText) {
    Scanned s;
    auto r = s.scan({"--output", "r.txt"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    std::string text = read_all(s.repo.path() / "r.txt");
    EXPECT_TRUE(text.starts_with("config.py:2:12: error: ")) << text;
    EXPECT_TRUE(contains(text, " = help: ")) << text;
}

TEST(E2eOutputFormats, TwoFormatsOnStdoutIsAUsageError) {
    Scanned s;
    for (std::vector<std::string> args :
         {std::vector<std::string>{"-f", "json", "-f", "text"},
          {"--format", "short", "--format", "sarif"},
          {"-f", "json", "-o", "r.json", "-f", "text", "-f", "short"}}) {
        auto r = s.scan(args);
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_EQ(r.out, "") << describe(r);
        EXPECT_TRUE(contains(r.err, "more than one --format writes to stdout")) << describe(r);
    }
    EXPECT_FALSE(fs::exists(s.repo.path() / "r.json")) << "wrote a report despite the error";
}

TEST(E2eOutputFormats, TwoFormatsToOneFileIsAUsageError) {
    Scanned s;
    auto r = s.scan({"-f", "json", "-o", "r.out", "-f", "sarif", "-o", "r.out"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(contains(r.err, "two formats write to r.out")) << describe(r);
    EXPECT_FALSE(fs::exists(s.repo.path() / "r.out"));
}

TEST(E2eOutputFormats, TwoOutputsForOneFormatIsAUsageError) {
    Scanned s;
    auto r = s.scan({"-f", "json", "-o", "a.json", "-o", "b.json"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "b.json")) << describe(r);
}

TEST(E2eOutputFormats, UnknownFormatSuggestsTheClosest) {
    Scanned s;
    auto r = s.scan({"--format", "jsn"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(contains(r.err, "unknown format 'jsn'")) << describe(r);
    EXPECT_TRUE(contains(r.err, "did you mean 'json'")) << describe(r);
    auto sarf = s.scan({"--format", "sarf"});
    EXPECT_EQ(sarf.exit_code, 2) << describe(sarf);
    EXPECT_TRUE(contains(sarf.err, "did you mean 'sarif'")) << describe(sarf);
}

TEST(E2eOutputFormats, UnwritableOutputIsARuntimeErrorNamingTheFile) {
    Scanned s;
    fs::create_directories(s.repo.path() / "a-folder");
    for (std::string file : {std::string("no/such/folder/r.json"), std::string("a-folder")}) {
        auto r = s.scan({"--format", "json", "--output", file});
        EXPECT_EQ(r.exit_code, 3) << file << "\n" << describe(r);
        EXPECT_TRUE(contains(r.err, file)) << describe(r);
        EXPECT_EQ(r.out, "") << describe(r);
    }
}

TEST(E2eOutputFormats, UnwritableOutputWinsOverACleanRun) {
    TempRepo repo;
    repo.write("clean.py", "a = 1\n");
    repo.git({"add", "clean.py"});
    auto r = repo.vigil({"scan", "--staged", "-f", "json", "-o", "missing/r.json"});
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_TRUE(contains(r.err, "missing/r.json")) << describe(r);
}

TEST(E2eOutputFormats, OneFileSpelledTwoWaysIsStillOneFile) {
    Scanned s;
    for (std::string other : {std::string("./r.out"), (s.repo.path() / "r.out").string()}) {
        fs::remove(s.repo.path() / "r.out");
        auto r = s.scan({"-f", "json", "-o", "r.out", "-f", "sarif", "-o", other});
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_TRUE(contains(r.err, "two formats write to")) << describe(r);
    }
}

TEST(E2eOutputFormats, ConfigurationErrorLeavesAnExistingOutputFileAlone) {
    Scanned s;
    s.repo.write("r.json", "previous report\n");
    auto r = s.scan({"-f", "json", "-o", "r.json", "--config", "missing.toml"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_EQ(s.repo.read("r.json"), "previous report\n");
}

TEST(E2eOutputFormats, PatchToAFileAndTextToStdout) {
    Scanned s;
    auto r = s.scan({"-f", "patch", "-o", "fixes.diff", "-f", "text"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.out, "= suggestion: ")) << describe(r);
    EXPECT_FALSE(contains(r.out, "diff --git")) << describe(r);
    std::string patch = read_all(s.repo.path() / "fixes.diff");
    EXPECT_TRUE(patch.starts_with("diff --git a/notes.py b/notes.py\n")) << patch;
    auto check = s.repo.git_result({"apply", "--check", "fixes.diff"});
    EXPECT_EQ(check.exit_code, 0) << check.err << patch;
}

// --- short ------------------------------------------------------------------------------------

TEST(E2eOutputFormats, ShortIsOneLinePerFinding) {
    TempRepo repo;
    repo.write("a.py", "x = 1 \ny = 2\t\n" + secret_line(fake_aws_key(1)));
    repo.write("b.py", "z = 3  \n");
    repo.git({"add", "a.py", "b.py"});
    auto json = repo.vigil({"scan", "--staged", "--format", "json"});
    auto doc = nlohmann::json::parse(json.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << describe(json);
    size_t findings = doc["findings"].size();
    ASSERT_EQ(findings, 4u) << json.out;
    auto r = repo.vigil({"scan", "--staged", "--format", "short"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), findings) << describe(r);
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto& f = doc["findings"][i];
        std::string start = f["path"].get<std::string>() + ":" + std::to_string(int(f["line"])) +
                            ":" + std::to_string(int(f["column"])) + ": " +
                            f["severity"].get<std::string>() + ": ";
        EXPECT_TRUE(lines[i].starts_with(start)) << lines[i] << " vs " << start;
        EXPECT_TRUE(lines[i].ends_with("[" + f["rule_id"].get<std::string>() + "]")) << lines[i];
    }
    EXPECT_FALSE(contains(r.out, " | ")) << describe(r);
    EXPECT_FALSE(contains(r.out, "help:")) << describe(r);
    EXPECT_FALSE(contains(r.out, fake_aws_key(1))) << describe(r);
}

// --- text: the code frame -----------------------------------------------------------------------

// Characters (UTF-8 sequences) of `s`, each as its bytes.
std::vector<std::string> chars_of(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

struct Frame {
    std::string first; // "path:line:col: severity: ..."
    std::string code;  // the code line, without its gutter
    std::string caret; // the caret line, without its gutter
    std::string code_gutter, caret_gutter;
    std::string help;
};

// The frame of the finding whose first line starts with `start`.
Frame frame_of(const std::string& text, const std::string& start) {
    auto lines = lines_of(text);
    Frame f;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!lines[i].starts_with(start)) {
            continue;
        }
        f.first = lines[i];
        if (i + 2 >= lines.size()) {
            break;
        }
        size_t bar = lines[i + 1].find(" | ");
        size_t caret_bar = lines[i + 2].find(" | ");
        if (bar == std::string::npos || caret_bar == std::string::npos) {
            break;
        }
        f.code_gutter = lines[i + 1].substr(0, bar + 3);
        f.code = lines[i + 1].substr(bar + 3);
        f.caret_gutter = lines[i + 2].substr(0, caret_bar + 3);
        f.caret = lines[i + 2].substr(caret_bar + 3);
        for (size_t j = i + 3; j < lines.size() && lines[j].starts_with(" "); ++j) {
            if (size_t h = lines[j].find(" = help: "); h != std::string::npos) {
                f.help = lines[j].substr(h + 9);
            }
        }
        return f;
    }
    ADD_FAILURE() << "no frame for '" << start << "' in:\n" << text;
    return f;
}

// The caret sits under character `column` (1-based) of the code line: the characters before it
// in the caret line are blanks, tabs exactly where the code line has tabs. Returns the code
// character under the caret.
std::string expect_caret_at(const Frame& f, size_t column) {
    SCOPED_TRACE("code: '" + f.code + "'\ncaret: '" + f.caret + "'");
    EXPECT_EQ(f.caret_gutter.size(), f.code_gutter.size());
    EXPECT_EQ(f.caret_gutter.find_first_not_of(' '), f.caret_gutter.size() - 2); // "   | "
    auto code = chars_of(f.code);
    size_t at = f.caret.find('^');
    EXPECT_EQ(at, column - 1);
    if (at == std::string::npos || at >= code.size()) {
        ADD_FAILURE() << "caret beyond the code";
        return {};
    }
    for (size_t i = 0; i < at; ++i) {
        EXPECT_TRUE(f.caret[i] == ' ' || f.caret[i] == '\t') << i;
        EXPECT_EQ(f.caret[i] == '\t', code[i] == "\t") << "tab mismatch at " << i;
    }
    return code[at];
}

TEST(E2eOutputFormats, TextFrameHasGutterCaretHelpAndMaskedSecret) {
    TempRepo repo;
    std::string key = fake_aws_key(4);
    repo.write("config.py", "# settings\n" + secret_line(key));
    repo.git({"add", "config.py"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    Frame f = frame_of(r.out, "config.py:2:12: error: ");
    EXPECT_EQ(f.code_gutter, "  2 | ");
    EXPECT_EQ(f.caret_gutter, "    | ");
    EXPECT_TRUE(f.code.starts_with("aws_key = \"" + key.substr(0, 4))) << f.code;
    EXPECT_EQ(expect_caret_at(f, 12), "A");
    EXPECT_TRUE(f.caret.ends_with("^" + std::string(f.caret.size() - 12, '~'))) << f.caret;
    EXPECT_FALSE(f.help.empty()) << r.out;
    for (const auto& text : {r.out, r.err}) {
        EXPECT_FALSE(contains(text, key)) << describe(r);
        EXPECT_FALSE(contains(text, key.substr(4))) << describe(r);
    }
}

TEST(E2eOutputFormats, HelpLineIsTheRulesHelp) {
    TempRepo repo;
    repo.write("team.toml", "[[rules]]\nid = \"no-frobnicate\"\ndescription = \"Frobnicate\"\n"
                            "category = \"safety\"\nseverity = \"warning\"\n"
                            "regex = '''frobnicate\\('''\n"
                            "help = \"Call defrobnicate() instead: frobnicate is gone in v3.\"\n");
    repo.write("a.py", "frobnicate(x)\n");
    repo.git({"add", "a.py"});
    auto r = repo.vigil({"scan", "--staged", "--config", "team.toml"});
    Frame f = frame_of(r.out, "a.py:1:1: warning: ");
    EXPECT_EQ(f.help, "Call defrobnicate() instead: frobnicate is gone in v3.") << r.out;
    EXPECT_EQ(expect_caret_at(f, 1), "f");
    EXPECT_EQ(f.caret, "^~~~~~~~~~~") << r.out; // "frobnicate(": 11 characters
}

TEST(E2eOutputFormats, CaretCountsCharactersOnNonAsciiLines) {
    TempRepo repo;
    std::string k1 = fake_aws_key(5), k2 = fake_aws_key(6);
    repo.write("u.py", "caf\xC3\xA9 = \"" + k1 + "\"\n# \xC3\xBCn\xC3\xAF\xE2\x82\xAC x = \"" + k2 +
                           "\"\n");
    repo.git({"add", "u.py"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    // "café = \"": 8 characters before the key.
    EXPECT_EQ(expect_caret_at(frame_of(r.out, "u.py:1:9: "), 9), "A");
    // "# ünï€ x = \"": 12 characters before the key.
    EXPECT_EQ(expect_caret_at(frame_of(r.out, "u.py:2:13: "), 13), "A");
    EXPECT_FALSE(contains(r.out, k1)) << describe(r);
    EXPECT_FALSE(contains(r.out, k2)) << describe(r);
}

TEST(E2eOutputFormats, CaretKeepsTabsAligned) {
    TempRepo repo;
    std::string key = fake_aws_key(7);
    repo.write("t.py", "def f():\n\t\tkey = \"" + key + "\"\n\tx = 1\t \n");
    repo.git({"add", "t.py"});
    auto r = repo.vigil({"scan", "--staged"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    Frame secret = frame_of(r.out, "t.py:2:10: ");
    EXPECT_EQ(expect_caret_at(secret, 10), "A");
    EXPECT_TRUE(secret.caret.starts_with("\t\t       ^")) << r.out;
    Frame ws = frame_of(r.out, "t.py:3:7: ");
    EXPECT_EQ(expect_caret_at(ws, 7), "\t");
    EXPECT_EQ(ws.caret, "\t     ^~") << r.out;
}

TEST(E2eOutputFormats, GutterWidensForLongLineNumbers) {
    TempRepo repo;
    std::string text;
    for (int i = 1; i <= 120; ++i) {
        text += i == 7 || i == 115 ? "v = 1 \n" : "v = " + std::to_string(i) + "\n";
    }
    repo.write("long.py", text);
    repo.git({"add", "long.py"});
    auto r = repo.vigil({"scan", "--staged"});
    Frame a = frame_of(r.out, "long.py:7:6: ");
    EXPECT_EQ(a.code_gutter, "  7 | ");
    EXPECT_EQ(expect_caret_at(a, 6), " ");
    Frame b = frame_of(r.out, "long.py:115:6: ");
    EXPECT_EQ(b.code_gutter, " 115 | ");
    EXPECT_EQ(b.caret_gutter, "     | ");
    EXPECT_EQ(expect_caret_at(b, 6), " ");
}

TEST(E2eOutputFormats, EveryFindingGetsAFrame) {
    Scanned s;
    auto r = s.scan({});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(finding_count(r.out), 2u) << describe(r);
    frame_of(r.out, "config.py:2:12: ");
    Frame ws = frame_of(r.out, "notes.py:1:6: ");
    EXPECT_EQ(ws.caret, "     ^~") << r.out;
}

// --- colour -------------------------------------------------------------------------------------

TEST(E2eOutputFormats, TextColourOnlyWhenAskedFor) {
    Scanned s;
    auto always = s.scan({"--color=always"});
    EXPECT_TRUE(has_ansi(always.out)) << describe(always);
    // The frame's gutter is coloured too, not only the first line.
    bool gutter_coloured = false;
    for (const auto& line : lines_of(always.out)) {
        gutter_coloured = gutter_coloured || (line.starts_with("\x1b[") && contains(line, " | "));
    }
    EXPECT_TRUE(gutter_coloured) << always.out;
    EXPECT_FALSE(contains(always.out, s.key)) << describe(always);

    auto piped = s.scan({});
    EXPECT_FALSE(has_ansi(piped.out)) << describe(piped);
    EXPECT_FALSE(has_ansi(piped.err)) << describe(piped);
    auto no_color = s.scan({}, {{"NO_COLOR", "1"}});
    EXPECT_FALSE(has_ansi(no_color.out)) << describe(no_color);
    auto never = s.scan({"--color=never"}, {{"CLICOLOR_FORCE", "1"}});
    EXPECT_FALSE(has_ansi(never.out)) << describe(never);
    // Same text once the escapes are taken out.
    std::string stripped;
    for (size_t i = 0; i < always.out.size(); ++i) {
        if (always.out[i] == '\x1b') {
            i = always.out.find('m', i);
            continue;
        }
        stripped += always.out[i];
    }
    EXPECT_EQ(stripped, piped.out);
}

TEST(E2eOutputFormats, ShortFormatColourOnlyWhenAskedFor) {
    Scanned s;
    EXPECT_TRUE(has_ansi(s.scan({"-f", "short", "--color=always"}).out));
    EXPECT_FALSE(has_ansi(s.scan({"-f", "short"}).out));
    EXPECT_FALSE(has_ansi(s.scan({"-f", "short"}, {{"NO_COLOR", "1"}}).out));
}

} // namespace
} // namespace vigil::test
