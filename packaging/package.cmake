# The Debian package (CPack DEB) and the install rules that only a system install needs: the
# systemd unit, the default startup configuration (a conffile), the package's documents.
# Included from the top CMakeLists.txt. packaging/build-deb.sh configures a build for it
# (prefix /usr, daemons in /usr/lib/n2os) and runs cpack; see docs/user-guide.md.

# systemd looks in /lib/systemd/system (Debian 12 keeps units there; lintian insists);
# any other prefix gets PREFIX/lib/systemd/system.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(_unitdir_default "/lib/systemd/system")
else()
  set(_unitdir_default "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()
set(N2OS_SYSTEMD_UNITDIR "${_unitdir_default}" CACHE PATH "where n2os.service is installed")
set(N2OS_PACKAGE_MAINTAINER "n2os project <n2os@example.org>" CACHE STRING
  "Maintainer field of the Debian package")

set(_pkg ${CMAKE_CURRENT_LIST_DIR})
set(_docdir "${CMAKE_INSTALL_DATADIR}/doc/n2os")
set(_gen ${CMAKE_BINARY_DIR}/packaging)

# The unit names the installed programs and the compile-time run directory.
configure_file(${_pkg}/n2os.service.in ${_gen}/n2os.service @ONLY)
install(FILES ${_gen}/n2os.service DESTINATION ${N2OS_SYSTEMD_UNITDIR})

# The startup configuration: a conffile in the package, so an upgrade never overwrites what
# `write memory` saved; a plain `cmake --install` installs it only when there is none.
install(CODE "
  if(NOT EXISTS \"\$ENV{DESTDIR}${N2OS_CONFDIR}/n2os.conf\")
    file(INSTALL \"${_pkg}/n2os.conf\" DESTINATION \"${N2OS_CONFDIR}\")
  endif()")

# Documents: copyright, a Debian-format changelog (compressed, no timestamp), examples.
string(TIMESTAMP _date "%a, %d %b %Y %H:%M:%S +0000" UTC) # honours SOURCE_DATE_EPOCH
configure_file(${_pkg}/debian/changelog.in ${_gen}/changelog @ONLY)
add_custom_command(OUTPUT ${_gen}/changelog.gz
  COMMAND gzip -9nc ${_gen}/changelog > ${_gen}/changelog.gz
  DEPENDS ${_gen}/changelog)
add_custom_target(n2os_changelog ALL DEPENDS ${_gen}/changelog.gz)
install(FILES ${_pkg}/debian/copyright ${_gen}/changelog.gz DESTINATION ${_docdir})
# processes.conf.example: its comments, then the built-in table as procmgr prints it (the table
# in managers/procmgr/proctable.c is the only place the list of processes is written).
add_custom_command(OUTPUT ${_gen}/processes.conf.example
  COMMAND ${CMAKE_COMMAND} -DPROCMGR=$<TARGET_FILE:procmgr> -DHEAD=${_pkg}/processes.conf.head
    -DOUT=${_gen}/processes.conf.example -P ${_pkg}/gen-processes-example.cmake
  DEPENDS procmgr ${_pkg}/processes.conf.head ${_pkg}/gen-processes-example.cmake)
add_custom_target(n2os_processes_example ALL DEPENDS ${_gen}/processes.conf.example)
install(FILES ${_pkg}/n2os.conf ${_gen}/processes.conf.example DESTINATION ${_docdir}/examples)
foreach(doc README.md docs/user-guide.md docs/cli.md docs/architecture.md)
  if(EXISTS ${PROJECT_SOURCE_DIR}/${doc})
    install(FILES ${PROJECT_SOURCE_DIR}/${doc} DESTINATION ${_docdir})
  endif()
endforeach()
# What lintian reports that is meant so (each override says why); for the package only.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  install(FILES ${_pkg}/debian/lintian-overrides
    DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME n2os)
endif()

# ---- CPack: n2os_<version>_<arch>.deb ----
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME n2os)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "n2os project")
set(CPACK_PACKAGE_CONTACT "${N2OS_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "open network operating system with VRRP")
set(CPACK_PACKAGE_DESCRIPTION
"n2os runs a Linux machine as a router or switch: a set of cooperating processes
(a process manager, a message bus, interface and routing-table managers, a CLI
and YANG configuration manager, and the VRRP protocol process of RFC 3768),
started with `n2os start` and configured in the router-style shell cmsh.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY n2os)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${N2OS_PACKAGE_MAINTAINER}")
# adduser for the n2os group; the libraries are computed by dpkg-shlibdeps when it is there
# (dpkg-dev), else named here (Debian 12's sonames).
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
if(DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, libc6, libnl-3-200, libnl-route-3-200, libprotobuf-c1, libyang2, libreadline8, libcap2")
endif()
# Maintainer scripts and the conffiles list name the compile-time directories.
set(_control)
foreach(f conffiles postinst prerm postrm)
  configure_file(${_pkg}/debian/${f}.in ${_gen}/debian/${f} @ONLY)
  list(APPEND _control ${_gen}/debian/${f})
endforeach()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${_control})
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_SOURCE_GENERATOR "")
include(CPack)
