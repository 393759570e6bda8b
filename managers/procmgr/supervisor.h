/* The supervisor: starts the table's processes in dependency order, knows when each is ready
 * (registered on the bus), watches health (exit and heartbeats), restarts with back-off, gives up
 * after too many restarts, and stops everything in reverse order. */
#ifndef PROCMGR_SUPERVISOR_H
#define PROCMGR_SUPERVISOR_H
#include <sys/types.h>
#include "daemon.h"
#include "proctable.h"

enum ps { PS_STOPPED, PS_STARTING, PS_RUNNING, PS_BACKOFF, PS_STOPPING, PS_FAILED, PS_COUNT };

#define RESTART_WINDOW_US (60u * 1000000u)
#define RESTART_MAX 5 /* more restarts than this within the window: failed */
#define BACKOFF_MIN_US 100000u
#define BACKOFF_MAX_US 5000000u
#define STOP_KILL_US 5000000u /* SIGKILL what has not exited this long after SIGTERM */
#define HEARTBEAT_MISSES 3

struct sup;

struct proc {
	struct sup *sup;
	const struct pt_entry *def;
	pid_t pid;
	enum ps state;
	uint64_t started_us;
	unsigned restarts;                /* since procmgr started */
	uint64_t recent[RESTART_MAX + 1]; /* times of the latest restarts, for the window */
	unsigned nrecent;
	unsigned missed;
	int ping_pending;
	struct n2_timer *t_start, *t_backoff, *t_kill, *t_heartbeat;
	char reason[160];
};

struct sup {
	struct n2_daemon *d;
	struct proctable table;
	struct proc p[PT_MAX_PROCS];
	int stopping;
	int notify_fd; /* `n2os start` waits on this; -1 once told */
	int first_up;  /* everything has been running once */
	void (*on_change)(struct sup *s, const struct proc *p);
	/* Everything runs for the first time: load the startup configuration, then sup_ready(). */
	void (*on_first_up)(struct sup *s);
};

const char *ps_name(enum ps s);
void sup_init(struct sup *s, struct n2_daemon *d, const struct proctable *t, int notify_fd);
void sup_start(struct sup *s);
void sup_stop(struct sup *s);
void sup_child_exited(struct sup *s, pid_t pid, int status);
void sup_registered(struct sup *s, const char *name, pid_t pid);
void sup_unregistered(struct sup *s, const char *name, pid_t pid);
/* A ready=config process has applied its configuration (its "proc.ready" event). */
void sup_config_ready(struct sup *s, const char *name);
/* The bus came back (or up for the first time). */
void sup_bus_up(struct sup *s);
int sup_all_running(const struct sup *s);
/* Tells `n2os start` one line of news (e.g. a startup-configuration error). */
void sup_notify_line(struct sup *s, const char *line);
/* Tells `n2os start` that the instance is ready. */
void sup_ready(struct sup *s);
#endif
