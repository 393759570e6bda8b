# Empty dependencies file for vrrpd.
# This may be replaced when dependencies are built.
