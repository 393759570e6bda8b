/* Small helpers shared by every program (see util.h). */
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int n2_abspath(const char *path, char *out, size_t len)
{
	int n;
	if (!*path)
		return -1;
	if (path[0] == '/') {
		n = snprintf(out, len, "%s", path);
	} else {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof(cwd)))
			return -1;
		n = snprintf(out, len, "%s/%s", cwd, path);
	}
	if (n < 0 || (size_t)n >= len)
		return -1;
	while (n > 1 && out[n - 1] == '/')
		out[--n] = 0;
	return 0;
}

int n2_mkdir_p(const char *path, mode_t mode)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(tmp, mode) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, mode) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int n2_self_dir(char *out, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", out, len - 1);
	if (n <= 0)
		return -1;
	out[n] = 0;
	char *slash = strrchr(out, '/');
	if (!slash)
		return -1;
	*slash = 0;
	return 0;
}

int n2_find_program(const char *name, char *out, size_t len)
{
	char dir[PATH_MAX];
	if (n2_self_dir(dir, sizeof(dir)) == 0) {
		int n = snprintf(out, len, "%s/%s", dir, name);
		if (n > 0 && (size_t)n < len && access(out, X_OK) == 0)
			return 0;
	}
	int n = snprintf(out, len, "%s/%s", N2OS_DAEMON_DIR, name);
	if (n > 0 && (size_t)n < len && access(out, X_OK) == 0)
		return 0;
	return -1;
}

pid_t n2_read_pidfile(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	long pid = 0;
	if (fscanf(f, "%ld", &pid) != 1 || pid <= 0 || pid > INT_MAX)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

int n2_cred_privileged(uid_t uid, gid_t gid)
{
	if (uid == 0)
		return 1;
	struct group *gr = getgrnam("n2os");
	if (!gr)
		return 0;
	if (gid == gr->gr_gid)
		return 1;
	struct passwd *pw = getpwuid(uid);
	if (!pw)
		return 0;
	gid_t groups[256];
	int ng = 256;
	if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &ng) < 0)
		return 0;
	for (int i = 0; i < ng; i++)
		if (groups[i] == gr->gr_gid)
			return 1;
	return 0;
}

int n2_proc_stat(pid_t pid, char *buf, size_t len, const char **comm, const char **rest)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f || len < 2) {
		if (f)
			fclose(f);
		return -1;
	}
	size_t n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = 0;
	char *open = strchr(buf, '('), *close = strrchr(buf, ')');
	if (!open || !close || close < open || close[1] != ' ')
		return -1;
	*close = 0;
	*comm = open + 1;
	*rest = close + 2;
	return 0;
}

void n2_redirect_stdio(const char *logpath)
{
	int nul = open("/dev/null", O_RDONLY);
	int lfd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0640);
	if (nul >= 0)
		dup2(nul, 0);
	if (lfd >= 0) {
		dup2(lfd, 1);
		dup2(lfd, 2);
	}
	if (nul > 2)
		close(nul);
	if (lfd > 2)
		close(lfd);
}
