/* ARP on the parents of virtual-MAC macvlans. A VRRP virtual address lives on a macvlan with the
 * virtual MAC; left alone, the parent interface would answer ARP for it too (arp_ignore=0 answers
 * for any local address), with its own MAC, and would ask for hosts' MACs giving the virtual
 * address as its own (arp_announce=0 uses the packet's source): either way hosts learn the
 * parent's MAC for the virtual address. So while a parent carries a macvlan made by pifmgr it
 * gets arp_ignore=1 (answer only for its own addresses) and arp_announce=2 (announce only its own
 * addresses), and its old values back when the last one goes: the interface is left as it was.
 * An IPv4 virtual router's macvlan gets the same values, for its life (arp_ignore=0 would
 * answer for the parent's own addresses with the virtual MAC); an IPv6 one's answers no ARP at
 * all, arp_ignore=8 (plan_macvlan_shape). */
#include "pifmgr.h"
#include "log.h"
#include "mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_ARPGUARD, "arp guard");

static const struct {
	const char *name;
	int value;
} knobs[] = {{"arp_ignore", 1}, {"arp_announce", 2}};
#define NKNOBS (sizeof(knobs) / sizeof(knobs[0]))

struct guard {
	struct guard *next;
	char parent[PIF_NAMSIZ];
	uint32_t ifindex;
	int saved[NKNOBS];
};

static struct guard *guards;

static int path_of(const char *ifname, const char *knob, char *path, size_t len)
{
	int n = snprintf(path, len, "/proc/sys/net/ipv4/conf/%s/%s", ifname, knob);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

static int read_value(const char *ifname, const char *knob)
{
	char path[128];
	if (path_of(ifname, knob, path, sizeof(path)) < 0)
		return -1;
	FILE *f = fopen(path, "r");
	int v = -1;
	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int write_value(const char *ifname, const char *knob, int v)
{
	char path[128];
	if (path_of(ifname, knob, path, sizeof(path)) < 0)
		return -1;
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	int ok = fprintf(f, "%d\n", v) > 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

void arpguard_add(struct pif_mgr *m, const struct pif_iface *parent)
{
	if (!m->nl) /* unit tests: no kernel */
		return;
	for (struct guard *g = guards; g; g = g->next)
		if (g->ifindex == parent->l.ifindex)
			return;
	struct guard *g = n2_calloc(MT_ARPGUARD, 1, sizeof(*g));
	if (!g)
		return;
	snprintf(g->parent, sizeof(g->parent), "%s", parent->l.name);
	g->ifindex = parent->l.ifindex;
	for (size_t k = 0; k < NKNOBS; k++) {
		g->saved[k] = read_value(g->parent, knobs[k].name);
		if (g->saved[k] == knobs[k].value)
			continue;
		if (write_value(g->parent, knobs[k].name, knobs[k].value) < 0)
			n2_log_warn("%s: cannot set %s: %s", g->parent, knobs[k].name,
				    strerror(errno));
		else
			n2_log_info("%s: %s %d -> %d while it carries virtual-MAC interfaces",
				    g->parent, knobs[k].name, g->saved[k], knobs[k].value);
	}
	g->next = guards;
	guards = g;
}

void arpguard_macvlan(struct pif_mgr *m, const char *name, int arp_ignore)
{
	if (!m->nl) /* unit tests: no kernel */
		return;
	for (size_t k = 0; k < NKNOBS; k++) {
		int v = k == 0 ? arp_ignore : knobs[k].value;
		if (write_value(name, knobs[k].name, v) < 0)
			n2_log_warn("%s: cannot set %s: %s", name, knobs[k].name, strerror(errno));
	}
}

static int still_used(struct pif_mgr *m, const struct guard *g)
{
	for (const struct pif_own *o = m->state.own; o; o = o->next) {
		if (o->kind != OWN_MACVLAN)
			continue;
		const struct pif_iface *ifp = iftable_by_name(&m->table, o->ifname);
		if (ifp && ifp->l.parent == g->ifindex)
			return 1;
	}
	return 0;
}

void arpguard_sweep(struct pif_mgr *m, int all)
{
	for (struct guard **pg = &guards; *pg;) {
		struct guard *g = *pg;
		if (!all && still_used(m, g)) {
			pg = &g->next;
			continue;
		}
		for (size_t k = 0; k < NKNOBS; k++)
			if (g->saved[k] >= 0 && g->saved[k] != knobs[k].value &&
			    write_value(g->parent, knobs[k].name, g->saved[k]) == 0)
				n2_log_info("%s: %s back to %d", g->parent, knobs[k].name,
					    g->saved[k]);
		*pg = g->next;
		n2_free(MT_ARPGUARD, g);
	}
}
