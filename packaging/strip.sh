#!/bin/sh
# CMAKE_STRIP for the package build: strip as dh_strip does (also the .comment and .note
# sections, which a plain strip leaves and lintian reports).
exec strip --remove-section=.comment --remove-section=.note "$@"
