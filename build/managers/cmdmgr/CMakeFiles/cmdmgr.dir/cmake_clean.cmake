file(REMOVE_RECURSE
  "../../bin/cmdmgr"
  "../../bin/cmdmgr.pdb"
  "CMakeFiles/cmdmgr.dir/main.c.o"
  "CMakeFiles/cmdmgr.dir/main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/cmdmgr.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
