/* `n2os start` and `n2os stop`. Start waits on a pipe that procmgr answers once every process has
 * registered on the bus (or one has failed); stop waits on a pidfd until procmgr has gone. */
#include "n2os.h"
#include "util.h"

#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* True when pid is alive (not a zombie) and runs a program whose name (comm) is `name`: pid
 * files can be stale and pids reused. */
static int pid_is(pid_t pid, const char *name)
{
	char buf[512];
	const char *comm, *rest;
	if (n2_proc_stat(pid, buf, sizeof(buf), &comm, &rest) < 0)
		return 0;
	return rest[0] != 'Z' && rest[0] != 'X' && !strncmp(comm, name, 15);
}

pid_t n2os_procmgr_pid(const struct n2os_opts *o)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/procmgr.pid", o->rundir);
	pid_t pid = n2_read_pidfile(path);
	return pid && pid_is(pid, "procmgr") ? pid : 0;
}

/* Waits until pid exits or timeout_ms passes. Returns 1 when it is gone. */
static int wait_gone(pid_t pid, int timeout_ms)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0)
		return errno == ESRCH;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int r = poll(&p, 1, timeout_ms);
	close(fd);
	return r > 0;
}

/* Reads procmgr's one-line verdict; returns it in buf ("" on EOF without a word). */
static int read_verdict(int fd, char *buf, size_t len, int timeout_ms)
{
	size_t got = 0;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long spent = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (spent >= timeout_ms)
			return -1;
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int r = poll(&p, 1, (int)(timeout_ms - spent));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		ssize_t n = read(fd, buf + got, len - 1 - got);
		if (n <= 0 || (got += (size_t)n) == len - 1)
			break;
		buf[got] = 0;
		/* every process is up and the startup configuration is loading: procmgr bounds
		 * that itself, and a large file may take longer than our timeout */
		if (timeout_ms != INT_MAX &&
		    (!strncmp(buf, "progress ", 9) || strstr(buf, "\nprogress "))) {
			printf("n2os: every process is up; loading the startup configuration\n");
			fflush(stdout);
			timeout_ms = INT_MAX;
		}
	}
	buf[got] = 0;
	return 0;
}

static void exec_procmgr(const struct n2os_opts *o, int wfd)
{
	char path[PATH_MAX], fdstr[16];
	if (n2_find_program("procmgr", path, sizeof(path)) < 0) {
		dprintf(wfd, "failed procmgr: program not found next to n2os nor in %s\n",
			N2OS_DAEMON_DIR);
		_exit(127);
	}
	snprintf(fdstr, sizeof(fdstr), "%d", wfd);
	setenv("N2OS_NOTIFY_FD", fdstr, 1);
	execl(path, "procmgr", "--rundir", o->rundir, "--confdir", o->confdir, "--log-level",
	      o->log_level, (char *)NULL);
	dprintf(wfd, "failed procmgr: cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

int n2os_start(const struct n2os_opts *o)
{
	pid_t running = n2os_procmgr_pid(o);
	if (running) {
		fprintf(stderr, "n2os: already running in %s (procmgr pid %d)\n", o->rundir,
			(int)running);
		return 0;
	}
	if (n2_mkdir_p(o->rundir, 0755) < 0) {
		fprintf(stderr, "n2os: cannot create %s: %s\n", o->rundir, strerror(errno));
		return 1;
	}
	int p[2];
	if (pipe(p) < 0) {
		perror("n2os: pipe");
		return 1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("n2os: fork");
		return 1;
	}
	if (pid == 0) {
		close(p[0]);
		exec_procmgr(o, p[1]);
	}
	close(p[1]);
	/* procmgr tells: zero or more "warning ..."/"info ..." lines, then "ready" or "failed ..."
	 */
	char all[16384], *verdict = "";
	int r = read_verdict(p[0], all, sizeof(all), (int)o->timeout_s * 1000);
	close(p[0]);
	waitpid(pid, NULL, 0); /* the first procmgr process exits once it has detached */
	for (char *save, *l = r == 0 ? strtok_r(all, "\n", &save) : NULL; l;
	     l = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(l, "warning ", 8))
			fprintf(stderr, "n2os start: %s\n", l + 8);
		else if (!strncmp(l, "info ", 5))
			printf("n2os: %s\n", l + 5);
		else if (!strncmp(l, "progress ", 9))
			continue;
		else
			verdict = l;
	}
	if (r == 0 && !strcmp(verdict, "ready")) {
		printf("n2os: started in %s\n", o->rundir);
		return 0;
	}
	if (r < 0)
		fprintf(stderr, "n2os start: not every process came up within %u s\n",
			o->timeout_s);
	else if (!strncmp(verdict, "failed ", 7))
		fprintf(stderr, "n2os start: %s\n", verdict + 7);
	else
		fprintf(stderr, "n2os start: procmgr exited during start-up (see %s/procmgr.log)\n",
			o->rundir);
	if (n2os_procmgr_pid(o)) {
		fprintf(stderr, "n2os start: stopping what did start\n");
		n2os_stop(o);
	}
	return 1;
}

/* After procmgr is gone: end stragglers named by pid files, then remove sockets and pid files. */
static int sweep(const struct n2os_opts *o)
{
	int left = 0;
	DIR *dir = opendir(o->rundir);
	if (!dir)
		return 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);
		char path[PATH_MAX + 256];
		snprintf(path, sizeof(path), "%s/%s", o->rundir, de->d_name);
		if (n > 4 && !strcmp(de->d_name + n - 4, ".pid")) {
			char name[256];
			snprintf(name, sizeof(name), "%.*s", (int)(n - 4), de->d_name);
			pid_t pid = n2_read_pidfile(path);
			if (pid && pid_is(pid, name)) {
				kill(pid, SIGKILL);
				if (!wait_gone(pid, 2000)) {
					fprintf(stderr, "n2os stop: %s (pid %d) will not die\n",
						name, (int)pid);
					left++;
					continue;
				}
			}
			unlink(path);
		} else if (n > 5 && !strcmp(de->d_name + n - 5, ".sock")) {
			unlink(path);
		}
	}
	closedir(dir);
	return left;
}

int n2os_stop(const struct n2os_opts *o)
{
	pid_t pid = n2os_procmgr_pid(o);
	if (!pid) {
		int left = sweep(o);
		printf("n2os: not running in %s\n", o->rundir);
		return left ? 1 : 0;
	}
	kill(pid, SIGTERM);
	if (!wait_gone(pid, (int)o->timeout_s * 1000)) {
		fprintf(stderr,
			"n2os stop: procmgr (pid %d) did not stop within %u s; killing it\n",
			(int)pid, o->timeout_s);
		kill(pid, SIGKILL);
		wait_gone(pid, 2000);
	}
	int left = sweep(o);
	if (left)
		return 1;
	printf("n2os: stopped in %s\n", o->rundir);
	return 0;
}
