/* Dropping privileges after start-up: a process keeps only the capabilities it needs
 * (docs/security.md lists them per process and says why). */
#ifndef N2_PRIVS_H
#define N2_PRIVS_H
#include <stddef.h>
#include <stdint.h>
#include <linux/capability.h> /* the CAP_* numbers */

/* A set of capabilities as a bit mask of CAP_* numbers: N2_CAP(CAP_NET_ADMIN) | ... */
#define N2_CAP(c) (UINT64_C(1) << (c))

/* Keeps only the capabilities in `keep` (effective and permitted; one the process does not have
 * stays absent, so an unprivileged run is not an error) and clears the inheritable and ambient
 * sets. With drop_bounding, the others also leave the bounding set, so that no program the
 * process might run gets them back (procmgr keeps its bounding set: the processes it starts
 * need theirs). Returns 0, or -1 with errno. */
int n2_privs_keep(uint64_t keep, int drop_bounding);
/* The effective set now, as a mask (for logs and tests). */
uint64_t n2_privs_effective(void);
/* Names of the capabilities in mask, e.g. "cap_net_admin,cap_net_raw", or "none". */
void n2_privs_names(uint64_t mask, char *out, size_t len);
#endif
