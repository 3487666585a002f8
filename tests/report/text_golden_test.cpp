// Golden-file tests of the text report (report::Format::text): a fixed set of hand-built
// findings — a secret, safety and hygiene findings, a rule fix made by core::complete_suggestion,
// a whole-file finding (line 0), a multi-line match, a minified line longer than the frame
// (shown as a window between "…"), tabs, non-ASCII — written without and with colour must give
// the bytes of tests/data/golden/text_plain.txt and text_color.txt.
//
// To accept a deliberate change of the format, run this test with VIGIL_UPDATE_GOLDEN=1 (e.g.
// `VIGIL_UPDATE_GOLDEN=1 ctest --test-dir build -R report/TextGolden`), read the new files and
// their diff, and commit them. Without the variable the files are only read.
//
// Besides the bytes, the frames are checked structurally (caret under the match's first
// character, counted in characters, tabs where the code has tabs), so regenerating the golden
// files cannot quietly accept a misplaced caret.
#include "report_test_helpers.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <vigil/core/rule_info.hpp>
#include <vigil/core/suggestion.hpp>
#include <vigil/report/report.hpp>
#include <vigil/util/utf8.hpp>

namespace vigil::test {
namespace {

size_t chars_in(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80;
    }
    return n;
}

// Sets the match [begin, end) (bytes of the first line of line_text) and the columns.
void place(core::Finding& f, const std::string& path, uint32_t line, size_t begin, size_t end,
           uint32_t end_line = 0) {
    f.location.path = path;
    f.location.line = line;
    f.location.end_line = end_line ? end_line : line;
    f.match = {uint32_t(begin), uint32_t(end)};
    std::string_view text = f.line_text;
    f.location.column = uint32_t(begin + 1);
    f.location.char_column = uint32_t(chars_in(text.substr(0, begin)) + 1);
    if (end_line == 0 || end_line == line) {
        f.location.end_column = uint32_t(end + 1);
        f.location.char_end_column = uint32_t(chars_in(text.substr(0, end)) + 1);
    } else {
        size_t last = text.rfind('\n', end - 1) + 1;
        f.location.end_column = uint32_t(end - last + 1);
        f.location.char_end_column = uint32_t(chars_in(text.substr(last, end - last)) + 1);
    }
}

core::Finding make(const std::string& rule_id, const std::string& category, core::Severity severity,
                   const std::string& message, std::string line_text) {
    core::Finding f;
    f.rule_id = rule_id;
    f.category = category;
    f.severity = severity;
    f.message = message;
    f.line_text = std::move(line_text);
    return f;
}

void make_secret(core::Finding& f, size_t begin, size_t end) {
    f.secret = {uint32_t(begin), uint32_t(end)};
    f.line_secrets = {f.secret};
    f.entropy = 4.1;
    f.fingerprint = core::fingerprint_for(f.rule_id, f.location.path, f.secret_text());
}

std::string fake_private_key_body() {
    return std::string("MIIEow") + "IBAAKCAQEA" + "3kq9Vt7x2mZr8LwQpN5sYcB4hJ6dF1gT0uE";
}

std::string minified_line() {
    std::string line = "!function(){";
    for (int i = 0; line.size() < 250; ++i) {
        line += "var a" + std::to_string(i) + "=" + std::to_string(i * 7) + ";";
    }
    line += "eval(atob(p));";
    for (int i = 0; line.size() < 420; ++i) {
        line += "b" + std::to_string(i) + "();";
    }
    return line + "}();";
}

// The findings, in report order (path, then line), and everything the report needs.
report::ReportData sample() {
    report::ReportData data;
    data.tool_version = "1.2.3";
    data.summary.target = "staged";
    data.summary.files = 8;
    data.summary.lines = 120;
    data.rules = {
        {"aws-access-token",
         "AWS access key ID",
         "Rotate the key in AWS IAM and load it from the environment.",
         "secret",
         core::Severity::error,
         {"aws"}},
        {"private-key",
         "Private key",
         "Remove the key and issue a new one.",
         "secret",
         core::Severity::error,
         {}},
        {"hardcoded-password",
         "Password in code",
         "Read it from a secret store.",
         "secret",
         core::Severity::error,
         {}},
        {"eval-call",
         "eval() call",
         "Parse the data instead of running it.",
         "safety",
         core::Severity::warning,
         {}},
        {"trailing-whitespace",
         "Trailing whitespace",
         "Delete the trailing whitespace.",
         "hygiene",
         core::Severity::note,
         {}},
        {"large-file", "Large file", "", "hygiene", core::Severity::warning, {}},
        {"todo-tag", "TODO", "Open an issue instead.", "hygiene", core::Severity::note, {}},
    };

    std::string key = fake_key();
    // 1. A secret, masked in the message and the frame.
    {
        auto f = make("aws-access-token", "secret", core::Severity::error, "AWS access key ID",
                      "AWS_KEY = \"" + key + "\"");
        place(f, "config/app.py", 3, 11, 11 + key.size());
        make_secret(f, 11, 11 + key.size());
        data.findings.push_back(f);
    }
    // 2. Trailing whitespace on that same line: its fix would show the key, so it is withheld.
    {
        auto f = make("trailing-whitespace", "hygiene", core::Severity::note,
                      "Line ends with spaces or tabs", "AWS_KEY = \"" + key + "\"  ");
        place(f, "config/app.py", 3, 32, 34);
        f.line_secrets = {{11, uint32_t(11 + key.size())}};
        f.fingerprint = core::fingerprint_for(f.rule_id, "config/app.py", "AWS_KEY");
        data.findings.push_back(f);
        core::Suggestion s;
        s.path = "config/app.py";
        s.rule_id = f.rule_id;
        s.fingerprint = f.fingerprint;
        s.description = "the fix of rule trailing-whitespace";
        s.start_line = 3;
        s.end_line = 3;
        s.inserted = "AWS_KEY = \"" + key + "\"\n";
        s.safe = true;
        EXPECT_TRUE(core::complete_suggestion(s, "import os\n\nAWS_KEY = \"" + key +
                                                     "\"  \nREGION = \"eu\"\n"));
        data.suggestions.push_back(s);
    }
    // 3. A whole-file finding: no frame.
    {
        auto f = make("large-file", "hygiene", core::Severity::warning,
                      "File is larger than 1 MiB (3.2 MiB)", "");
        f.location.path = "data/dump.sql";
        f.fingerprint = core::fingerprint_for(f.rule_id, "data/dump.sql", "");
        data.findings.push_back(f);
    }
    // 4. A minified line far longer than the frame, the match in its middle.
    {
        std::string line = minified_line();
        size_t at = line.find("eval(");
        auto f = make("eval-call", "safety", core::Severity::warning,
                      "eval() runs a string as code", line);
        place(f, "dist/app.min.js", 1, at, at + 5);
        f.fingerprint = core::fingerprint_for(f.rule_id, "dist/app.min.js", "eval(atob(p))");
        data.findings.push_back(f);
    }
    // 5. A match over three lines (a private key): the first line is framed.
    {
        std::string begin = "-----BEGIN RSA PRIVATE KEY-----";
        std::string text =
            begin + "\n" + fake_private_key_body() + "\n-----END RSA PRIVATE KEY-----";
        auto f = make("private-key", "secret", core::Severity::error, "Private key", text);
        place(f, "deploy/id_rsa", 1, 0, text.size(), 3);
        make_secret(f, 0, text.size());
        data.findings.push_back(f);
    }
    // 6. A hygiene finding with a fix made by complete_suggestion.
    {
        auto f = make("trailing-whitespace", "hygiene", core::Severity::note,
                      "Line ends with spaces or tabs", "def tidy(x):   ");
        place(f, "src/tidy.py", 2, 12, 15);
        f.fingerprint = core::fingerprint_for(f.rule_id, "src/tidy.py", "def tidy(x):");
        f.fixed_text = "def tidy(x):";
        data.findings.push_back(f);
        core::Suggestion s;
        s.path = "src/tidy.py";
        s.rule_id = f.rule_id;
        s.fingerprint = f.fingerprint;
        s.description = "the fix of rule trailing-whitespace";
        s.start_line = 2;
        s.end_line = 2;
        s.inserted = "def tidy(x):\n";
        s.safe = true;
        EXPECT_TRUE(core::complete_suggestion(s, "import re\ndef tidy(x):   \n    return x\n"));
        data.suggestions.push_back(s);
    }
    // 7. Tabs before a password; also a TODO after tabs with a long suggested change.
    {
        std::string line = "\t\tpassword = \"hunter2-Kx9q\"";
        auto f = make("hardcoded-password", "secret", core::Severity::error,
                      "Password assigned in code", line);
        size_t b = line.find("hunter2");
        place(f, "src/tabs.py", 14, b, b + 12);
        make_secret(f, b, b + 12);
        data.findings.push_back(f);
    }
    {
        std::string line = "\tx = 1\t# TODO: tidy";
        auto f = make("todo-tag", "hygiene", core::Severity::note, "Leftover TODO", line);
        size_t b = line.find("TODO");
        place(f, "src/tabs.py", 20, b, b + 4);
        f.fingerprint = core::fingerprint_for(f.rule_id, "src/tabs.py", "TODO");
        data.findings.push_back(f);
        std::string base;
        for (int i = 1; i <= 30; ++i) {
            base += i == 20 ? line + "\n" : "\tline" + std::to_string(i) + "\n";
        }
        core::Suggestion s;
        s.path = "src/tabs.py";
        s.rule_id = f.rule_id;
        s.fingerprint = f.fingerprint;
        s.description = "rewrite the block";
        s.start_line = 17;
        s.end_line = 24;
        for (int i = 17; i <= 24; ++i) {
            s.inserted += "\tLINE" + std::to_string(i) + "\n";
        }
        EXPECT_TRUE(core::complete_suggestion(s, base));
        data.suggestions.push_back(s);
    }
    // 8. Non-ASCII before the match (two-byte and three-byte characters), with a commit.
    {
        std::string line = "msg = \"Gr\xC3\xBC\xC3\x9F"
                           "e aus K\xC3\xB6ln \xE2\x80\x94 caf\xC3\xA9\"; eval(msg)";
        auto f = make("eval-call", "safety", core::Severity::warning,
                      "eval() runs a string as code", line);
        size_t b = line.find("eval(");
        place(f,
              "src/\xC3\xBC"
              "bersicht.py",
              7, b, b + 5);
        f.commit = "89abcdef0123456789abcdef0123456789abcdef";
        f.fingerprint = core::fingerprint_for(f.rule_id, f.location.path, "eval(msg)");
        data.findings.push_back(f);
    }
    // 9. Wide (CJK) characters before the match.
    {
        std::string line = "\xE5\x90\x8D\xE5\x89\x8D = eval(\xE5\x85\xA5\xE5\x8A\x9B)";
        auto f = make("eval-call", "safety", core::Severity::warning,
                      "eval() runs a string as code", line);
        size_t b = line.find("eval(");
        place(f, "src/\xE6\x9D\xB1\xE4\xBA\xAC.py", 1, b, b + 5);
        f.fingerprint = core::fingerprint_for(f.rule_id, f.location.path, "eval(x)");
        data.findings.push_back(f);
    }
    return data;
}

std::string render(bool color) {
    std::ostringstream out;
    report::write_report(report::Format::text, out, sample(), {color});
    return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

std::string strip_escapes(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x1b') {
            i = text.find('m', i);
            continue;
        }
        out += text[i];
    }
    return out;
}

std::vector<std::string> chars_of(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        size_t n = 1;
        while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) {
            ++n;
        }
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

// Terminal columns of a run of displayed characters (CJK characters take two).
size_t columns_of(const std::vector<std::string>& cells, size_t count) {
    size_t n = 0;
    for (size_t i = 0; i < count && i < cells.size(); ++i) {
        n += size_t(util::display_width(cells[i]));
    }
    return n;
}

// The index of the displayed character that starts at terminal column `column`.
size_t cell_at_column(const std::vector<std::string>& cells, size_t column) {
    size_t at = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
        if (at == column) {
            return i;
        }
        at += size_t(util::display_width(cells[i]));
    }
    return cells.size();
}

TEST(TextGolden, Plain) {
    expect_golden("text_plain.txt", render(false));
}

TEST(TextGolden, Color) {
    expect_golden("text_color.txt", render(true));
}

TEST(TextGolden, ColourAddsOnlyEscapes) {
    std::string plain = render(false);
    EXPECT_EQ(plain.find('\x1b'), std::string::npos);
    EXPECT_NE(render(true).find('\x1b'), std::string::npos);
    EXPECT_EQ(strip_escapes(render(true)), plain);
}

TEST(TextGolden, NoSecretIsShown) {
    for (bool color : {false, true}) {
        std::string text = render(color);
        EXPECT_EQ(text.find(fake_key()), std::string::npos);
        EXPECT_EQ(text.find(fake_key().substr(4)), std::string::npos);
        EXPECT_EQ(text.find(fake_private_key_body()), std::string::npos);
        EXPECT_EQ(text.find("hunter2-Kx9q"), std::string::npos);
    }
}

// Every framed finding: the caret line's '^' sits under the match's first character of the
// code line (counted in terminal columns; with a leading "…" when the frame is a window), tabs
// in the caret line exactly where the code has them, and the gutters are as wide as each other.
TEST(TextGolden, CaretsSitUnderTheMatch) {
    auto data = sample();
    auto lines = lines_of(render(false));
    size_t frames = 0;
    for (size_t i = 0; i + 2 < lines.size(); ++i) {
        size_t code_bar = lines[i + 1].find(" | ");
        if (lines[i].starts_with(" ") || code_bar == std::string::npos ||
            lines[i + 1].starts_with(std::string(code_bar, ' ') + " | ")) {
            continue; // not a first line followed by a numbered code line
        }
        SCOPED_TRACE(lines[i] + "\n" + lines[i + 1] + "\n" + lines[i + 2]);
        ++frames;
        size_t caret_bar = lines[i + 2].find(" | ");
        ASSERT_EQ(caret_bar, code_bar) << "gutters differ";
        auto code = chars_of(lines[i + 1].substr(code_bar + 3));
        std::string caret = lines[i + 2].substr(caret_bar + 3);
        size_t column = caret.find('^');
        ASSERT_NE(column, std::string::npos);
        size_t at = cell_at_column(code, column);
        ASSERT_LT(at, code.size()) << "the caret is not at the start of a character";
        for (size_t k = 0; k < at; ++k) {
            EXPECT_EQ(code[k] == "\t", caret[columns_of(code, k)] == '\t')
                << "tab mismatch at " << k;
        }
        // Which finding: the first line names path:line:column.
        const core::Finding* f = nullptr;
        for (const auto& g : data.findings) {
            std::string start = g.location.path + ":" + std::to_string(g.location.line) + ":" +
                                std::to_string(g.location.char_column) + ":";
            if (lines[i].starts_with(start)) {
                f = &g;
            }
        }
        ASSERT_NE(f, nullptr);
        bool window = code.front() == "\xE2\x80\xA6" && f->location.char_column > 1;
        if (!window) {
            // Characters before the match as displayed: secrets before it are masked.
            core::Finding prefix = *f;
            prefix.line_text = f->line_text.substr(0, f->match.begin);
            prefix.secret = {};
            prefix.line_secrets.clear();
            for (auto span : f->line_secrets) {
                if (span.end <= f->match.begin) {
                    prefix.line_secrets.push_back(span);
                }
            }
            EXPECT_EQ(at, chars_in(core::displayed_line(prefix, false)));
            if (prefix.line_secrets.empty()) {
                EXPECT_EQ(at, f->location.char_column - 1);
            }
            EXPECT_EQ(column, columns_of(code, at));
        }
        std::string matched = f->line_text.substr(f->match.begin, 1);
        if (f->has_secret() && f->secret.begin <= f->match.begin) {
            matched = f->line_text.substr(f->secret.begin, 1); // masked: its first character
        }
        EXPECT_EQ(code[at], matched);
    }
    EXPECT_EQ(frames, 9u);
}

TEST(TextGolden, WindowOfALongLine) {
    auto lines = lines_of(render(false));
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
        if (!lines[i].starts_with("dist/app.min.js:1:")) {
            continue;
        }
        std::string code = lines[i + 1].substr(lines[i + 1].find(" | ") + 3);
        auto cells = chars_of(code);
        EXPECT_EQ(cells.front(), "\xE2\x80\xA6");
        EXPECT_EQ(cells.back(), "\xE2\x80\xA6");
        EXPECT_EQ(cells.size(), 162u); // 160 characters of the line between the two
        EXPECT_NE(code.find("eval(atob(p))"), std::string::npos);
        return;
    }
    ADD_FAILURE() << "no frame for the minified line";
}

// East Asian wide characters take two terminal columns each: a caret counted in characters
// lands left of the match.
TEST(TextGolden, CaretUnderWideCharactersUsesDisplayColumns) {
    std::string line = "\xE5\x90\x8D\xE5\x89\x8D = eval(x)"; // "名前 = eval(x)"
    auto f = make("eval-call", "safety", core::Severity::warning, "eval", line);
    size_t b = line.find("eval(");
    place(f, "w.py", 1, b, b + 5);
    report::ReportData data;
    data.findings = {f};
    std::ostringstream out;
    report::write_report(report::Format::text, out, data);
    auto lines = lines_of(out.str());
    ASSERT_GE(lines.size(), 3u) << out.str();
    std::string caret = lines[2].substr(lines[2].find(" | ") + 3);
    // Display columns before "eval": 2 + 2 + 1 + 1 + 1.
    EXPECT_EQ(caret.find('^'), 7u) << caret;
}

// A secret inside a longer secret another rule found on the line (credentials in a URL): the
// line is masked from the longer one's start, and the caret still marks where the masked text
// holds this finding's match (the ellipsis, when the match starts in the hidden part).
TEST(TextGolden, MatchInsideALongerSecretStillGetsACaret) {
    std::string key = fake_key();
    std::string line = "url = \"https://deploy:" + key + "@example.com/\"";
    size_t outer = line.find("deploy:");
    size_t inner = line.find(key);
    auto f = make("aws-access-token", "secret", core::Severity::error, "AWS access key ID", line);
    place(f, "cfg.py", 4, inner, inner + key.size());
    f.secret = {uint32_t(inner), uint32_t(inner + key.size())};
    f.line_secrets = {{uint32_t(outer), uint32_t(inner + key.size())}, f.secret};
    report::ReportData data;
    data.findings = {f};
    std::ostringstream out;
    report::write_report(report::Format::text, out, data);
    std::string text = out.str();
    EXPECT_EQ(text.find(key), std::string::npos) << text;
    EXPECT_EQ(text.find(key.substr(4)), std::string::npos) << text;
    auto lines = lines_of(text);
    ASSERT_GE(lines.size(), 2u) << text;
    ASSERT_GE(lines.size(), 3u) << "no caret line:\n" << text;
    std::string code = lines[1].substr(lines[1].find(" | ") + 3);
    auto cells = chars_of(code);
    size_t at = lines[2].substr(lines[2].find(" | ") + 3).find('^');
    ASSERT_LT(at, cells.size());
    // The match lies in the hidden part of the longer secret: the caret sits under the
    // ellipsis that stands for it.
    EXPECT_EQ(cells[at], "\xE2\x80\xA6") << "the caret marks the masked text\n" << text;
}

} // namespace
} // namespace vigil::test
