// lang (private): the linked grammars' entry points. Included only by lang's .cpp files.
#pragma once

#include <string_view>
#include <tree_sitter/api.h>

namespace vigil::lang::detail {

// The grammar called `name`, or nullptr when vigil links none by that name.
const TSLanguage* grammar(std::string_view name);

} // namespace vigil::lang::detail
