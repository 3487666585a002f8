# Compiler settings shared by every vigil target, linked PRIVATE as an INTERFACE library so
# third-party code never sees our warning flags.
add_library(vigil_settings INTERFACE)
target_compile_options(vigil_settings INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                       -Wold-style-cast -Wcast-align -Woverloaded-virtual
                       # GCC 12 reports false positives on std::string at -O2/-O3 (GCC PR 105329).
                       -Wno-restrict
                       # Designated initializers that leave members at their defaults are intended.
                       -Wno-missing-field-initializers)
if(VIGIL_WERROR)
  target_compile_options(vigil_settings INTERFACE -Werror)
endif()
target_include_directories(vigil_settings INTERFACE ${PROJECT_SOURCE_DIR}/src)

# vigil_module(NAME SOURCES... [DEPS ...] [PRIVATE_DEPS ...])
# One module = one folder = one static library. DEPS are the vigil modules this one may use
# (only modules above it in DESIGN.md's list); PRIVATE_DEPS are third-party libraries it owns.
function(vigil_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(vigil_${name} STATIC ${ARG_SOURCES})
  target_link_libraries(vigil_${name} PRIVATE vigil_settings ${ARG_PRIVATE_DEPS})
  foreach(dep IN LISTS ARG_DEPS)
    target_link_libraries(vigil_${name} PUBLIC vigil_${dep})
  endforeach()
  target_include_directories(vigil_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
endfunction()
