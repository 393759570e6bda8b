file(REMOVE_RECURSE
  "libn2os_proto.a"
)
