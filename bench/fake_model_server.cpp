// A fake Ollama for bench/review_bench.sh: the test suite's fake server (tests/support), with
// models for every role and answers worked out from each prompt the way a small model might
// answer — so a review bench measures vigil's own work (requests, tokens, anchors, checks,
// cache), never a model's.
//
//   vigil_fake_model_server PORT_FILE     writes "127.0.0.1:<port>" to PORT_FILE, serves until
//                                         stdin closes, then prints how many chats it served
//
// Triage: a hunk of docs or data (.md, .txt, .json, .toml, .yml, .yaml, .csv) is routine; in
// code, a hunk needs review when its added lines branch, loop, return or call (if, for, while,
// return, switch, catch, except, a name followed by "("), else (declarations, data, comments)
// it is routine. Review: one finding quoting the longest added line of the first hunk; of
// every three requests one proposes a sound fix (the line with a trailing comment), one a
// placeholder (rejected by vigil's checks) and one no fix. Verify: 7.
#include "support/fake_ollama.hpp"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace {

using nlohmann::json;
using vigil::test::FakeOllama;
using vigil::test::Reply;

std::string user_message(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("messages")) {
        return {};
    }
    for (const auto& m : j["messages"]) {
        if (m.value("role", "") == "user") {
            return m.value("content", "");
        }
    }
    return {};
}

struct PromptHunk {
    std::string path; // from "Hunk k (in PATH):" or the last "File: PATH" heading
    std::vector<std::string> added;
};

// The added lines of the numbered blocks in a prompt ("  NN + code"), per hunk heading.
std::vector<PromptHunk> added_by_hunk(const std::string& text) {
    std::vector<PromptHunk> hunks;
    static const std::regex added(R"(^\s*\d+ \+ (.*)$)");
    static const std::regex triage_heading(R"(^Hunk \d+ \(in (.*)\):$)");
    std::string file;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (line.starts_with("File: ")) {
            file = line.substr(6, line.find(" (") == std::string::npos ? std::string::npos
                                                                       : line.find(" (") - 6);
        } else if (std::regex_match(line, m, triage_heading)) {
            hunks.push_back({m[1], {}});
        } else if (line.starts_with("Change at lines ")) {
            hunks.push_back({file, {}});
        } else if (!hunks.empty() && std::regex_match(line, m, added)) {
            hunks.back().added.push_back(m[1]);
        }
    }
    return hunks;
}

bool is_docs_or_data(const std::string& path) {
    for (const char* ext : {".md", ".txt", ".json", ".toml", ".yml", ".yaml", ".csv"}) {
        if (path.ends_with(ext)) {
            return true;
        }
    }
    return false;
}

bool needs_review(const PromptHunk& hunk) {
    if (is_docs_or_data(hunk.path)) {
        return false;
    }
    static const std::regex logic(
        R"(\b(if|for|while|return|switch|catch|except|elif|else)\b|[A-Za-z_]\w*\()");
    for (const auto& l : hunk.added) {
        std::string t = l.substr(std::min(l.find_first_not_of(" \t"), l.size()));
        if (t.starts_with("//") || t.starts_with("#") || t.starts_with("/*") ||
            t.starts_with("*")) {
            continue;
        }
        if (std::regex_search(t, logic)) {
            return true;
        }
    }
    return false;
}

Reply triage(const std::string& text) {
    json hunks = json::array();
    auto found = added_by_hunk(text);
    for (size_t i = 0; i < found.size(); ++i) {
        hunks.push_back({{"id", i + 1}, {"review", needs_review(found[i])}, {"focus", "logic"}});
    }
    return {.content = json{{"hunks", hunks}}.dump()};
}

Reply review(const std::string& text, size_t n) {
    auto found = added_by_hunk(text);
    std::string longest;
    for (const auto& l : found.empty() ? std::vector<std::string>{} : found.front().added) {
        if (l.size() > longest.size()) {
            longest = l;
        }
    }
    if (longest.empty()) {
        return {.content = R"({"findings":[]})"};
    }
    json f = {{"quote", longest},
              {"category", "bug"},
              {"severity", "warning"},
              {"title", "Check this line"},
              {"explanation", "The bench's fake model quotes the longest added line."}};
    bool hash_comments = found.front().path.ends_with(".py") ||
                         found.front().path.ends_with(".sh") || found.front().path.ends_with(".rb");
    std::string indent = longest.substr(0, longest.find_first_not_of(" \t"));
    if (n % 3 == 0) {
        f["replacement"] = longest + (hash_comments ? "  # checked" : "  /* checked */");
    } else if (n % 3 == 1) {
        f["replacement"] = indent + (hash_comments ? "# TODO: fix this" : "// TODO: fix this");
    }
    return {.content = json{{"findings", json::array({f})}}.dump()};
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: vigil_fake_model_server PORT_FILE\n";
        return 2;
    }
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b", .context_length = 32768});
    fake.add_model({.name = "qwen2.5:0.5b", .context_length = 32768, .parameter_size = "494M"});
    size_t reviews = 0;
    fake.reply_by([&](const std::string& body) -> std::optional<Reply> {
        std::string text = user_message(body);
        if (body.find("You sort the hunks") != std::string::npos) {
            return triage(text);
        }
        if (body.find("check another reviewer") != std::string::npos) {
            return Reply{.content = R"({"scores":[{"id":1,"score":7}]})"};
        }
        return review(text, reviews++);
    });
    std::ofstream(argv[1]) << fake.host_port() << '\n';
    std::string ignored;
    while (std::getline(std::cin, ignored)) {
    }
    std::cout << fake.chat_requests().size() << " chat requests served\n";
    return 0;
}
