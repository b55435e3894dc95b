# Warnings on our own code only (never on Boost or system headers), errors with SSRLINK_WERROR=ON.
# No -Wnull-dereference: at -O2 it reports Asio's inlined internals, not our code.
function(ssrlink_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
      -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
      -Wimplicit-fallthrough>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion>)
  if(SSRLINK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
