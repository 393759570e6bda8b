/* procmgr: the PROCESS manager. Started by `n2os start`; runs the process table, watches and
 * restarts what dies, and stops everything in reverse order on SIGTERM (`n2os stop`).
 * Everything it starts dies with it (PR_SET_PDEATHSIG), so a kill -9 of procmgr leaves no orphans.
 */
#include "bus.h"
#include "log.h"
#include "supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static struct sup sup;

static void on_sigchld(struct n2_loop *loop, int signo, void *arg)
{
	(void)loop;
	(void)signo;
	(void)arg;
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		sup_child_exited(&sup, pid, status);
}

static void on_bus(struct n2_ipc *ipc, int up, void *arg)
{
	(void)ipc;
	(void)arg;
	if (!up)
		return;
	sup_bus_up(&sup);
	procmsg_bus_up(&sup);
}

static void on_shutdown(struct n2_daemon *d)
{
	(void)d;
	sup_stop(&sup);
}

/* Files a crashed instance may have left: sockets and pid files of processes that are gone. */
static void remove_leftovers(struct n2_daemon *d)
{
	char path[PATH_MAX + 64];
	for (int i = 0; i < sup.table.n; i++) {
		snprintf(path, sizeof(path), "%s/%s.pid", d->rundir, sup.table.e[i].name);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/ipc.sock", d->rundir);
	unlink(path);
}

static int notify_fd(void)
{
	const char *s = getenv("N2OS_NOTIFY_FD");
	if (!s)
		return -1;
	int fd = atoi(s);
	unsetenv("N2OS_NOTIFY_FD");
	if (fd <= 2 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -1;
	return fd;
}

static void fail(int nfd, const char *msg)
{
	if (nfd < 0) /* otherwise `n2os start` prints it */
		fprintf(stderr, "procmgr: %s\n", msg);
	if (nfd >= 0) {
		char buf[600];
		int n = snprintf(buf, sizeof(buf), "failed procmgr: %s\n", msg);
		if (write(nfd, buf, (size_t)n) < 0)
			perror("procmgr: notify");
	}
}

enum { OPT_LIST = 256, OPT_TABLE };
static int action; /* OPT_LIST or OPT_TABLE: print and exit instead of running */

static int on_option(struct n2_daemon *d, int val, const char *arg)
{
	(void)d;
	(void)arg;
	action = val;
	return 0;
}

/* The --help text after the common options: the process names come from the built-in table,
 * the single list of processes (tests, the man page and the package read it through --list). */
static void extra_usage(char *buf, size_t len)
{
	struct proctable t;
	char err[256];
	int n = snprintf(
		buf, len,
		"      --list            print the names of the processes of the table, in start\n"
		"                        order, and exit\n"
		"      --table           print the built-in process table and exit\n"
		"\nThe process table is CONFDIR/processes.conf when it exists, else the\n"
		"built-in one (");
	if (pt_parse(&t, pt_default_text, err, sizeof(err)) == 0)
		for (int i = 0; i < t.n && n > 0 && (size_t)n < len; i++)
			n += snprintf(buf + n, len - (size_t)n, "%s%s", i ? ", " : "", t.e[i].name);
	if (n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ").\n");
}

static int print_table(const struct proctable *t)
{
	if (action == OPT_TABLE)
		fputs(pt_default_text, stdout);
	else
		for (int i = 0; i < t->n; i++)
			printf("%s\n", t->e[i].name);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {{"list", no_argument, NULL, OPT_LIST},
						{"table", no_argument, NULL, OPT_TABLE},
						{NULL, 0, NULL, 0}};
	struct n2_daemon d = {
		.name = "procmgr",
		.summary = "n2os PROCESS manager: starts, watches and stops the n2os processes.",
		.options = options,
		.on_option = on_option,
		/* nothing for itself; its children start with the bounding set and drop their own
		 */
		.keep_bounding = 1};
	char usage[1024];
	extra_usage(usage, sizeof(usage));
	int r = n2_daemon_parse(&d, argc, argv, usage);
	if (r)
		return r > 0 ? 0 : 2;
	int nfd = notify_fd();
	struct proctable table;
	char from[PATH_MAX], err[512];
	if (pt_load(&table, d.confdir, from, sizeof(from), err, sizeof(err)) < 0) {
		fail(nfd, err);
		return 1;
	}
	if (action)
		return print_table(&table);
	if (n2_daemon_start(&d, 1) < 0) {
		fail(nfd, "start-up failed (see the log)");
		return 1;
	}
	n2_log_info("procmgr: process table from %s (%d processes)", from, table.n);
	sup_init(&sup, &d, &table, nfd);
	sup.on_change = procmsg_publish_state;
	sup.on_first_up = procmsg_first_up;
	d.on_shutdown = on_shutdown;
	n2_signal_add(d.loop, SIGCHLD, on_sigchld, NULL);
	procmsg_init(&sup);
	n2_ipc_set_state_cb(d.ipc, on_bus, NULL);
	sup_start(&sup);
	int rc = n2_daemon_run(&d);
	remove_leftovers(&d);
	return rc;
}
