file(REMOVE_RECURSE
  "CMakeFiles/ipcmgr_bus.dir/bus.c.o"
  "CMakeFiles/ipcmgr_bus.dir/bus.c.o.d"
  "libipcmgr_bus.a"
  "libipcmgr_bus.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/ipcmgr_bus.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
