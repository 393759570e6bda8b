# Empty dependencies file for n2os_lib.
# This may be replaced when dependencies are built.
