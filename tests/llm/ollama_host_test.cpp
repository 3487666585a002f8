// OLLAMA_HOST parsed as Ollama's envconfig.Host() parses it (the table in ollama-api.md §2),
// and which URLs stay on this machine.
#include <gtest/gtest.h>
#include <vigil/llm/http.hpp>
#include <vigil/llm/ollama_host.hpp>

namespace vigil::llm {
namespace {

TEST(OllamaHost, ParsesAsOllamaDoes) {
    const std::pair<const char*, const char*> cases[] = {
        {"", "http://127.0.0.1:11434"},
        {"1.2.3.4", "http://1.2.3.4:11434"},
        {":1234", "http://:1234"},
        {"example.com:1234", "http://example.com:1234"},
        {"[::1]", "http://[::1]:11434"},
        {"::1", "http://[::1]:11434"},
        {"[::1]:8080", "http://[::1]:8080"},
        {"http://1.2.3.4", "http://1.2.3.4:80"},
        {"https://1.2.3.4", "https://1.2.3.4:443"},
        {"https://example.com/ollama", "https://example.com:443/ollama"},
        {":66000", "http://:11434"},
        {"\"1.2.3.4\"", "http://1.2.3.4:11434"},
        {"'1.2.3.4'", "http://1.2.3.4:11434"},
        {"  1.2.3.4  ", "http://1.2.3.4:11434"},
        {"ollama.com", "https://ollama.com:443"},
    };
    for (const auto& [in, want] : cases) {
        EXPECT_EQ(parse_ollama_host(in), want) << "OLLAMA_HOST=" << in;
    }
}

TEST(OllamaHost, BindAllHostsConnectToLoopback) {
    EXPECT_EQ(connectable_url("http://0.0.0.0:11434"), "http://127.0.0.1:11434");
    EXPECT_EQ(connectable_url("http://[::]:11434"), "http://[::1]:11434");
    EXPECT_EQ(connectable_url("http://:1234"), "http://127.0.0.1:1234");
    EXPECT_EQ(connectable_url("http://10.0.0.2:11434"), "http://10.0.0.2:11434");
}

} // namespace
} // namespace vigil::llm

namespace vigil::llm {
namespace {

TEST(Loopback, OnlyThisMachine) {
    EXPECT_TRUE(is_loopback_url("http://127.0.0.1:11434"));
    EXPECT_TRUE(is_loopback_url("http://localhost:11434/ollama"));
    EXPECT_TRUE(is_loopback_url("http://[::1]:11434"));
    EXPECT_FALSE(is_loopback_url("http://localhost.example.com:11434"));
    EXPECT_FALSE(is_loopback_url("http://10.0.0.2:11434"));
    EXPECT_FALSE(is_loopback_url("https://ollama.com:443"));
}

} // namespace
} // namespace vigil::llm
