file(REMOVE_RECURSE
  "CMakeFiles/n2os_lib.dir/buf.c.o"
  "CMakeFiles/n2os_lib.dir/buf.c.o.d"
  "CMakeFiles/n2os_lib.dir/cmdreg.c.o"
  "CMakeFiles/n2os_lib.dir/cmdreg.c.o.d"
  "CMakeFiles/n2os_lib.dir/daemon.c.o"
  "CMakeFiles/n2os_lib.dir/daemon.c.o.d"
  "CMakeFiles/n2os_lib.dir/frame.c.o"
  "CMakeFiles/n2os_lib.dir/frame.c.o.d"
  "CMakeFiles/n2os_lib.dir/ipc.c.o"
  "CMakeFiles/n2os_lib.dir/ipc.c.o.d"
  "CMakeFiles/n2os_lib.dir/log.c.o"
  "CMakeFiles/n2os_lib.dir/log.c.o.d"
  "CMakeFiles/n2os_lib.dir/loop.c.o"
  "CMakeFiles/n2os_lib.dir/loop.c.o.d"
  "CMakeFiles/n2os_lib.dir/mem.c.o"
  "CMakeFiles/n2os_lib.dir/mem.c.o.d"
  "CMakeFiles/n2os_lib.dir/msg.c.o"
  "CMakeFiles/n2os_lib.dir/msg.c.o.d"
  "CMakeFiles/n2os_lib.dir/sys_service.c.o"
  "CMakeFiles/n2os_lib.dir/sys_service.c.o.d"
  "CMakeFiles/n2os_lib.dir/timerheap.c.o"
  "CMakeFiles/n2os_lib.dir/timerheap.c.o.d"
  "CMakeFiles/n2os_lib.dir/util.c.o"
  "CMakeFiles/n2os_lib.dir/util.c.o.d"
  "CMakeFiles/n2os_lib.dir/yang.c.o"
  "CMakeFiles/n2os_lib.dir/yang.c.o.d"
  "libn2os.a"
  "libn2os.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/n2os_lib.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
