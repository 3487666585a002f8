// lang: the tree-sitter grammars linked into vigil, and which one parses a file. No tree-sitter
// type appears here; parsing lives in syntax.hpp.
#pragma once

#include <string_view>
#include <vector>
#include <vigil/util/error.hpp>

namespace vigil::lang {

// The grammars vigil links: python, javascript, typescript, tsx, go, rust, c, cpp, java, bash,
// ruby, json.
const std::vector<std::string_view>& grammar_names();

// The grammar that parses `path`: by extension and well-known names (.tsx is tsx, .h is cpp,
// Rakefile is ruby), else by a shebang on the first line of `content` ("#!/usr/bin/env
// python3"). "" when no grammar fits: callers fall back to line windows, never to an error.
std::string_view grammar_for(std::string_view path, std::string_view content = {});

// Loads grammar `name` into a parser. Fails (runtime) when the name is unknown or the runtime
// refuses the grammar's ABI (a grammar newer than libtree-sitter), saying which ABIs it takes.
util::Expected<void> check_grammar(std::string_view name);

} // namespace vigil::lang
