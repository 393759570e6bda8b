/* Who is on the bus, as plain values: the one decoder of ipc.ClientEvent (the "ipc.client"
 * membership events and the entries of the "ipc.members" answer) and the bus's rule for names.
 * Pure: no I/O, no logging; lib/ipc.c delivers the results (n2_ipc_watch_members,
 * n2_ipc_members) and ipcmgr applies the same name rule to registrations. */
#ifndef N2_MEMBER_H
#define N2_MEMBER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Other names a client may answer to (Hello.aliases), at most this many. */
#define N2_IPC_MAX_ALIASES 4
/* A bus name (registered name or alias) is shorter than this. */
#define N2_IPC_NAME_MAX 64

/* One member of the bus. */
struct n2_member {
	const char *name;
	pid_t pid;
	bool up;                    /* false: it went away (events only; members are all up) */
	const char *const *aliases; /* NULL-terminated, at most N2_IPC_MAX_ALIASES */
};

/* The bus's rule for names: 1 to N2_IPC_NAME_MAX - 1 characters of [A-Za-z0-9._-]. */
bool n2_member_name_valid(const char *s);

/* One decoded ClientEvent: m and its strings stay valid until n2_member_event_release (m points
 * into the struct itself: do not copy it). */
struct n2_member_event {
	struct n2_member m;
	const char *aliases[N2_IPC_MAX_ALIASES + 1];
	void *pb;
};
/* Decodes and checks a ClientEvent payload. 0: ev->m is filled; -1: why (why_len bytes) says
 * what is wrong and there is nothing to release. */
int n2_member_event_decode(struct n2_member_event *ev, const uint8_t *buf, size_t len, char *why,
			   size_t why_len);
void n2_member_event_release(struct n2_member_event *ev);

/* One decoded Members answer: n entries in list, valid until n2_members_release. */
struct n2_members {
	struct n2_member *list;
	size_t n;
	const char **aliases; /* the entries' alias arrays, N2_IPC_MAX_ALIASES + 1 each */
	void *pb;
};
/* Decodes and checks a Members payload, every entry as n2_member_event_decode does (and every
 * entry up). 0: ms is filled; -1: why says what is wrong and there is nothing to release. */
int n2_members_decode(struct n2_members *ms, const uint8_t *buf, size_t len, char *why,
		      size_t why_len);
void n2_members_release(struct n2_members *ms);
#endif
