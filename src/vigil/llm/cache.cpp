#include <atomic>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <vigil/llm/cache.hpp>
#include <vigil/util/env.hpp>
#include <vigil/util/sha256.hpp>

namespace vigil::llm {

namespace fs = std::filesystem;

ResponseCache::ResponseCache(fs::path dir) : m_dir(std::move(dir)) {}

fs::path ResponseCache::default_dir() {
    if (const char* xdg = util::env_value("XDG_CACHE_HOME")) {
        return fs::path(xdg) / "vigil" / "llm";
    }
    if (const char* home = util::env_value("HOME")) {
        return fs::path(home) / ".cache" / "vigil" / "llm";
    }
    return {};
}

std::string ResponseCache::key(const ChatRequest& request) {
    util::Sha256 h;
    // Length-prefixed fields, so no two different requests hash the same bytes.
    auto field = [&h](std::string_view v) {
        h.update(std::to_string(v.size()));
        h.update(":");
        h.update(v);
    };
    field("vigil-llm-cache-1");
    field(request.model);
    field(request.template_version);
    for (const auto& m : request.messages) {
        field(m.role);
        field(m.content);
    }
    field(request.schema);
    field(std::to_string(request.num_predict));
    field(std::to_string(request.temperature));
    field(std::to_string(request.seed));
    auto digest = h.finish();
    return util::to_hex(digest.data(), digest.size());
}

fs::path ResponseCache::path_for(const std::string& key) const {
    return m_dir / key.substr(0, 2) / (key.substr(2) + ".txt");
}

std::optional<std::string> ResponseCache::get(const std::string& key) const {
    std::ifstream in(path_for(key), std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void ResponseCache::put(const std::string& key, const std::string& content) const {
    static std::atomic<uint64_t> counter{0};
    fs::path target = path_for(key);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    fs::path tmp = target;
    tmp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        if (!out.flush()) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, target, ec); // atomic: readers see the old file, the new one, or none
    if (ec) {
        fs::remove(tmp, ec);
    }
}

} // namespace vigil::llm
