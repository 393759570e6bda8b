file(REMOVE_RECURSE
  "CMakeFiles/n2os_proto.dir/gen/cmd.pb-c.c.o"
  "CMakeFiles/n2os_proto.dir/gen/cmd.pb-c.c.o.d"
  "CMakeFiles/n2os_proto.dir/gen/ipc.pb-c.c.o"
  "CMakeFiles/n2os_proto.dir/gen/ipc.pb-c.c.o.d"
  "CMakeFiles/n2os_proto.dir/gen/proc.pb-c.c.o"
  "CMakeFiles/n2os_proto.dir/gen/proc.pb-c.c.o.d"
  "CMakeFiles/n2os_proto.dir/gen/sys.pb-c.c.o"
  "CMakeFiles/n2os_proto.dir/gen/sys.pb-c.c.o.d"
  "gen/cmd.pb-c.c"
  "gen/cmd.pb-c.h"
  "gen/ipc.pb-c.c"
  "gen/ipc.pb-c.h"
  "gen/proc.pb-c.c"
  "gen/proc.pb-c.h"
  "gen/sys.pb-c.c"
  "gen/sys.pb-c.h"
  "libn2os_proto.a"
  "libn2os_proto.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/n2os_proto.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
