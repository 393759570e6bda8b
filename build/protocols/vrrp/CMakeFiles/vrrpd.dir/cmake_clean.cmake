file(REMOVE_RECURSE
  "../../bin/vrrpd"
  "../../bin/vrrpd.pdb"
  "CMakeFiles/vrrpd.dir/main.c.o"
  "CMakeFiles/vrrpd.dir/main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/vrrpd.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
