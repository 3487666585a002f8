#include "grammar_table.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <vigil/lang/grammar.hpp>
#include <vigil/util/text.hpp>

extern "C" {
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_tsx();
const TSLanguage* tree_sitter_go();
const TSLanguage* tree_sitter_rust();
const TSLanguage* tree_sitter_c();
const TSLanguage* tree_sitter_cpp();
const TSLanguage* tree_sitter_java();
const TSLanguage* tree_sitter_bash();
const TSLanguage* tree_sitter_ruby();
const TSLanguage* tree_sitter_json();
}

namespace vigil::lang {
namespace {

struct Grammar {
    std::string_view name;
    const TSLanguage* (*entry)();
    std::vector<std::string_view> extensions;   // lower-case, with the dot
    std::vector<std::string_view> file_names;   // exact base names
    std::vector<std::string_view> interpreters; // shebang program names
};

const std::vector<Grammar>& grammars() {
    static const std::vector<Grammar> all = {
        {"python",
         tree_sitter_python,
         {".py", ".pyw", ".pyi"},
         {"SConstruct", "SConscript"},
         {"python", "python2", "python3"}},
        {"javascript",
         tree_sitter_javascript,
         {".js", ".mjs", ".cjs", ".jsx"},
         {},
         {"node", "nodejs"}},
        {"typescript",
         tree_sitter_typescript,
         {".ts", ".mts", ".cts"},
         {},
         {"ts-node", "deno", "bun"}},
        {"tsx", tree_sitter_tsx, {".tsx"}, {}, {}},
        {"go", tree_sitter_go, {".go"}, {}, {}},
        {"rust", tree_sitter_rust, {".rs"}, {}, {}},
        {"c", tree_sitter_c, {".c"}, {}, {}},
        // .h is parsed as C++: the C++ grammar reads C headers, the C grammar fails on C++ ones.
        {"cpp",
         tree_sitter_cpp,
         {".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".h++", ".c++", ".ipp", ".inl"},
         {},
         {}},
        {"java", tree_sitter_java, {".java"}, {}, {}},
        {"bash",
         tree_sitter_bash,
         {".sh", ".bash", ".bats", ".ksh"},
         {".bashrc", ".bash_profile", ".profile", "PKGBUILD"},
         {"sh", "bash", "dash", "ksh"}},
        {"ruby",
         tree_sitter_ruby,
         {".rb", ".rake", ".gemspec", ".ru"},
         {"Rakefile", "Gemfile", "Guardfile", "Vagrantfile", "Podfile"},
         {"ruby"}},
        {"json",
         tree_sitter_json,
         {".json", ".jsonc"},
         {"flake.lock", ".babelrc", ".eslintrc"},
         {}},
    };
    return all;
}

// The program a "#!" line runs: "/usr/bin/env -S python3 -u" -> "python3".
std::string_view shebang_program(std::string_view content) {
    if (!content.starts_with("#!")) {
        return {};
    }
    std::string_view line =
        content.substr(2, content.find('\n') - std::min<size_t>(2, content.find('\n')));
    std::vector<std::string_view> words;
    for (size_t i = 0; i < line.size();) {
        size_t start = line.find_first_not_of(" \t\r", i);
        if (start == line.npos) {
            break;
        }
        size_t end = line.find_first_of(" \t\r", start);
        words.push_back(line.substr(start, end == line.npos ? line.npos : end - start));
        i = end == line.npos ? line.size() : end;
    }
    for (size_t i = 0; i < words.size(); ++i) {
        std::string_view program = words[i].substr(words[i].find_last_of('/') + 1);
        if (program == "env" || words[i].starts_with("-")) {
            continue;
        }
        return program;
    }
    return {};
}

// "python3.11" is python3.
std::string_view without_version(std::string_view program) {
    while (!program.empty() &&
           (std::isdigit(static_cast<unsigned char>(program.back())) || program.back() == '.')) {
        program.remove_suffix(1);
    }
    return program;
}

} // namespace

const std::vector<std::string_view>& grammar_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const auto& g : grammars()) {
            out.push_back(g.name);
        }
        return out;
    }();
    return names;
}

std::string_view grammar_for(std::string_view path, std::string_view content) {
    size_t slash = path.find_last_of("/\\");
    std::string_view base = slash == path.npos ? path : path.substr(slash + 1);
    size_t dot = base.rfind('.');
    std::string extension =
        dot == base.npos || dot == 0 ? std::string() : util::to_lower_ascii(base.substr(dot));
    for (const auto& g : grammars()) {
        if (std::find(g.file_names.begin(), g.file_names.end(), base) != g.file_names.end() ||
            (!extension.empty() && std::find(g.extensions.begin(), g.extensions.end(), extension) !=
                                       g.extensions.end())) {
            return g.name;
        }
    }
    std::string_view program = shebang_program(content);
    if (program.empty()) {
        return {};
    }
    for (const auto& g : grammars()) {
        for (auto interpreter : g.interpreters) {
            if (program == interpreter ||
                without_version(program) == without_version(interpreter)) {
                return g.name;
            }
        }
    }
    return {};
}

util::Expected<void> check_grammar(std::string_view name) {
    const TSLanguage* language = detail::grammar(name);
    if (!language) {
        return util::runtime_error("no tree-sitter grammar named '" + std::string(name) + "'");
    }
    std::unique_ptr<TSParser, decltype(&ts_parser_delete)> parser(ts_parser_new(),
                                                                  ts_parser_delete);
    if (!ts_parser_set_language(parser.get(), language)) {
        return util::runtime_error("grammar " + std::string(name) + " has ABI " +
                                       std::to_string(ts_language_version(language)) +
                                       ", which this tree-sitter runtime does not load (" +
                                       std::to_string(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION) +
                                       ".." + std::to_string(TREE_SITTER_LANGUAGE_VERSION) + ")",
                                   "pin an older grammar in cmake/grammars.lock");
    }
    return {};
}

namespace detail {

const TSLanguage* grammar(std::string_view name) {
    for (const auto& g : grammars()) {
        if (g.name == name) {
            return g.entry();
        }
    }
    return nullptr;
}

} // namespace detail
} // namespace vigil::lang
