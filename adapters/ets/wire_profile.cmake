# The built-in wire profile (wire_profile_default.json) has one source, embedded into
# wire_profile.cpp as a raw string literal. A function, because the fuzz targets compile the wire
# files without this directory's library.
set(SSRLINK_DEFAULT_WIRE_PROFILE ${CMAKE_CURRENT_LIST_DIR}/wire_profile_default.json)

function(ssrlink_embed_wire_profile target)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SSRLINK_DEFAULT_WIRE_PROFILE})
  file(READ ${SSRLINK_DEFAULT_WIRE_PROFILE} SSRLINK_WIRE_PROFILE_TEXT)
  set(_dir ${CMAKE_CURRENT_BINARY_DIR}/generated_${target})
  file(CONFIGURE OUTPUT ${_dir}/wire_profile_default.inc
       CONTENT "R\"ssrlinkwire(\${SSRLINK_WIRE_PROFILE_TEXT})ssrlinkwire\"\n")
  target_include_directories(${target} PRIVATE ${_dir})
endfunction()
