file(REMOVE_RECURSE
  "../bin/n2os"
  "../bin/n2os.pdb"
  "CMakeFiles/n2os.dir/n2os_lifecycle.c.o"
  "CMakeFiles/n2os.dir/n2os_lifecycle.c.o.d"
  "CMakeFiles/n2os.dir/n2os_main.c.o"
  "CMakeFiles/n2os.dir/n2os_main.c.o.d"
  "CMakeFiles/n2os.dir/n2os_status.c.o"
  "CMakeFiles/n2os.dir/n2os_status.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/n2os.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
