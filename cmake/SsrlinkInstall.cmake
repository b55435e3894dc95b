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
