# Empty dependencies file for pifmgr.
# This may be replaced when dependencies are built.
