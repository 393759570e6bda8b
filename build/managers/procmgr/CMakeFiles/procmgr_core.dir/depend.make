# Empty dependencies file for procmgr_core.
# This may be replaced when dependencies are built.
