/* Bus membership as plain values (see member.h): ipc.ClientEvent and ipc.Members are decoded and
 * checked here and nowhere else, so a process never sees a name the bus would not accept. */
#include "member.h"
#include "ipc.pb-c.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool n2_member_name_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= N2_IPC_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

/* A name from outside, fit for a log line: printable, bounded. */
static const char *shown(const char *s, char *buf, size_t len)
{
	size_t i = 0;
	for (; s[i] && i + 1 < len; i++)
		buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	buf[i] = 0;
	return buf;
}

/* One ClientEvent checked and converted; aliases has N2_IPC_MAX_ALIASES + 1 slots. */
static int from_pb(const N2os__Ipc__ClientEvent *ce, struct n2_member *m, const char **aliases,
		   char *why, size_t why_len)
{
	char b[N2_IPC_NAME_MAX];
	if (!n2_member_name_valid(ce->name)) {
		snprintf(why, why_len, "name '%s' is not a bus name",
			 shown(ce->name, b, sizeof(b)));
		return -1;
	}
	if (ce->pid > INT_MAX) {
		snprintf(why, why_len, "%s: pid %u out of range", ce->name, (unsigned)ce->pid);
		return -1;
	}
	if (ce->n_aliases > N2_IPC_MAX_ALIASES) {
		snprintf(why, why_len, "%s: %zu aliases, at most %d", ce->name, ce->n_aliases,
			 N2_IPC_MAX_ALIASES);
		return -1;
	}
	for (size_t i = 0; i < ce->n_aliases; i++) {
		if (!n2_member_name_valid(ce->aliases[i])) {
			snprintf(why, why_len, "%s: alias %zu '%s' is not a bus name", ce->name, i,
				 shown(ce->aliases[i], b, sizeof(b)));
			return -1;
		}
		aliases[i] = ce->aliases[i];
	}
	aliases[ce->n_aliases] = NULL;
	*m = (struct n2_member){ce->name, (pid_t)ce->pid, ce->up, aliases};
	return 0;
}

int n2_member_event_decode(struct n2_member_event *ev, const uint8_t *buf, size_t len, char *why,
			   size_t why_len)
{
	N2os__Ipc__ClientEvent *ce = n2os__ipc__client_event__unpack(NULL, len, buf);
	if (!ce) {
		snprintf(why, why_len, "undecodable ClientEvent (%zu bytes)", len);
		return -1;
	}
	if (from_pb(ce, &ev->m, ev->aliases, why, why_len) < 0) {
		n2os__ipc__client_event__free_unpacked(ce, NULL);
		return -1;
	}
	ev->pb = ce;
	return 0;
}

void n2_member_event_release(struct n2_member_event *ev)
{
	if (ev->pb)
		n2os__ipc__client_event__free_unpacked(ev->pb, NULL);
	ev->pb = NULL;
}

/* The list and alias arrays for ms->pb's entries, each entry checked as an event is. */
static int members_fill(struct n2_members *ms, char *why, size_t why_len)
{
	const N2os__Ipc__Members *pb = ms->pb;
	ms->n = pb->n_clients;
	/* Held only while the answer is handed on: plain heap, not a memory type of its own
	 * (that would add a row to every process's `show memory`). */
	ms->list = calloc(ms->n + 1, sizeof(*ms->list));
	ms->aliases = calloc((ms->n + 1) * (N2_IPC_MAX_ALIASES + 1), sizeof(*ms->aliases));
	if (!ms->list || !ms->aliases) {
		snprintf(why, why_len, "out of memory for %zu members", ms->n);
		return -1;
	}
	char one[160];
	for (size_t i = 0; i < ms->n; i++) {
		const char **aliases = &ms->aliases[i * (N2_IPC_MAX_ALIASES + 1)];
		if (from_pb(pb->clients[i], &ms->list[i], aliases, one, sizeof(one)) < 0) {
			snprintf(why, why_len, "entry %zu: %s", i, one);
			return -1;
		}
		if (!ms->list[i].up) {
			snprintf(why, why_len, "entry %zu: %s is not up", i, ms->list[i].name);
			return -1;
		}
	}
	return 0;
}

int n2_members_decode(struct n2_members *ms, const uint8_t *buf, size_t len, char *why,
		      size_t why_len)
{
	*ms = (struct n2_members){.pb = n2os__ipc__members__unpack(NULL, len, buf)};
	if (!ms->pb)
		snprintf(why, why_len, "undecodable Members (%zu bytes)", len);
	else if (members_fill(ms, why, why_len) == 0)
		return 0;
	n2_members_release(ms);
	return -1;
}

void n2_members_release(struct n2_members *ms)
{
	free(ms->list);
	free(ms->aliases);
	if (ms->pb)
		n2os__ipc__members__free_unpacked(ms->pb, NULL);
	*ms = (struct n2_members){0};
}
