file(REMOVE_RECURSE
  "../../bin/procmgr"
  "../../bin/procmgr.pdb"
  "CMakeFiles/procmgr.dir/main.c.o"
  "CMakeFiles/procmgr.dir/main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/procmgr.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
