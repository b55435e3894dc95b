# SSRLINK_SANITIZE=address,undefined or thread applies to every target, so the core, the
# adapters, the library and the tests are instrumented together.
if(SSRLINK_SANITIZE)
  set(_san "-fsanitize=${SSRLINK_SANITIZE}")
  if(SSRLINK_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ 12 warns that TSan does not model Asio's atomic_thread_fence; the fence is not ours.
    string(APPEND _san " -Wno-tsan")
  endif()
  if(SSRLINK_SANITIZE MATCHES "undefined")
    string(APPEND _san " -fno-sanitize-recover=undefined")
  endif()
  string(APPEND CMAKE_C_FLAGS " ${_san} -fno-omit-frame-pointer")
  string(APPEND CMAKE_CXX_FLAGS " ${_san} -fno-omit-frame-pointer")
  string(APPEND CMAKE_EXE_LINKER_FLAGS " ${_san}")
  string(APPEND CMAKE_SHARED_LINKER_FLAGS " ${_san}")
  set(SSRLINK_SANITIZED ON)
else()
  set(SSRLINK_SANITIZED OFF)
endif()
