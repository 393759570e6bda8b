# processes.conf.example = processes.conf.head (comments) + the built-in table that procmgr
# prints. Run as: cmake -DPROCMGR=... -DHEAD=... -DOUT=... -P gen-processes-example.cmake
execute_process(COMMAND ${PROCMGR} --table OUTPUT_VARIABLE table RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROCMGR} --table failed")
endif()
file(READ ${HEAD} head)
file(WRITE ${OUT} "${head}${table}")
