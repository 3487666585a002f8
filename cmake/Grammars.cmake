# The tree-sitter grammars (fetched by scripts/fetch-grammars.sh into third_party/grammars/),
# one static library each: generated C up to 17 MB, compiled once without warnings or debug
# info, with its own src/ as a private include folder (each ships its own tree_sitter/parser.h).
pkg_check_modules(treesitter REQUIRED IMPORTED_TARGET tree-sitter)

set(VIGIL_GRAMMAR_DIR ${PROJECT_SOURCE_DIR}/third_party/grammars)
if(NOT EXISTS ${VIGIL_GRAMMAR_DIR}/json/VERSION)
  message(FATAL_ERROR "tree-sitter grammars missing in ${VIGIL_GRAMMAR_DIR}: "
                      "run scripts/fetch-grammars.sh (scripts/build.sh does)")
endif()

set(VIGIL_GRAMMAR_TARGETS "")
# vigil_grammar(NAME FOLDER): NAME is the language (tree_sitter_NAME), FOLDER holds parser.c.
function(vigil_grammar name folder)
  set(src ${VIGIL_GRAMMAR_DIR}/${folder})
  set(sources ${src}/parser.c)
  if(EXISTS ${src}/scanner.c)
    list(APPEND sources ${src}/scanner.c)
  endif()
  add_library(vigil_grammar_${name} STATIC ${sources})
  target_include_directories(vigil_grammar_${name} PRIVATE ${src})
  target_compile_options(vigil_grammar_${name} PRIVATE -w -g0 -O2)
  set_target_properties(vigil_grammar_${name} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  set(VIGIL_GRAMMAR_TARGETS ${VIGIL_GRAMMAR_TARGETS} vigil_grammar_${name} PARENT_SCOPE)
endfunction()

vigil_grammar(python python/src)
vigil_grammar(javascript javascript/src)
vigil_grammar(typescript typescript/typescript/src)
vigil_grammar(tsx typescript/tsx/src)
vigil_grammar(go go/src)
vigil_grammar(rust rust/src)
vigil_grammar(c c/src)
vigil_grammar(cpp cpp/src)
vigil_grammar(java java/src)
vigil_grammar(bash bash/src)
vigil_grammar(ruby ruby/src)
vigil_grammar(json json/src)
