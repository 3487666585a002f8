// Colour (reference/hooks-and-patches.md §4.2): the flag wins; then NO_COLOR turns it off and
// CLICOLOR_FORCE on; otherwise only on a terminal. Tests run piped, so "auto" means none.
#include "e2e.hpp"

#include <fstream>

namespace vigil::test {
namespace {

class E2eColor : public ::testing::Test {
protected:
    void SetUp() override {
        repo.write("k.py", secret_line(fake_aws_key()));
        repo.write("blob.bin", std::string("\x00\x01 bin", 6)); // gives a note on stderr
        repo.git({"add", "-A"});
    }

    ProcessResult scan(std::vector<std::string> extra,
                       std::vector<std::pair<std::string, std::string>> env = {}) const {
        std::vector<std::string> args = {"scan", "--staged"};
        args.insert(args.end(), extra.begin(), extra.end());
        ProcessOptions opts;
        opts.env = std::move(env);
        auto r = repo.vigil(args, opts);
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_TRUE(contains(r.out, "k.py")) << describe(r);
        return r;
    }

    TempRepo repo;
};

TEST_F(E2eColor, NoEscapesWhenPipedByDefault) {
    auto r = scan({});
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
    EXPECT_FALSE(has_ansi(r.err)) << describe(r);
}

TEST_F(E2eColor, AlwaysGivesEscapesWhenPiped) {
    for (auto flag : {std::vector<std::string>{"--color=always"}, {"--color", "always"}}) {
        auto r = scan(flag);
        EXPECT_TRUE(has_ansi(r.out)) << describe(r);
        // Colour codes wrap the location, not replace it.
        EXPECT_TRUE(contains(r.out, "k.py:1:12:")) << describe(r);
    }
}

TEST_F(E2eColor, NeverGivesNoEscapes) {
    auto r = scan({"--color=never"});
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
    EXPECT_FALSE(has_ansi(r.err)) << describe(r);
}

TEST_F(E2eColor, NoColorTurnsAutoOff) {
    auto r = scan({}, {{"NO_COLOR", "1"}});
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
    EXPECT_FALSE(has_ansi(r.err)) << describe(r);
}

TEST_F(E2eColor, NoColorDoesNotOverrideTheFlag) {
    auto r = scan({"--color=always"}, {{"NO_COLOR", "1"}});
    EXPECT_TRUE(has_ansi(r.out)) << describe(r);
}

TEST_F(E2eColor, ClicolorForceColoursPipedOutput) {
    auto r = scan({}, {{"CLICOLOR_FORCE", "1"}});
    EXPECT_TRUE(has_ansi(r.out)) << describe(r);
}

TEST_F(E2eColor, NoColorBeatsClicolorForce) {
    auto r = scan({}, {{"CLICOLOR_FORCE", "1"}, {"NO_COLOR", "1"}});
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
    EXPECT_FALSE(has_ansi(r.err)) << describe(r);
}

TEST_F(E2eColor, EmptyNoColorIsIgnored) {
    auto r = scan({}, {{"CLICOLOR_FORCE", "1"}, {"NO_COLOR", ""}});
    EXPECT_TRUE(has_ansi(r.out)) << describe(r);
}

TEST_F(E2eColor, NeverBeatsClicolorForceOnStdout) {
    auto r = scan({"--color=never"}, {{"CLICOLOR_FORCE", "1"}});
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
}

TEST_F(E2eColor, NeverBeatsClicolorForceOnStderr) {
    // The flag decides for stderr diagnostics ("vigil: note: ...") as well as for the report.
    auto r = scan({"--color=never"}, {{"CLICOLOR_FORCE", "1"}});
    EXPECT_TRUE(contains(r.err, "note")) << describe(r);
    EXPECT_FALSE(has_ansi(r.err)) << describe(r);
}

TEST_F(E2eColor, NeverAppliesToUsageErrors) {
    // Errors raised while the command line is parsed (unknown option, bad --fail-on value)
    // must honour --color too.
    for (auto args : {std::vector<std::string>{"scan", "--color=never", "--stagd"},
                      {"scan", "--color=never", "--staged", "--fail-on", "bogus"}}) {
        ProcessOptions opts;
        opts.env = {{"CLICOLOR_FORCE", "1"}};
        auto r = repo.vigil(args, opts);
        EXPECT_EQ(r.exit_code, 2) << describe(r);
        EXPECT_FALSE(has_ansi(r.err)) << describe(r);
    }
}

TEST_F(E2eColor, JsonIsNeverColoured) {
    for (auto extra :
         {std::vector<std::string>{"--format", "json", "--color=always"}, {"--format", "json"}}) {
        ProcessOptions opts;
        opts.env = {{"CLICOLOR_FORCE", "1"}};
        std::vector<std::string> args = {"scan", "--staged"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = repo.vigil(args, opts);
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        EXPECT_FALSE(has_ansi(r.out)) << describe(r);
    }
}

TEST_F(E2eColor, OutputFileIsNotColoured) {
    auto file = repo.home() / "report.txt";
    ProcessOptions opts;
    opts.env = {{"CLICOLOR_FORCE", "1"}};
    auto r = repo.vigil({"scan", "--staged", "--output", file.string()}, opts);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    std::ifstream in(file, std::ios::binary);
    std::string written(std::istreambuf_iterator<char>(in), {});
    EXPECT_TRUE(contains(written, "k.py:1:12:")) << written;
    EXPECT_FALSE(has_ansi(written)) << written;
}

// On a real terminal (a pty from util-linux `script`), stdout and stderr both reach it.
class E2eColorOnTerminal : public E2eColor {
protected:
    void SetUp() override {
        if (run_process({"script", "--version"}).exit_code != 0) {
            GTEST_SKIP() << "util-linux 'script' is needed to run vigil on a pseudo-terminal";
        }
        E2eColor::SetUp();
    }

    // Runs `vigil scan --staged <extra>` on a pty; `shell_suffix` is appended to the command
    // line (for redirections). Returns what the terminal showed.
    ProcessResult on_tty(const std::string& extra, const std::string& shell_suffix = "",
                         std::vector<std::pair<std::string, std::string>> env = {}) const {
        std::string command =
            "exec '" + vigil_binary() + "' scan --staged " + extra + " " + shell_suffix;
        ProcessOptions opts;
        opts.cwd = repo.path().string();
        opts.env = repo.base_env();
        opts.env.push_back({"TERM", "xterm-256color"});
        opts.env.insert(opts.env.end(), env.begin(), env.end());
        auto r = run_process({"script", "-qec", command, "/dev/null"}, opts);
        EXPECT_EQ(r.exit_code, 1) << describe(r);
        return r;
    }
};

TEST_F(E2eColorOnTerminal, AutoColoursATerminal) {
    auto r = on_tty("");
    EXPECT_TRUE(contains(r.out, "k.py")) << describe(r);
    EXPECT_TRUE(has_ansi(r.out)) << describe(r);
}

TEST_F(E2eColorOnTerminal, TermDumbTurnsAutoOff) {
    auto r = on_tty("", "", {{"TERM", "dumb"}});
    EXPECT_TRUE(contains(r.out, "k.py")) << describe(r);
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
}

TEST_F(E2eColorOnTerminal, NoColorTurnsAutoOff) {
    auto r = on_tty("", "", {{"NO_COLOR", "1"}});
    EXPECT_TRUE(contains(r.out, "k.py")) << describe(r);
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
}

TEST_F(E2eColorOnTerminal, StdoutRedirectedToAFileIsNotColoured) {
    auto file = repo.home() / "out.txt";
    on_tty("", "> '" + file.string() + "'");
    std::ifstream in(file, std::ios::binary);
    std::string written(std::istreambuf_iterator<char>(in), {});
    EXPECT_TRUE(contains(written, "k.py:1:12:")) << written;
    EXPECT_FALSE(has_ansi(written)) << written;
}

TEST_F(E2eColorOnTerminal, NeverMeansNoColourAnywhere) {
    // Neither the report nor the "vigil: note:" lines on stderr (also the terminal here).
    auto r = on_tty("--color=never");
    EXPECT_TRUE(contains(r.out, "note")) << describe(r);
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
}

TEST_F(E2eColorOnTerminal, NeverMeansNoColourOnStdout) {
    auto r = on_tty("--color=never", "2>/dev/null");
    EXPECT_TRUE(contains(r.out, "k.py")) << describe(r);
    EXPECT_FALSE(has_ansi(r.out)) << describe(r);
}

} // namespace
} // namespace vigil::test
