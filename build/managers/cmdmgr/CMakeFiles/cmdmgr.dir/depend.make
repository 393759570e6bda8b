# Empty dependencies file for cmdmgr.
# This may be replaced when dependencies are built.
