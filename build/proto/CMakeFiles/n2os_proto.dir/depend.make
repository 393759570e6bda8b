# Empty dependencies file for n2os_proto.
# This may be replaced when dependencies are built.
