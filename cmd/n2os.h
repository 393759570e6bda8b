/* The `n2os` command: start, stop and inspect one n2os instance (one --rundir). */
#ifndef N2OS_CMD_H
#define N2OS_CMD_H
#include <limits.h>
#include <sys/types.h>

struct n2os_opts {
	char rundir[PATH_MAX];
	char confdir[PATH_MAX];
	unsigned timeout_s;
	int json;
	const char *log_level;
};

/* n2os_lifecycle.c */
int n2os_start(const struct n2os_opts *o);
int n2os_stop(const struct n2os_opts *o);
/* pid of this instance's procmgr when it is running, else 0 */
pid_t n2os_procmgr_pid(const struct n2os_opts *o);

/* n2os_status.c */
int n2os_status(const struct n2os_opts *o);
int n2os_monitor(const struct n2os_opts *o);
#endif
