
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/lib/buf.c" "lib/CMakeFiles/n2os_lib.dir/buf.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/buf.c.o.d"
  "/work/main/lib/cmdreg.c" "lib/CMakeFiles/n2os_lib.dir/cmdreg.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/cmdreg.c.o.d"
  "/work/main/lib/daemon.c" "lib/CMakeFiles/n2os_lib.dir/daemon.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/daemon.c.o.d"
  "/work/main/lib/frame.c" "lib/CMakeFiles/n2os_lib.dir/frame.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/frame.c.o.d"
  "/work/main/lib/ipc.c" "lib/CMakeFiles/n2os_lib.dir/ipc.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/ipc.c.o.d"
  "/work/main/lib/log.c" "lib/CMakeFiles/n2os_lib.dir/log.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/log.c.o.d"
  "/work/main/lib/loop.c" "lib/CMakeFiles/n2os_lib.dir/loop.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/loop.c.o.d"
  "/work/main/lib/mem.c" "lib/CMakeFiles/n2os_lib.dir/mem.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/mem.c.o.d"
  "/work/main/lib/msg.c" "lib/CMakeFiles/n2os_lib.dir/msg.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/msg.c.o.d"
  "/work/main/lib/sys_service.c" "lib/CMakeFiles/n2os_lib.dir/sys_service.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/sys_service.c.o.d"
  "/work/main/lib/timerheap.c" "lib/CMakeFiles/n2os_lib.dir/timerheap.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/timerheap.c.o.d"
  "/work/main/lib/util.c" "lib/CMakeFiles/n2os_lib.dir/util.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/util.c.o.d"
  "/work/main/lib/yang.c" "lib/CMakeFiles/n2os_lib.dir/yang.c.o" "gcc" "lib/CMakeFiles/n2os_lib.dir/yang.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/proto/CMakeFiles/n2os_proto.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
