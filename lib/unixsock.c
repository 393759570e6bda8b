/* Listening Unix sockets of the run directory (see unixsock.h). */
#include "unixsock.h"
#include "log.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

int n2_unix_listen(const char *path, int backlog)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	unlink(path); /* a stale socket from a crash; procmgr guarantees we are the only one */
	/* never open to others, not even between bind() and chmod() */
	mode_t old = umask(0117);
	int rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (rc < 0 || listen(fd, backlog) < 0 || chmod(path, 0660) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	struct group *gr = getgrnam("n2os");
	if (gr && chown(path, 0, gr->gr_gid) < 0)
		n2_log_warn("cannot give %s to group n2os: %s", path, strerror(errno));
	return fd;
}
