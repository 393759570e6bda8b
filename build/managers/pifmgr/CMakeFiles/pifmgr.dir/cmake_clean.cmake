file(REMOVE_RECURSE
  "../../bin/pifmgr"
  "../../bin/pifmgr.pdb"
  "CMakeFiles/pifmgr.dir/main.c.o"
  "CMakeFiles/pifmgr.dir/main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/pifmgr.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
