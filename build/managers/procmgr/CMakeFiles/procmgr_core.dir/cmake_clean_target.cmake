file(REMOVE_RECURSE
  "libprocmgr_core.a"
)
