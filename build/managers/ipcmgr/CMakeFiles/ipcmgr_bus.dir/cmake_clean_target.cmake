file(REMOVE_RECURSE
  "libipcmgr_bus.a"
)
