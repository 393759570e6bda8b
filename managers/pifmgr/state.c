/* What n2os changed on the interfaces, so that it can be undone: addresses, macvlans and admin
 * states asked for by processes or by the configuration, and each interface's attributes as they
 * were before n2os first changed them. Saved to $RUNDIR/pifmgr.state after every change, so a
 * pifmgr restarted after a crash still knows what to undo at n2os stop. */
#include "pifmgr.h"
#include "buf.h"
#include "file.h"
#include "log.h"
#include "mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

N2_MTYPE(MT_OWN, "owned object");
N2_MTYPE(MT_ORIG, "original interface state");

static const char *const kind_names[] = {
	[OWN_ADDR] = "addr",
	[OWN_MACVLAN] = "macvlan",
	[OWN_ADMIN] = "admin",
};

void state_init(struct pif_state *st, const char *path)
{
	memset(st, 0, sizeof(*st));
	snprintf(st->path, sizeof(st->path), "%s", path ? path : "");
}

void state_fini(struct pif_state *st)
{
	while (st->own) {
		struct pif_own *o = st->own;
		st->own = o->next;
		n2_free(MT_OWN, o);
	}
	while (st->orig) {
		struct pif_orig *o = st->orig;
		st->orig = o->next;
		n2_free(MT_ORIG, o);
	}
}

struct pif_own *state_own_add(struct pif_state *st, enum pif_own_kind kind, const char *owner,
			      const char *ifname)
{
	struct pif_own *o = n2_calloc(MT_OWN, 1, sizeof(*o));
	if (!o)
		return NULL;
	o->kind = kind;
	snprintf(o->owner, sizeof(o->owner), "%s", owner);
	snprintf(o->ifname, sizeof(o->ifname), "%s", ifname);
	struct pif_own **pp = &st->own; /* keep the order of creation */
	while (*pp)
		pp = &(*pp)->next;
	*pp = o;
	return o;
}

struct pif_own *state_own_find_addr(const struct pif_state *st, const char *ifname,
				    const struct n2_prefix *p, const char *owner)
{
	for (struct pif_own *o = st->own; o; o = o->next)
		if (o->kind == OWN_ADDR && !strcmp(o->ifname, ifname) && n2_prefix_eq(&o->p, p) &&
		    (!owner || !strcmp(o->owner, owner)))
			return o;
	return NULL;
}

struct pif_own *state_own_find(const struct pif_state *st, enum pif_own_kind kind,
			       const char *ifname, const char *owner)
{
	for (struct pif_own *o = st->own; o; o = o->next)
		if (o->kind == kind && !strcmp(o->ifname, ifname) &&
		    (!owner || !strcmp(o->owner, owner)))
			return o;
	return NULL;
}

struct pif_own *state_own_find_kind(const struct pif_state *st, enum pif_own_kind kind)
{
	for (struct pif_own *o = st->own; o; o = o->next)
		if (o->kind == kind)
			return o;
	return NULL;
}

size_t state_own_count(const struct pif_state *st, const char *owner)
{
	size_t n = 0;
	for (const struct pif_own *o = st->own; o; o = o->next)
		n += !strcmp(o->owner, owner);
	return n;
}

void state_own_del(struct pif_state *st, struct pif_own *o)
{
	for (struct pif_own **pp = &st->own; *pp; pp = &(*pp)->next)
		if (*pp == o) {
			*pp = o->next;
			n2_free(MT_OWN, o);
			return;
		}
}

const char *state_addr_origin(const struct pif_state *st, const char *ifname,
			      const struct n2_prefix *p)
{
	const struct pif_own *o = state_own_find_addr(st, ifname, p, NULL);
	/* a configured address that was there before n2os is still the operator's */
	return o ? o->owner : "";
}

const char *state_macvlan_owner(const struct pif_state *st, const char *ifname)
{
	const struct pif_own *o = state_own_find(st, OWN_MACVLAN, ifname, NULL);
	return o ? o->owner : "";
}

void state_orig_free(struct pif_orig *o)
{
	n2_free(MT_ORIG, o);
}

struct pif_orig *state_orig(struct pif_state *st, const char *ifname, int create)
{
	for (struct pif_orig *o = st->orig; o; o = o->next)
		if (!strcmp(o->ifname, ifname))
			return o;
	if (!create)
		return NULL;
	struct pif_orig *o = n2_calloc(MT_ORIG, 1, sizeof(*o));
	if (!o)
		return NULL;
	snprintf(o->ifname, sizeof(o->ifname), "%s", ifname);
	o->next = st->orig;
	st->orig = o;
	return o;
}

/* ---- persistence: one record per line, words separated by blanks ---- */

static void hex(struct n2_buf *b, const char *s)
{
	if (!*s)
		n2_buf_add(b, "-", 1);
	for (; *s; s++)
		n2_buf_printf(b, "%02x", (unsigned char)*s);
}

static void unhex(const char *h, char *out, size_t len)
{
	size_t n = 0;
	if (strcmp(h, "-"))
		for (; h[0] && h[1] && n + 1 < len; h += 2) {
			unsigned v;
			if (sscanf(h, "%2x", &v) != 1)
				break;
			out[n++] = (char)v;
		}
	out[n] = 0;
}

void state_save(const struct pif_state *st)
{
	if (!st->path[0])
		return;
	struct n2_buf b;
	n2_buf_init(&b);
	n2_buf_printf(&b, "# pifmgr: what n2os changed on the interfaces (undone at n2os stop)\n");
	for (const struct pif_own *o = st->own; o; o = o->next) {
		char pb[N2_PREFIX_STRLEN];
		n2_buf_printf(&b, "own %s %s %s", kind_names[o->kind], o->owner, o->ifname);
		if (o->kind == OWN_ADDR)
			n2_buf_printf(&b, " %s %d %d", n2_prefix_str(&o->p, pb, sizeof(pb)),
				      o->preexisting, o->noaccept);
		else if (o->kind == OWN_ADMIN)
			n2_buf_printf(&b, " %d", o->up);
		n2_buf_add(&b, "\n", 1);
	}
	for (const struct pif_orig *o = st->orig; o; o = o->next) {
		if (o->has_admin)
			n2_buf_printf(&b, "orig %s admin %d\n", o->ifname, o->admin_up);
		if (o->has_mtu)
			n2_buf_printf(&b, "orig %s mtu %u\n", o->ifname, o->mtu);
		if (o->has_alias) {
			n2_buf_printf(&b, "orig %s alias ", o->ifname);
			hex(&b, o->alias);
			n2_buf_add(&b, "\n", 1);
		}
	}
	char err[sizeof(st->path) + 64];
	if (n2_file_replace(st->path, n2_buf_str(&b), b.len, 0644, err, sizeof(err)) < 0)
		n2_log_err("cannot write the interface state: %s", err);
	n2_buf_fini(&b);
}

static int load_line(struct pif_state *st, char *line)
{
	char *w[8];
	int n = 0;
	for (char *save, *t = strtok_r(line, " \t\n", &save); t && n < 8;
	     t = strtok_r(NULL, " \t\n", &save))
		w[n++] = t;
	if (n == 0 || w[0][0] == '#')
		return 0;
	if (!strcmp(w[0], "own") && n >= 4) {
		int kind = -1;
		for (int k = 0; k < 3; k++)
			if (!strcmp(w[1], kind_names[k]))
				kind = k;
		if (kind < 0 || strlen(w[2]) >= PIF_OWNSIZ || strlen(w[3]) >= PIF_NAMSIZ)
			return -1;
		struct n2_prefix p = {0};
		if (kind == OWN_ADDR && (n < 6 || n2_prefix_parse(w[4], &p, 0) < 0))
			return -1;
		if (kind == OWN_ADMIN && n < 5)
			return -1;
		struct pif_own *o = state_own_add(st, (enum pif_own_kind)kind, w[2], w[3]);
		if (!o)
			return -1;
		o->p = p;
		o->preexisting = kind == OWN_ADDR && atoi(w[5]);
		o->noaccept = kind == OWN_ADDR && n >= 7 && atoi(w[6]); /* absent before accept.c */
		o->up = kind == OWN_ADMIN && atoi(w[4]);
		return 0;
	}
	if (!strcmp(w[0], "orig") && n == 4 && strlen(w[1]) < PIF_NAMSIZ) {
		struct pif_orig *o = state_orig(st, w[1], 1);
		if (!o)
			return -1;
		if (!strcmp(w[2], "admin")) {
			o->has_admin = 1;
			o->admin_up = atoi(w[3]);
		} else if (!strcmp(w[2], "mtu")) {
			o->has_mtu = 1;
			o->mtu = (uint32_t)strtoul(w[3], NULL, 10);
		} else if (!strcmp(w[2], "alias")) {
			o->has_alias = 1;
			unhex(w[3], o->alias, sizeof(o->alias));
		} else {
			return -1;
		}
		return 0;
	}
	return -1;
}

int state_load(struct pif_state *st)
{
	if (!st->path[0])
		return 0;
	FILE *f = fopen(st->path, "r");
	if (!f)
		return errno == ENOENT ? 0 : -1;
	char line[1024];
	int lineno = 0, n = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (load_line(st, line) < 0)
			n2_log_warn("%s:%d: ignoring a malformed record", st->path, lineno);
		else
			n++;
	}
	fclose(f);
	return n;
}

void state_remove_file(const struct pif_state *st)
{
	if (st->path[0])
		unlink(st->path);
}
