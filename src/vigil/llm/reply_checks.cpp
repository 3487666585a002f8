// Checks shared by both backends: context sizing and the JSON repair chain.
#include <nlohmann/json.hpp>
#include <vigil/llm/backend.hpp>

namespace vigil::llm {

Result<int> size_context(const ChatRequest& request, int context_length) {
    uint64_t prompt = tokens_upper_bound(prompt_bytes(request));
    uint64_t want =
        std::max<uint64_t>(prompt * 2, prompt + static_cast<uint64_t>(request.num_predict));
    want = std::max<uint64_t>(2048, (want + 1023) / 1024 * 1024);
    if (context_length > 0 && want > static_cast<uint64_t>(context_length)) {
        if (prompt + static_cast<uint64_t>(request.num_predict) >
            static_cast<uint64_t>(context_length)) {
            return std::unexpected(LlmError{
                Failure::context_overflow,
                "the prompt (about " + std::to_string(prompt) + " tokens) and answer (" +
                    std::to_string(request.num_predict) + ") do not fit the model's context of " +
                    std::to_string(context_length) + " tokens",
                "split the change into smaller pieces, or use a model with a longer context",
                {},
                request.model});
        }
        want = static_cast<uint64_t>(context_length);
    }
    return static_cast<int>(want);
}

namespace {

std::optional<nlohmann::json> parse_object(std::string_view text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return std::nullopt;
    }
    return j;
}

// The first balanced {...} in text, skipping braces inside JSON strings.
std::optional<std::string_view> first_object(std::string_view text) {
    size_t start = text.find('{');
    while (start != std::string_view::npos) {
        int depth = 0;
        bool in_string = false;
        for (size_t i = start; i < text.size(); ++i) {
            char c = text[i];
            if (in_string) {
                if (c == '\\') {
                    ++i;
                } else if (c == '"') {
                    in_string = false;
                }
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{') {
                ++depth;
            } else if (c == '}' && --depth == 0) {
                std::string_view candidate = text.substr(start, i - start + 1);
                if (parse_object(candidate)) {
                    return candidate;
                }
                break;
            }
        }
        start = text.find('{', start + 1);
    }
    return std::nullopt;
}

bool has_required(const nlohmann::json& value, std::string_view schema) {
    auto s = nlohmann::json::parse(schema, nullptr, false);
    if (s.is_discarded() || !s.is_object() || !s.contains("required") ||
        !s["required"].is_array()) {
        return true;
    }
    for (const auto& key : s["required"]) {
        if (key.is_string() && !value.contains(key.get<std::string>())) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<std::string> extract_json(std::string_view text, std::string_view schema) {
    std::optional<std::string_view> found;
    if (parse_object(text)) {
        found = text;
    } else {
        found = first_object(text);
    }
    if (!found) {
        return std::nullopt;
    }
    auto value = parse_object(*found);
    if (!value || !has_required(*value, schema)) {
        return std::nullopt;
    }
    return std::string(*found);
}

} // namespace vigil::llm
