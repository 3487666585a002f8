#include <algorithm>
#include <nlohmann/json.hpp>
#include <vigil/review/answer.hpp>

namespace vigil::review {
namespace {

using json = nlohmann::ordered_json; // schema keys stay in the order written

std::string text_field(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool known_category(std::string_view c) {
    return std::find(std::begin(k_categories), std::end(k_categories), c) != std::end(k_categories);
}

std::optional<json> object_with(std::string_view text, const char* key) {
    json j = json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains(key) || !j[key].is_array()) {
        return std::nullopt;
    }
    return j;
}

} // namespace

std::string review_schema(size_t max_findings) {
    json categories = json::array();
    for (auto c : k_categories) {
        categories.push_back(c);
    }
    // "quote" comes first: the model commits to the code before it argues about it.
    json item = {{"type", "object"},
                 {"properties",
                  {{"quote", {{"type", "string"}}},
                   {"category", {{"type", "string"}, {"enum", categories}}},
                   {"severity", {{"type", "string"}, {"enum", {"error", "warning", "note"}}}},
                   {"title", {{"type", "string"}}},
                   {"explanation", {{"type", "string"}}},
                   {"replacement", {{"type", "string"}}}}},
                 {"required", {"quote", "category", "severity", "title", "explanation"}}};
    json schema = {
        {"type", "object"},
        {"properties",
         {{"findings", {{"type", "array"}, {"maxItems", max_findings}, {"items", item}}}}},
        {"required", {"findings"}}};
    return schema.dump();
}

std::optional<ReviewAnswer> parse_review_answer(std::string_view text, size_t max_findings) {
    auto j = object_with(text, "findings");
    if (!j) {
        return std::nullopt;
    }
    ReviewAnswer answer;
    for (const json& item : (*j)["findings"]) {
        ModelFinding f;
        if (item.is_object()) {
            f.quote = text_field(item, "quote");
            f.category = text_field(item, "category");
            f.title = text_field(item, "title");
            f.explanation = text_field(item, "explanation");
            if (item.contains("replacement") && item["replacement"].is_string()) {
                f.replacement = item["replacement"].get<std::string>();
            }
            f.severity = core::parse_severity(text_field(item, "severity"))
                             .value_or(core::Severity::warning);
        }
        bool usable = !f.quote.empty() && !f.title.empty() && known_category(f.category);
        if (!usable || answer.findings.size() >= max_findings) {
            ++answer.invalid;
            continue;
        }
        answer.findings.push_back(std::move(f));
    }
    return answer;
}

std::string triage_schema() {
    json item = {{"type", "object"},
                 {"properties",
                  {{"id", {{"type", "integer"}}},
                   {"review", {{"type", "boolean"}}},
                   {"focus", {{"type", "string"}}}}},
                 {"required", {"id", "review"}}};
    json schema = {{"type", "object"},
                   {"properties", {{"hunks", {{"type", "array"}, {"items", item}}}}},
                   {"required", {"hunks"}}};
    return schema.dump();
}

std::optional<std::map<int, TriageVerdict>> parse_triage_answer(std::string_view text) {
    auto j = object_with(text, "hunks");
    if (!j) {
        return std::nullopt;
    }
    std::map<int, TriageVerdict> out;
    for (const json& item : (*j)["hunks"]) {
        if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer() ||
            !item.contains("review") || !item["review"].is_boolean()) {
            continue;
        }
        out[item["id"].get<int>()] = {item["review"].get<bool>(), text_field(item, "focus")};
    }
    return out;
}

std::string verify_schema() {
    json item = {{"type", "object"},
                 {"properties",
                  {{"id", {{"type", "integer"}}},
                   {"why", {{"type", "string"}}},
                   {"score", {{"type", "integer"}, {"minimum", 0}, {"maximum", 10}}}}},
                 {"required", {"id", "score"}}};
    json schema = {{"type", "object"},
                   {"properties", {{"scores", {{"type", "array"}, {"items", item}}}}},
                   {"required", {"scores"}}};
    return schema.dump();
}

std::optional<std::map<int, int>> parse_verify_answer(std::string_view text) {
    auto j = object_with(text, "scores");
    if (!j) {
        return std::nullopt;
    }
    std::map<int, int> out;
    for (const json& item : (*j)["scores"]) {
        if (item.is_object() && item.contains("id") && item["id"].is_number_integer() &&
            item.contains("score") && item["score"].is_number()) {
            out[item["id"].get<int>()] = std::clamp(int(item["score"].get<double>()), 0, 10);
        }
    }
    return out;
}

} // namespace vigil::review
