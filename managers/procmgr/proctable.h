/* The process table: which processes procmgr runs, in which order, with which health checks.
 * A built-in default, replaced by $CONFDIR/processes.conf when that file exists, so adding a
 * protocol process is one line. Parsing is pure (text in, table or a precise error out). */
#ifndef PROCMGR_PROCTABLE_H
#define PROCMGR_PROCTABLE_H
#include <stddef.h>

#define PT_MAX_PROCS 32
#define PT_MAX_DEPS 8 /* entries one `after` may name, besides the bus every entry needs */
#define PT_NAME_LEN 32

struct pt_entry {
	char name[PT_NAME_LEN]; /* bus name; also the pid file and log file name */
	char program[128];      /* file name next to procmgr, or an absolute path */
	int ndeps;
	int deps[PT_MAX_DEPS + 1]; /* indexes of earlier entries it starts after, each once */
	unsigned heartbeat_ms;     /* 0 = no heartbeat */
	unsigned start_timeout_ms; /* must register on the bus within this */
	int ready_config;          /* ready=config: started once its configuration is applied
				    * (it publishes "proc.ready"), not just when on the bus */
};

struct proctable {
	int n;
	struct pt_entry e[PT_MAX_PROCS];
};

/* The built-in table: the one list of n2os processes (`procmgr --list` / `--table` print it
 * for the tests, the man page and the package). */
extern const char pt_default_text[];

/* Parses a table. Returns 0, or -1 with "LINE: reason" in err. Rules: the first entry is
 * ipcmgr (the bus); names are unique; `after` names earlier entries only (so there is no cycle);
 * every other entry implicitly starts after ipcmgr. */
int pt_parse(struct proctable *t, const char *text, char *err, size_t errlen);
/* Loads $confdir/processes.conf if it exists, else the default. Sets *from to the source. */
int pt_load(struct proctable *t, const char *confdir, char *from, size_t fromlen, char *err,
	    size_t errlen);
int pt_index(const struct proctable *t, const char *name);
/* 1 if entry a must be running before b starts (directly or through others). */
int pt_depends(const struct proctable *t, int b, int a);
#endif
