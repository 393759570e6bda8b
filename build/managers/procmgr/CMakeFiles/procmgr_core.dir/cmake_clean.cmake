file(REMOVE_RECURSE
  "CMakeFiles/procmgr_core.dir/bus_msgs.c.o"
  "CMakeFiles/procmgr_core.dir/bus_msgs.c.o.d"
  "CMakeFiles/procmgr_core.dir/proctable.c.o"
  "CMakeFiles/procmgr_core.dir/proctable.c.o.d"
  "CMakeFiles/procmgr_core.dir/supervisor.c.o"
  "CMakeFiles/procmgr_core.dir/supervisor.c.o.d"
  "libprocmgr_core.a"
  "libprocmgr_core.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/procmgr_core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
