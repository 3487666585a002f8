// llm: the response cache — re-running a review after an amend sends nothing for unchanged
// hunks. Keyed by model, prompt template version and a hash of the content sent. One file per
// answer, written to a temporary name and renamed, so concurrent runs never read half a file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vigil/llm/types.hpp>

namespace vigil::llm {

class ResponseCache {
public:
    explicit ResponseCache(std::filesystem::path dir);

    // $XDG_CACHE_HOME/vigil/llm, else $HOME/.cache/vigil/llm; empty when neither is set.
    static std::filesystem::path default_dir();

    // Hex SHA-256 over the model, the template version and everything that shapes the answer
    // (messages, schema, num_predict, temperature, seed).
    static std::string key(const ChatRequest& request);

    std::optional<std::string> get(const std::string& key) const;
    // Best effort: a cache that cannot be written never fails a run.
    void put(const std::string& key, const std::string& content) const;

    const std::filesystem::path& dir() const { return m_dir; }

private:
    std::filesystem::path path_for(const std::string& key) const;
    std::filesystem::path m_dir;
};

} // namespace vigil::llm
