# ssrlink_add_test(<name> SOURCES ... LIBS ... [LABELS ...] [WHOLE_BINARY] [TIMEOUT s]): one
# GoogleTest binary with warnings as errors. By default ctest discovers each test and runs it in
# its own process; WHOLE_BINARY registers the binary as one ctest entry instead, for binaries
# whose expensive fixture (a PostgreSQL server, a fake ETS) should start once, not per test.
function(ssrlink_add_test name)
  cmake_parse_arguments(ARG "WHOLE_BINARY" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main)
  ssrlink_warnings(${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  if(ARG_WHOLE_BINARY)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
  else()
    # gtest_discover_tests passes PROPERTIES through several list expansions, which split a
    # label list into stray property names; so several labels become one, joined by "-"
    # ("integration-concurrency"), which `ctest -L integration` and `-L concurrency` both match.
    string(JOIN "-" _labels ${ARG_LABELS})
    gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
                         PROPERTIES LABELS "${_labels}" TIMEOUT ${ARG_TIMEOUT})
  endif()
endfunction()
