# Empty dependencies file for procmgr.
# This may be replaced when dependencies are built.
