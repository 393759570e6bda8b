/* Daemon start-up (see daemon.h). */
#include "daemon.h"
#include "log.h"
#include "privs.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(const struct n2_daemon *d, const char *extra)
{
	printf("Usage: %s [OPTION]...\n%s\n\n"
	       "  -r, --rundir DIR      run-state directory: bus socket, pid files (default %s)\n"
	       "  -c, --confdir DIR     configuration directory (default %s)\n"
	       "  -f, --foreground      stay in the foreground and log to stderr\n"
	       "  -l, --log-level LVL   emerg, alert, crit, err, warning, notice, info (default), "
	       "debug\n"
	       "  -h, --help            show this help\n"
	       "  -V, --version         show the version\n"
	       "%s\n"
	       "Normally started by `n2os start` (procmgr runs the others), not by hand. SIGTERM "
	       "or\n"
	       "SIGINT stops it cleanly. Exit status: 0 after a clean stop, 1 on a start-up "
	       "failure,\n"
	       "2 on bad options.\n",
	       d->name, d->summary, N2OS_DEFAULT_RUNDIR, N2OS_DEFAULT_CONFDIR, extra ? extra : "");
}

int n2_daemon_parse(struct n2_daemon *d, int argc, char **argv, const char *extra_usage)
{
	static const struct option opts[] = {{"rundir", required_argument, NULL, 'r'},
					     {"confdir", required_argument, NULL, 'c'},
					     {"foreground", no_argument, NULL, 'f'},
					     {"log-level", required_argument, NULL, 'l'},
					     {"help", no_argument, NULL, 'h'},
					     {"version", no_argument, NULL, 'V'},
					     {NULL, 0, NULL, 0}};
	snprintf(d->rundir, sizeof(d->rundir), "%s", N2OS_DEFAULT_RUNDIR);
	snprintf(d->confdir, sizeof(d->confdir), "%s", N2OS_DEFAULT_CONFDIR);
	d->log_level = LOG_INFO;
	d->pidfd = -1;
	struct option all[24];
	size_t n = 0;
	for (; opts[n].name; n++)
		all[n] = opts[n];
	for (size_t i = 0; d->options && d->options[i].name && n + 1 < sizeof(all) / sizeof(*all);
	     i++)
		all[n++] = d->options[i];
	all[n] = opts[sizeof(opts) / sizeof(*opts) - 1];
	int c;
	while ((c = getopt_long(argc, argv, "r:c:fl:hV", all, NULL)) != -1) {
		if (c >= 256 && d->on_option) {
			int r = d->on_option(d, c, optarg);
			if (r)
				return r;
			continue;
		}
		switch (c) {
		case 'r':
		case 'c':
			if (n2_abspath(optarg, c == 'r' ? d->rundir : d->confdir, PATH_MAX) < 0) {
				fprintf(stderr, "%s: bad directory '%s'\n", d->name, optarg);
				return -1;
			}
			break;
		case 'f':
			d->foreground = 1;
			break;
		case 'l':
			if ((d->log_level = n2_log_level_parse(optarg)) < 0) {
				fprintf(stderr,
					"%s: unknown log level '%s' (emerg, alert, crit, err, "
					"warning, notice, info, debug)\n",
					d->name, optarg);
				return -1;
			}
			break;
		case 'h':
			usage(d, extra_usage);
			return 1;
		case 'V':
			printf("%s (n2os) %s\n", d->name, N2OS_VERSION);
			return 1;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", d->name);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", d->name, argv[optind]);
		return -1;
	}
	return 0;
}

int n2_rundir_path(const struct n2_daemon *d, const char *file, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/%s", d->rundir, file);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int write_pidfile(struct n2_daemon *d)
{
	char path[PATH_MAX], name[80];
	snprintf(name, sizeof(name), "%s.pid", d->name);
	if (n2_rundir_path(d, name, path, sizeof(path)) < 0)
		return -1;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		n2_log_err("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		n2_log_err("%s is already running in %s (pid file %s is locked)", d->name,
			   d->rundir, path);
		close(fd);
		return -1;
	}
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(fd, 0) < 0 || write(fd, buf, (size_t)n) != n) {
		n2_log_err("cannot write %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	d->pidfd = fd;
	return 0;
}

static void on_signal(struct n2_loop *loop, int signo, void *arg)
{
	(void)loop;
	struct n2_daemon *d = arg;
	if (d->shutting_down)
		return;
	d->shutting_down = 1;
	n2_log_info("%s: stopping (%s)", d->name, strsignal(signo));
	if (d->on_shutdown)
		d->on_shutdown(d);
	else
		n2_daemon_exit(d);
}

void n2_daemon_exit(struct n2_daemon *d)
{
	n2_loop_stop(d->loop);
}

/* Processes that procmgr manages die with it, so a kill -9 of procmgr leaves no orphans. */
static void follow_procmgr(void)
{
	const char *ppid = getenv("N2OS_PROCMGR_PID");
	if (!ppid)
		return;
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != (pid_t)atoi(ppid))
		raise(SIGTERM); /* it died before prctl took effect */
}

int n2_daemon_start(struct n2_daemon *d, int connect_bus)
{
	/* In the foreground we log to stderr (procmgr points it at RUNDIR/NAME.log); detached, to
	 * RUNDIR/NAME.log ourselves; managed or detached, to syslog as well. */
	umask(022); /* nothing n2os creates is writable by others, whatever umask started it */
	unsigned sinks = N2_LOG_STDERR;
	if (!d->foreground || getenv("N2OS_PROCMGR_PID"))
		sinks |= N2_LOG_SYSLOG;
	n2_log_init(d->name, sinks, d->log_level);
	if (n2_mkdir_p(d->rundir, 0755) < 0) {
		n2_log_err("cannot create run directory %s: %s", d->rundir, strerror(errno));
		return -1;
	}
	if (!d->foreground) {
		if (daemon(0, 0) < 0) {
			n2_log_err("daemon: %s", strerror(errno));
			return -1;
		}
		char log[PATH_MAX + 80];
		snprintf(log, sizeof(log), "%s/%s.log", d->rundir, d->name);
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
		if (fd >= 0) {
			dup2(fd, 2); /* dup2 clears close-on-exec on fd 2 */
			close(fd);
		}
	}
	signal(SIGPIPE, SIG_IGN);
	follow_procmgr();
	if (write_pidfile(d) < 0)
		return -1;
	d->started_us = n2_now_us();
	d->loop = n2_loop_new();
	if (!d->loop) {
		n2_log_err("cannot create the event loop: %s", strerror(errno));
		return -1;
	}
	n2_signal_add(d->loop, SIGTERM, on_signal, d);
	n2_signal_add(d->loop, SIGINT, on_signal, d);
	if (connect_bus) {
		char path[PATH_MAX];
		if (n2_ipc_sock_path(d->rundir, path, sizeof(path)) < 0 ||
		    !(d->ipc = n2_ipc_new(d->loop, path, d->name))) {
			n2_log_err("bus socket path in %s is too long", d->rundir);
			return -1;
		}
		n2_sys_services(d->ipc, d->started_us);
		n2_ipc_set_aliases(d->ipc, d->aliases);
		n2_ipc_start(d->ipc);
	}
	n2_log_info("%s %s started (pid %d, rundir %s)", d->name, N2OS_VERSION, (int)getpid(),
		    d->rundir);
	return 0;
}

/* Whatever the process set up with privileges (sockets, the bus socket's owner) is done: from
 * here on it runs with d->caps only. */
static void drop_privileges(const struct n2_daemon *d)
{
	char names[256];
	if (n2_privs_keep(d->caps, !d->keep_bounding) < 0) {
		n2_log_err("cannot drop capabilities: %s", strerror(errno));
		return;
	}
	n2_privs_names(n2_privs_effective(), names, sizeof(names));
	n2_log_info("capabilities kept: %s", names);
}

int n2_daemon_run(struct n2_daemon *d)
{
	drop_privileges(d);
	int rc = n2_loop_run(d->loop) < 0 ? 1 : 0;
	if (d->on_exit)
		d->on_exit(d);
	n2_ipc_free(d->ipc);
	d->ipc = NULL;
	char path[PATH_MAX], name[80];
	snprintf(name, sizeof(name), "%s.pid", d->name);
	if (n2_rundir_path(d, name, path, sizeof(path)) == 0)
		unlink(path);
	if (d->pidfd >= 0)
		close(d->pidfd);
	n2_loop_free(d->loop);
	d->loop = NULL;
	n2_log_info("%s stopped", d->name);
	return rc;
}
