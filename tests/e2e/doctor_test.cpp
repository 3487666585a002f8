// `vigil doctor` against a fake Ollama server the test starts, found through OLLAMA_HOST.
#include "e2e.hpp"
#include "support/fake_ollama.hpp"

#include <fstream>

namespace vigil::test {
namespace {

// Runs `vigil doctor` in dir with an isolated HOME and config folder.
ProcessResult doctor(const TempDir& dir, const std::string& ollama_host,
                     std::vector<std::string> args = {},
                     std::vector<std::pair<std::string, std::string>> env = {}) {
    std::vector<std::string> argv = {vigil_binary(), "doctor"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions opts;
    opts.cwd = dir.path().string();
    opts.env = outside_env(dir.path());
    opts.env.emplace_back("XDG_CONFIG_HOME", (dir.path() / "config").string());
    opts.env.emplace_back("XDG_CACHE_HOME", (dir.path() / "cache").string());
    opts.env.emplace_back("OLLAMA_HOST", ollama_host);
    opts.env.insert(opts.env.end(), env.begin(), env.end());
    opts.unset_env = {"VIGIL_CONFIG", "VIGIL_MODEL", "http_proxy", "HTTP_PROXY"};
    return run_process(argv, opts);
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

TEST(Doctor, ReportsAUsableSetup) {
    TempDir dir;
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b", .context_length = 32768});
    fake.add_model({.name = "qwen2.5:0.5b", .context_length = 8192, .parameter_size = "494M"});
    auto r = doctor(dir, fake.host_port());
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "reachable, version 0.33.0, 2 models installed")) << r.out;
    EXPECT_TRUE(contains(r.out, "review  qwen2.5-coder:7b (picked from installed models) on " +
                                    fake.url() + ", context 32768 tokens"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "triage  qwen2.5:0.5b")) << r.out;
    EXPECT_TRUE(contains(r.out, "context 8192 tokens")) << r.out;
    EXPECT_TRUE(contains(r.out, "set llm.roles.review.model to choose")) << r.out;
    EXPECT_TRUE(contains(r.out, "result: usable")) << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(Doctor, NothingListeningSaysHowToStartOllama) {
    TempDir dir;
    auto r = doctor(dir, "127.0.0.1:" + std::to_string(closed_port()));
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_TRUE(contains(r.out, "unreachable: nothing answered")) << r.out;
    EXPECT_TRUE(contains(r.out, "to do: start Ollama ('ollama serve')")) << r.out;
    EXPECT_TRUE(contains(r.out, "result: not usable")) << r.out;
}

TEST(Doctor, NoModelInstalledSaysWhatToPull) {
    TempDir dir;
    FakeOllama fake;
    auto r = doctor(dir, fake.host_port());
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_TRUE(contains(r.out, "0 models installed")) << r.out;
    EXPECT_TRUE(contains(r.out, "ollama pull qwen2.5-coder:7b")) << r.out;
}

TEST(Doctor, ConfiguredModelMissingOnTheServer) {
    TempDir dir;
    FakeOllama fake;
    fake.add_model({.name = "llama3.2:3b"});
    write_file(
        dir.path() / "config" / "vigil" / "config.toml",
        "[llm]\nmodel = \"llama3.2:3b\"\n[llm.roles.review]\nmodel = \"qwen2.5-coder:14b\"\n");
    auto r = doctor(dir, fake.host_port());
    EXPECT_EQ(r.exit_code, 3) << describe(r);
    EXPECT_TRUE(contains(r.out, "review  qwen2.5-coder:14b (configured): model not found"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "to do: run 'ollama pull qwen2.5-coder:14b'")) << r.out;
    EXPECT_TRUE(contains(r.out, "triage  llama3.2:3b (shared model) on")) << r.out;
    EXPECT_TRUE(contains(r.out, "configuration: " +
                                    (dir.path() / "config" / "vigil" / "config.toml").string()))
        << r.out;
}

TEST(Doctor, RepositoryFileCannotPointModelsElsewhere) {
    TempDir dir;
    FakeOllama trusted;
    trusted.add_model({.name = "qwen2.5-coder:7b"});
    FakeOllama elsewhere;
    elsewhere.add_model({.name = "qwen2.5-coder:7b"});
    write_file(dir.path() / ".vigil.toml",
               "[[llm.endpoints]]\nname = \"evil\"\nurl = \"" + elsewhere.url() + "\"\n");
    auto r = doctor(dir, trusted.host_port());
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, trusted.url())) << r.out;
    EXPECT_FALSE(contains(r.out, "evil")) << r.out;
    EXPECT_TRUE(elsewhere.requests().empty());
}

TEST(Doctor, BadUserConfigIsAConfigurationError) {
    TempDir dir;
    write_file(dir.path() / "config" / "vigil" / "config.toml", "[llm]\nbudget = \"soon\"\n");
    auto r = doctor(dir, "127.0.0.1:1");
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "config.toml:2: llm.budget")) << r.err;
}

TEST(Doctor, OpenAiCompatibleEndpointFromFlagsAndConfig) {
    TempDir dir;
    FakeOllama vllm(FakeOllama::Mode::openai);
    vllm.add_model({.name = "Qwen/Qwen2.5-Coder-7B-Instruct"});
    write_file(dir.path() / "config" / "vigil" / "config.toml",
               "[[llm.endpoints]]\nname = \"vllm\"\nkind = \"openai\"\nurl = \"" + vllm.url() +
                   "/v1\"\n");
    auto r = doctor(dir, "127.0.0.1:1");
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "vllm (openai, " + vllm.url() + "/v1): reachable, 1 model"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "review  Qwen/Qwen2.5-Coder-7B-Instruct")) << r.out;
    EXPECT_TRUE(contains(r.out, "context unknown")) << r.out;
}

} // namespace
} // namespace vigil::test

namespace vigil::test {
namespace {

TEST(ModelTrust, RepositoryFileWithModelSettingsIsRejectedByScans) {
    TempDir dir;
    write_file(dir.path() / ".vigil.toml", "[[llm.endpoints]]\nurl = \"http://10.9.9.9:11434\"\n");
    write_file(dir.path() / "a.py", "x = 1\n");
    auto r = vigil_in(dir.path(), {"scan", "a.py"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, ".vigil.toml:1: unknown key 'llm'")) << r.err;
}

} // namespace
} // namespace vigil::test

namespace vigil::test {
namespace {

TEST(Doctor, FlagsChooseTheEndpointAndTheModel) {
    TempDir dir;
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    fake.add_model({.name = "llama3.2:3b", .context_length = 131072});
    auto r = doctor(dir, "127.0.0.1:" + std::to_string(closed_port()),
                    {"--endpoint", fake.url(), "--model", "llama3.2:3b"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "configuration: --model, --endpoint")) << r.out;
    EXPECT_TRUE(contains(r.out, "review  llama3.2:3b (shared model) on " + fake.url() +
                                    ", context 131072 tokens"))
        << r.out;
    EXPECT_FALSE(contains(r.out, "unreachable")) << r.out; // OLLAMA_HOST is not used
}

} // namespace
} // namespace vigil::test
