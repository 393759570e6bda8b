file(REMOVE_RECURSE
  "libn2os.a"
)
