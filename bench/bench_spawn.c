/* bus_bench's processes: the private run directory, the ipcmgr it runs there, stopping a child by
 * pid, and the CPU time each process has used. */
#include "bench.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int bench_rundir_make(char *dir, size_t len)
{
	const char *tmp = getenv("TMPDIR");
	int n = snprintf(dir, len, "%s/n2os-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return mkdtemp(dir) ? 0 : -1;
}

void bench_rundir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		char path[PATH_MAX + 256];
		while ((de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
				snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
				unlink(path);
			}
		closedir(d);
	}
	if (rmdir(dir) < 0)
		fprintf(stderr, "bus_bench: cannot remove %s: %s\n", dir, strerror(errno));
}

static void ipcmgr_exec(const char *dir, const char *path, pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM); /* kept across exec: no ipcmgr outlives us */
	if (getppid() != parent)
		_exit(1);
	unsetenv("N2OS_PROCMGR_PID"); /* not managed by a procmgr, even if we run under one */
	char log[PATH_MAX + 16];
	snprintf(log, sizeof(log), "%s/ipcmgr.log", dir);
	n2_redirect_stdio(log);
	execl(path, "ipcmgr", "--foreground", "--rundir", dir, (char *)NULL);
	fprintf(stderr, "bus_bench: cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

pid_t bench_ipcmgr_start(const char *dir, char *path, size_t len)
{
	if (n2_find_program("ipcmgr", path, len) < 0) {
		fprintf(stderr, "bus_bench: ipcmgr not found next to bus_bench nor in %s\n",
			N2OS_DAEMON_DIR);
		return -1;
	}
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		perror("bus_bench: fork");
		return -1;
	}
	if (pid == 0)
		ipcmgr_exec(dir, path, parent);
	return pid;
}

int bench_stop(pid_t pid)
{
	int status;
	if (pid <= 0)
		return -1;
	kill(pid, SIGTERM);
	for (int waited_ms = 0; waited_ms < 5000; waited_ms += 10) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r < 0)
			return -1;
		usleep(10000);
	}
	fprintf(stderr, "bus_bench: pid %d ignored SIGTERM for 5 s, killing it\n", (int)pid);
	kill(pid, SIGKILL);
	return waitpid(pid, &status, 0) == pid ? status : -1;
}

/* Fallback when the process CPU clock is not available: clock ticks from /proc/PID/stat. */
static uint64_t proc_stat_us(pid_t pid)
{
	char buf[1024];
	const char *comm, *rest; /* fields from the state (3) on; utime is 14, stime 15 */
	if (n2_proc_stat(pid, buf, sizeof(buf), &comm, &rest) < 0)
		return 0;
	unsigned long long ut, st;
	if (sscanf(rest, "%*c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %llu %llu", &ut, &st) != 2)
		return 0;
	long hz = sysconf(_SC_CLK_TCK);
	return (ut + st) * 1000000ull / (uint64_t)(hz > 0 ? hz : 100);
}

uint64_t bench_cpu_us(pid_t pid)
{
	if (pid == 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000u +
		       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
	}
	/* The process CPU clock is user + system time like getrusage, in nanoseconds;
	 * /proc/PID/stat counts the same in 10 ms ticks. */
	clockid_t clk;
	struct timespec ts;
	if (clock_getcpuclockid(pid, &clk) == 0 && clock_gettime(clk, &ts) == 0)
		return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
	return proc_stat_us(pid);
}

void bench_dump_file(const char *dir, const char *name)
{
	char path[PATH_MAX + 64], line[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	fprintf(stderr, "--- %s\n", path);
	while (fgets(line, sizeof(line), f))
		fputs(line, stderr);
	fclose(f);
}
