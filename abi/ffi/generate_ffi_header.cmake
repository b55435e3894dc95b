# Writes the FFI headers of ssrlink.h (run at build time by abi/ffi/CMakeLists.txt):
#   cmake -DCC=<C compiler> -DHEADER=<ssrlink.h> -DOUT_DIR=<dir> -DLIBRARY_NAME=libssrlink.so.1
#         -P generate_ffi_header.cmake
#
# FFI parsers such as PHP's FFI::cdef read C declarations but no preprocessor lines, no
# attributes and no system headers (they know uint32_t, size_t and the like themselves), and
# they cannot see a #define. So:
#   1. the C preprocessor expands ssrlink.h with SSRLINK_API defined empty (the header allows a
#      host to do that), no predefined macros and empty stand-ins for the system headers it
#      includes: what is left is the declarations exactly as a C compiler sees them;
#   2. every `#define SSRLINK_<NAME> <value>` of the header whose value the preprocessor expands
#      to an integer constant expression becomes an enum constant with that value, grouped under
#      the header's "---- <section> ----" headings, so `$ffi->SSRLINK_OK` works in PHP;
#   3. the result is written twice: ssrlink_ffi.h for FFI::cdef(code, library), and
#      ssrlink_ffi_preload.h for FFI::load() in opcache.preload, which must start with the only
#      two preprocessor lines PHP accepts, FFI_SCOPE and FFI_LIB.
# Nothing here knows the header's names: a constant, function or field added to ssrlink.h
# appears in the FFI headers at the next build.
cmake_minimum_required(VERSION 3.25)
foreach(_var CC HEADER OUT_DIR LIBRARY_NAME)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "generate_ffi_header.cmake needs -D${_var}=...")
  endif()
endforeach()

set(_work ${OUT_DIR}/generator)
file(REMOVE_RECURSE ${_work})
file(MAKE_DIRECTORY ${_work}/stub)
file(READ ${HEADER} _text)

# Empty stand-ins for every <system header> ssrlink.h includes: the FFI parser provides the
# types, and the real headers would drag in glibc's own declarations and attributes.
string(REGEX MATCHALL "#[ \t]*include[ \t]*<[^>]+>" _includes "${_text}")
foreach(_include IN LISTS _includes)
  string(REGEX REPLACE ".*<([^>]+)>" "\\1" _name "${_include}")
  file(WRITE ${_work}/stub/${_name} "")
endforeach()
set(_cpp ${CC} -E -P -undef -nostdinc -isystem ${_work}/stub -DSSRLINK_API= -x c)

function(run_preprocessor input result_var)
  execute_process(COMMAND ${_cpp} ${input} OUTPUT_VARIABLE _out ERROR_VARIABLE _err
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "The C preprocessor failed on ${input}:\n${_err}")
  endif()
  set(${result_var} "${_out}" PARENT_SCOPE)
endfunction()

# 1. The declarations. The preprocessor leaves blank lines where directives were; keep at most
# one in a row so the file reads like the header.
run_preprocessor(${HEADER} _declarations)
string(REGEX REPLACE "\n[ \t]*(\n[ \t]*)+" "\n\n" _declarations "${_declarations}")
# The space an empty SSRLINK_API leaves in front of each function.
string(REGEX REPLACE "(^|\n) ([^ ])" "\\1\\2" _declarations "${_declarations}")
string(STRIP "${_declarations}" _declarations)
if(_declarations MATCHES "__attribute__|__declspec|#")
  message(FATAL_ERROR "${HEADER} still holds attributes or directives after preprocessing with "
                      "SSRLINK_API empty; an FFI parser cannot read them:\n${_declarations}")
endif()

# 2. The constants, in the header's order, each under the section heading it follows. The
# preprocessor, not this script, says what each one is worth: a probe file expands every name
# after including the header (a string literal is not expanded, so it carries the name).
string(REPLACE ";" "\\;" _text "${_text}")
string(REPLACE "\n" ";" _lines "${_text}")
set(_names "")
set(_section "Constants")
foreach(_line IN LISTS _lines)
  if(_line MATCHES "/\\*[ \t]*-+[ \t]+(.*[^- \t])[ \t]+-+")
    string(REGEX REPLACE "[;\\]" "," _section "${CMAKE_MATCH_1}")  # one CMake list element
  elseif(_line MATCHES "^[ \t]*#[ \t]*define[ \t]+(SSRLINK_[A-Za-z0-9_]+)[ \t]+[^ \t]")
    set(_name ${CMAKE_MATCH_1})
    if(NOT _name IN_LIST _names)
      list(APPEND _names ${_name})
      set(_section_of_${_name} "${_section}")
    endif()
  endif()
endforeach()

set(_probe "#include \"${HEADER}\"\n")
foreach(_name IN LISTS _names)
  string(APPEND _probe "\"${_name}\" = ${_name}\n")
endforeach()
file(WRITE ${_work}/probe.c "${_probe}")
run_preprocessor(${_work}/probe.c _expanded)
string(REPLACE ";" "\\;" _expanded "${_expanded}")
string(REPLACE "\n" ";" _expanded "${_expanded}")

set(_sections "")
foreach(_line IN LISTS _expanded)
  if(NOT _line MATCHES "^\"(SSRLINK_[A-Za-z0-9_]+)\" = (.*)$")
    continue()
  endif()
  set(_name ${CMAKE_MATCH_1})
  string(STRIP "${CMAKE_MATCH_2}" _expr)
  if(_expr STREQUAL "")
    continue()  # a macro defined empty, such as SSRLINK_API here
  endif()
  # An integer constant expression: decimal or hex literals (suffixes dropped), parentheses and
  # the operators math(EXPR) evaluates as C does. Anything else (a string, a cast, a name left
  # over, an octal literal) is not a constant an FFI enum can hold: say so, once per build.
  string(REGEX REPLACE "(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]+" "\\1" _expr "${_expr}")
  string(REGEX REPLACE "0[xX][0-9a-fA-F]+|[1-9][0-9]*|0|<<|>>|[-+*/%|&^~() \t]" "" _rest
                       "${_expr}")
  if(NOT _rest STREQUAL "" OR _expr MATCHES "(^|[^0-9a-fA-FxX])0[0-9]")
    message(WARNING "${HEADER}: ${_name} (${_expr}) is not an integer constant; it is left out "
                    "of the FFI header.")
    continue()
  endif()
  math(EXPR _value "${_expr}" OUTPUT_FORMAT DECIMAL)
  set(_section "${_section_of_${_name}}")
  list(FIND _sections "${_section}" _index)
  if(_index EQUAL -1)
    list(LENGTH _sections _index)
    list(APPEND _sections "${_section}")
    set(_members_${_index} "")
  endif()
  list(APPEND _members_${_index} "  ${_name} = ${_value}")
endforeach()
if(NOT _sections)
  message(FATAL_ERROR "${HEADER} defines no SSRLINK_* integer constant; is it the right file?")
endif()

set(_enums "")
set(_index 0)
foreach(_section IN LISTS _sections)
  list(JOIN _members_${_index} ",\n" _body)
  string(APPEND _enums "/* ${_section} */\nenum {\n${_body}\n};\n\n")
  math(EXPR _index "${_index} + 1")
endforeach()

# 3. The two files.
get_filename_component(_header_name ${HEADER} NAME)
set(_body "/* Generated at build time from ${_header_name} by abi/ffi/generate_ffi_header.cmake: do not
 * edit. The declarations of ${_header_name} as an FFI parser (PHP's FFI::cdef) reads them: no
 * preprocessor lines, no attributes, the #define constants as enums. The rules of every function
 * are in ${_header_name} and docs/abi.md. */

${_enums}${_declarations}
")
file(WRITE ${OUT_DIR}/ssrlink_ffi.h "${_body}")
file(WRITE ${OUT_DIR}/ssrlink_ffi_preload.h
     "#define FFI_SCOPE \"ssrlink\"\n#define FFI_LIB \"${LIBRARY_NAME}\"\n${_body}")
