/* Daemon start-up shared by every n2os process: common options, logging, pid file, the loop,
 * clean shutdown on SIGTERM/SIGINT, the bus connection and the sys.* services every process
 * answers (ping, log, memory). */
#ifndef N2_DAEMON_H
#define N2_DAEMON_H
#include <limits.h>
#include <getopt.h>
#include <stdint.h>
#include "ipc.h"
#include "loop.h"

struct n2_daemon;
typedef void (*n2_daemon_cb)(struct n2_daemon *d);

struct n2_daemon {
	const char *name;    /* process and bus name */
	const char *summary; /* one line for --help */
	/* Other names it answers to on the bus (NULL-terminated; may be NULL): the short name an
	 * operator types, e.g. "vrrp" for vrrpd in `show memory vrrp` and `log vrrp priority`. */
	const char *const *aliases;
	char rundir[PATH_MAX];
	char confdir[PATH_MAX];
	int foreground;
	int log_level;
	struct n2_loop *loop;
	struct n2_ipc *ipc; /* NULL for ipcmgr, which is the bus */
	uint64_t started_us;
	/* Called on SIGTERM/SIGINT; the default stops the loop. A process that must do something
	 * first (resign VRRP mastership, stop children) sets it and calls n2_daemon_exit() later.
	 */
	n2_daemon_cb on_shutdown;
	/* Called after the loop has stopped, before the bus connection and loop are freed. */
	n2_daemon_cb on_exit;
	int shutting_down;
	int pidfd; /* locked pid file */
	/* Options of this process only (may be NULL): long-only options (has_arg no_argument or
	 * required_argument, val >= 256), each handed to on_option; it returns 0 to go on, 1 to
	 * exit 0 (an action such as procmgr's --list is done), -1 on a bad value. */
	const struct option *options;
	int (*on_option)(struct n2_daemon *d, int val, const char *arg);
	/* The capabilities it keeps once started (N2_CAP bits, privs.h; docs/security.md says
	 * which and why): n2_daemon_run drops the others before the loop runs, from the bounding
	 * set too unless keep_bounding (procmgr, whose children need theirs). */
	uint64_t caps;
	int keep_bounding;
};

/* Parses --rundir, --confdir, --foreground, --log-level, --help, --version.
 * Returns 0 to go on, 1 when --help/--version was printed (exit 0), -1 on a bad option (a message
 * has been printed; exit 2). `extra_usage` (may be NULL) is appended to --help. */
int n2_daemon_parse(struct n2_daemon *d, int argc, char **argv, const char *extra_usage);
/* Detaches unless --foreground, opens the log, writes $RUNDIR/<name>.pid (refusing to run twice),
 * creates the loop and handles signals. With connect_bus, connects to the bus as `name`. */
int n2_daemon_start(struct n2_daemon *d, int connect_bus);
/* Drops the capabilities but d->caps (the start-up is over), runs the loop; on return removes the
 * pid file and frees what start made. Returns exit status. */
int n2_daemon_run(struct n2_daemon *d);
void n2_daemon_exit(struct n2_daemon *d);
/* Registers the sys.* services on an IPC client. */
void n2_sys_services(struct n2_ipc *ipc, uint64_t started_us);
/* Path of a file in the run directory. */
int n2_rundir_path(const struct n2_daemon *d, const char *file, char *buf, size_t len);
#endif
