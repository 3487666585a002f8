# Writes OUTPUT: a C++ file holding the rule packs given in PACKS (a ;-list of files relative
# to SOURCE_DIR) as raw string literals, so the binary needs no files at run time.
set(body "// Generated from rules/*.toml by cmake/EmbedRules.cmake. Do not edit.\n")
string(APPEND body "#include \"rule_file.hpp\"\nnamespace vigil::rules::detail {\n")
string(APPEND body "extern const DefaultPack k_default_packs[] = {\n")
set(count 0)
foreach(pack IN LISTS PACKS)
  file(READ "${SOURCE_DIR}/${pack}" text)
  string(APPEND body "  {\"${pack}\", R\"vigil_pack(${text})vigil_pack\"},\n")
  math(EXPR count "${count} + 1")
endforeach()
string(APPEND body "};\nextern const size_t k_default_pack_count = ${count};\n}\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
