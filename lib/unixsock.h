/* The listening sockets of an instance's run directory (ipcmgr's bus, cmdmgr's cmsh socket): one
 * way to make them, so both have the same owner and mode (docs/security.md). */
#ifndef N2_UNIXSOCK_H
#define N2_UNIXSOCK_H

/* Binds and listens on path (a stale socket there is removed first), non-blocking and
 * close-on-exec, mode 0660, group n2os when the system has it (root's group otherwise): the
 * file's mode stops everyone else at connect(), before the server's own check of the peer.
 * Returns the socket, or -1 with errno set. */
int n2_unix_listen(const char *path, int backlog);
#endif
