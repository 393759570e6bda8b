#!/usr/bin/env bash
# tests/integration/lab_interop.sh: the lab acceptance test (lab_acceptance.sh, every step of the
# paper) with r2 running keepalived (VRRPv2) instead of n2os, and text authentication on both
# sides: n2os and a standard VRRPv2 router elect, hand over, preempt and track together.
# shellcheck disable=SC2034 # read by lab_acceptance.sh
N2LAB_R2=keepalived
source "$(dirname "${BASH_SOURCE[0]}")/lab_acceptance.sh"
