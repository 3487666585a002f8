# Every dependency comes from Debian 12 packages (scripts/install-deps.sh installs them).
# Debian ships no CMake config for libgit2, re2, tree-sitter or cpp-httplib: use pkg-config,
# without version constraints on re2 (its .pc says 0.0.0).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(libgit2 REQUIRED IMPORTED_TARGET libgit2>=1.5)
pkg_check_modules(re2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(libcurl REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(sqlite3 REQUIRED IMPORTED_TARGET sqlite3)
find_package(tomlplusplus 3 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 2 REQUIRED)
find_package(fmt 9 REQUIRED)
# cpp-httplib serves the fake model servers in tests only. Debian builds it as a shared library
# with OpenSSL, zlib and brotli support; its pkg-config flags must be used as they are.
if(VIGIL_BUILD_TESTS)
  pkg_check_modules(httplib REQUIRED IMPORTED_TARGET cpp-httplib)
endif()
