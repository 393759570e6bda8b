file(REMOVE_RECURSE
  "../../bin/ribmgr"
  "../../bin/ribmgr.pdb"
  "CMakeFiles/ribmgr.dir/main.c.o"
  "CMakeFiles/ribmgr.dir/main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/ribmgr.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
