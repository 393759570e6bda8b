file(REMOVE_RECURSE
  "../../bin/ipcmgr"
  "../../bin/ipcmgr.pdb"
  "CMakeFiles/ipcmgr.dir/main.c.o"
  "CMakeFiles/ipcmgr.dir/main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/ipcmgr.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
