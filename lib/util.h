/* Small helpers shared by every program: paths and directories. */
#ifndef N2_UTIL_H
#define N2_UTIL_H
#include <stddef.h>
#include <sys/types.h>

/* A macro's value as a string literal, for limits named in error messages. */
#define N2_STR_(x) #x
#define N2_XSTR(x) N2_STR_(x)

/* Makes `path` absolute (relative to the current directory) without requiring it to exist. */
int n2_abspath(const char *path, char *out, size_t len);
/* mkdir -p */
int n2_mkdir_p(const char *path, mode_t mode);
/* Directory of the running executable (for finding sibling programs in build/bin). */
int n2_self_dir(char *out, size_t len);
/* Finds program `name`: next to the running executable first, then in N2OS_DAEMON_DIR.
 * Returns 0 and the path, or -1. */
int n2_find_program(const char *name, char *out, size_t len);
/* May this peer manage n2os? root, or a member of group n2os (primary or supplementary). */
int n2_cred_privileged(uid_t uid, gid_t gid);
/* Reads a pid from a pid file; 0 when absent or unreadable. */
pid_t n2_read_pidfile(const char *path);
/* Reads /proc/PID/stat into buf and splits it where the kernel's format is ambiguous: the program
 * name (comm, field 2) may hold spaces and parentheses, so it ends at the LAST ')'. *comm is that
 * name, NUL-terminated inside buf; *rest the fields after it, from the state (field 3) on.
 * Returns 0, or -1 when the process is gone or the line is not in that format. */
int n2_proc_stat(pid_t pid, char *buf, size_t len, const char **comm, const char **rest);
/* In a child about to exec: stdin from /dev/null, stdout and stderr appended to `logpath`
 * (created 0640). What cannot be opened is left as it was. */
void n2_redirect_stdio(const char *logpath);
#endif
