# Empty dependencies file for n2os.
# This may be replaced when dependencies are built.
