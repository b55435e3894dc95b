# cmake --install: the library, its header, a CMake package (find_package(ssrlink)), a pkg-config
# file, the SQL scripts and the docs; `cpack -G DEB` makes a Debian package of the same.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS ssrlink EXPORT ssrlinkTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development
  PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ssrlink COMPONENT development)
install(EXPORT ssrlinkTargets NAMESPACE ssrlink:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ssrlink
  COMPONENT development)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/ssrlinkConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/ssrlinkConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ssrlink)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/ssrlinkConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ssrlinkConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/ssrlinkConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/ssrlink COMPONENT development)
# The pkg-config file names its directories relative to itself (${pcfiledir}), like the CMake
# package, so `cmake --install build --prefix /opt/ssrlink` gives a working file too (the test
# package.consumer_builds_against_the_install installs into a scratch prefix). Under /usr, the
# prefix of a distribution's package, the paths stay absolute: pkg-config leaves system
# directories out of --cflags and --libs only when it recognises them.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr" OR IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}"
   OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(SSRLINK_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(SSRLINK_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(SSRLINK_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH _pc_to_prefix "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
  set(SSRLINK_PC_PREFIX "\${pcfiledir}/${_pc_to_prefix}")
  set(SSRLINK_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(SSRLINK_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/ssrlink.pc.in ${CMAKE_CURRENT_BINARY_DIR}/ssrlink.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ssrlink.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sql/ DESTINATION ${CMAKE_INSTALL_DATADIR}/ssrlink/sql
  COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)

set(CPACK_PACKAGE_NAME libssrlink1)
set(CPACK_PACKAGE_VENDOR "ssrlink")
set(CPACK_PACKAGE_CONTACT "ssrlink maintainers")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libsqliteodbc | odbc-postgresql")
include(CPack)
