#include <algorithm>
#include <vigil/lang/language.hpp>
#include <vigil/util/text.hpp>

namespace vigil::lang {
namespace {

struct Language {
    std::string_view name;
    std::vector<std::string_view> extensions; // with the dot, lower-case
    std::vector<std::string_view> file_names; // exact base names
    std::string_view sample;
};

const std::vector<Language>& languages() {
    static const std::vector<Language> all = {
        {"python", {".py", ".pyw", ".pyi"}, {}, "example.py"},
        {"javascript", {".js", ".mjs", ".cjs", ".jsx"}, {}, "example.js"},
        {"typescript", {".ts", ".tsx", ".mts", ".cts"}, {}, "example.ts"},
        {"go", {".go"}, {}, "example.go"},
        {"java", {".java"}, {}, "Example.java"},
        {"kotlin", {".kt", ".kts"}, {}, "Example.kt"},
        {"c", {".c", ".h"}, {}, "example.c"},
        {"cpp",
         {".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".h++", ".c++", ".ipp"},
         {},
         "example.cpp"},
        {"csharp", {".cs"}, {}, "Example.cs"},
        {"ruby", {".rb", ".rake", ".gemspec"}, {"Rakefile", "Gemfile"}, "example.rb"},
        {"php", {".php"}, {}, "example.php"},
        {"rust", {".rs"}, {}, "example.rs"},
        {"shell", {".sh", ".bash", ".zsh", ".ksh"}, {}, "example.sh"},
        {"dockerfile", {".dockerfile"}, {"Dockerfile", "Containerfile"}, "Dockerfile"},
        {"makefile", {".mk"}, {"Makefile", "GNUmakefile", "makefile"}, "Makefile"},
        {"yaml", {".yml", ".yaml"}, {}, "example.yml"},
        {"json", {".json"}, {}, "example.json"},
        {"toml", {".toml"}, {}, "example.toml"},
        {"html", {".html", ".htm"}, {}, "example.html"},
        {"sql", {".sql"}, {}, "example.sql"},
        {"terraform", {".tf", ".tfvars"}, {}, "example.tf"},
        {"powershell", {".ps1", ".psm1"}, {}, "example.ps1"},
        {"swift", {".swift"}, {}, "example.swift"},
        {"scala", {".scala"}, {}, "Example.scala"},
        {"lua", {".lua"}, {}, "example.lua"},
        {"perl", {".pl", ".pm"}, {}, "example.pl"},
        {"vue", {".vue"}, {}, "Example.vue"},
        {"markdown", {".md", ".markdown"}, {}, "example.md"},
    };
    return all;
}

} // namespace

std::string_view language_of(std::string_view path) {
    size_t slash = path.find_last_of("/\\");
    std::string_view base = slash == path.npos ? path : path.substr(slash + 1);
    size_t dot = base.rfind('.');
    std::string extension =
        dot == base.npos ? std::string() : util::to_lower_ascii(base.substr(dot));
    for (const auto& language : languages()) {
        if (std::find(language.file_names.begin(), language.file_names.end(), base) !=
            language.file_names.end()) {
            return language.name;
        }
        // "Dockerfile.dev" is a Dockerfile too.
        if (language.name == "dockerfile" && base.starts_with("Dockerfile.")) {
            return language.name;
        }
        if (!extension.empty() && std::find(language.extensions.begin(), language.extensions.end(),
                                            extension) != language.extensions.end()) {
            return language.name;
        }
    }
    return {};
}

bool is_known_language(std::string_view name) {
    const auto& all = languages();
    return std::any_of(all.begin(), all.end(), [&](const Language& l) { return l.name == name; });
}

std::vector<std::string_view> known_languages() {
    std::vector<std::string_view> names;
    for (const auto& language : languages()) {
        names.push_back(language.name);
    }
    return names;
}

std::string_view sample_file_name(std::string_view language) {
    for (const auto& l : languages()) {
        if (l.name == language) {
            return l.sample;
        }
    }
    return {};
}

} // namespace vigil::lang
