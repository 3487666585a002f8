// lang: which programming language a file is in. For now by file name alone; the tree-sitter
// grammars (parsing, scopes, symbols) build on the same names.
#pragma once

#include <string_view>
#include <vector>

namespace vigil::lang {

// The language of `path` by its name ("python", "cpp", "shell", ...), or "" when unknown.
std::string_view language_of(std::string_view path);

// True for the names language_of can return.
bool is_known_language(std::string_view name);

// Every known language name, for messages.
std::vector<std::string_view> known_languages();

// A file name in `language` (e.g. "example.py"), for rule examples; "" when unknown.
std::string_view sample_file_name(std::string_view language);

} // namespace vigil::lang
