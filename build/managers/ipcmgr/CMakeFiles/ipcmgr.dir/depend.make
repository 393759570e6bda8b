# Empty dependencies file for ipcmgr.
# This may be replaced when dependencies are built.
