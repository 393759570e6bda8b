# Empty dependencies file for ribmgr.
# This may be replaced when dependencies are built.
