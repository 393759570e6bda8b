# Empty dependencies file for ipcmgr_bus.
# This may be replaced when dependencies are built.
