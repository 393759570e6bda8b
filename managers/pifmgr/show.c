/* Exec commands: `show interface [IFNAME] [json]` (FRR/Cisco-like detail) and
 * `show ip interface brief [json]` (the Cisco one-line-per-interface table). Pure formatting of
 * the table. Each show describes its result once through lib/emit. */
#include "pifmgr.h"
#include "emit.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static const struct {
	unsigned bit;
	const char *name;
} flag_names[] = {
	{IFF_UP, "UP"},
	{IFF_BROADCAST, "BROADCAST"},
	{IFF_LOOPBACK, "LOOPBACK"},
	{IFF_POINTOPOINT, "POINTOPOINT"},
	{IFF_RUNNING, "RUNNING"},
	{IFF_NOARP, "NOARP"},
	{IFF_PROMISC, "PROMISC"},
	{IFF_MULTICAST, "MULTICAST"},
	{IFF_LOWER_UP, "LOWER_UP"},
	{IFF_DORMANT, "DORMANT"},
};

static const char *status(const struct pif_link *l)
{
	return l->admin_up ? "up" : "administratively down";
}

static void mac_str(const struct pif_link *l, char *buf, size_t len)
{
	if (l->maclen != 6)
		snprintf(buf, len, "none");
	else
		snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", l->mac[0], l->mac[1], l->mac[2],
			 l->mac[3], l->mac[4], l->mac[5]);
}

static const char *parent_name(const struct pif_mgr *m, const struct pif_link *l)
{
	const struct pif_iface *p = l->parent ? iftable_by_index(&m->table, l->parent) : NULL;
	return p ? p->l.name : "";
}

/* Both renderings of one address follow the JSON order: prefix, family, secondary, origin. */
static void one_addr(struct emit *e, const struct pif_mgr *m, const struct pif_link *l,
		     const struct pif_addr *a)
{
	char ps[N2_PREFIX_STRLEN];
	const char *origin = state_addr_origin(&m->state, l->name, &a->p);
	int v4 = a->p.family == AF_INET;
	emit_open_instance(e);
	emit(e, "  {L:/%s} {:prefix/%s}{e:family/%s}{b:secondary}{L:/%s}{e:origin/%s}",
	     v4 ? "inet" : "inet6", n2_prefix_str(&a->p, ps, sizeof(ps)), v4 ? "ipv4" : "ipv6",
	     a->secondary, a->secondary ? " secondary" : "", origin);
	if (*origin)
		emit_text(e, " (%s)", origin);
	emit_text(e, "\n");
	emit_close_instance(e);
}

static void one(struct emit *e, const struct pif_mgr *m, const struct pif_iface *ifp)
{
	const struct pif_link *l = &ifp->l;
	const char *parent = parent_name(m, l), *owner = state_macvlan_owner(&m->state, l->name);
	char mac[24];
	mac_str(l, mac, sizeof(mac));
	emit(e, "Interface {:name/%s} is {L:/%s}, line protocol is {L:/%s}\n", l->name, status(l),
	     l->oper_up ? "up" : "down");
	/* JSON keeps the key order it had before lib/emit: oper_state before mtu, kind after mac */
	emit(e,
	     "  Index {:ifindex/%u}{b:admin_up}{b:oper_up}{e:oper_state/%s}, kind {L:/%s}, "
	     "MTU {:mtu/%u}, operational state {L:/%s}\n",
	     l->ifindex, l->admin_up, l->oper_up, l->operstate, l->kind[0] ? l->kind : "-", l->mtu,
	     l->operstate);
	emit(e, "{e:mac/%s}{e:kind/%s}{e:parent/%s}{e:owner/%s}{e:description/%s}  Flags <",
	     l->maclen ? mac : "", l->kind, parent, owner, l->alias);
	emit_open_list(e, "flags");
	for (size_t i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
		if (l->flags & flag_names[i].bit)
			emit(e, emit_count(e) ? ",{:/%s}" : "{:/%s}", flag_names[i].name);
	emit_close_list(e);
	emit_text(e, ">\n  Hardware address %s", mac);
	if (*parent) /* a veth's peer in another namespace has no name here */
		emit_text(e, ", on %s", parent);
	if (*owner)
		emit_text(e, " (created for %s)", owner);
	emit_text(e, "\n");
	if (l->alias[0])
		emit_text(e, "  Description: %s\n", l->alias);
	emit_open_list(e, "addresses");
	for (const struct pif_addr *a = ifp->addrs; a; a = a->next)
		one_addr(e, m, l, a);
	emit_close_list(e);
}

void show_interface(const struct pif_mgr *m, const char *name, int json, struct n2_buf *out)
{
	struct emit e;
	emit_init(&e, out, json);
	emit_open_list(&e, "interfaces");
	for (const struct pif_iface *ifp = m->table.ifs; ifp; ifp = ifp->next) {
		if (name && strcmp(name, ifp->l.name))
			continue;
		if (emit_open_instance(&e))
			emit_text(&e, "\n");
		one(&e, m, ifp);
		emit_close_instance(&e);
	}
	emit_finish(&e);
}

static const struct pif_addr *primary_v4(const struct pif_iface *ifp)
{
	for (const struct pif_addr *a = ifp->addrs; a; a = a->next)
		if (a->p.family == AF_INET && !a->secondary)
			return a;
	return NULL;
}

void show_ip_brief(const struct pif_mgr *m, int json, struct n2_buf *out)
{
	struct emit e;
	emit_init(&e, out, json);
	emit_text(&e, "%-16s %-20s %-22s %s\n", "Interface", "IP-Address", "Status", "Protocol");
	emit_open_list(&e, "interfaces");
	for (const struct pif_iface *ifp = m->table.ifs; ifp; ifp = ifp->next) {
		const struct pif_addr *a = primary_v4(ifp);
		char ps[N2_PREFIX_STRLEN] = "unassigned";
		if (a)
			n2_prefix_str(&a->p, ps, sizeof(ps));
		emit_open_instance(&e);
		emit(&e, "{:name/%-16s} {L:/%-20s} {e:address/%s}{:status/%-22s} {:protocol/%s}\n",
		     ifp->l.name, ps, a ? ps : NULL, status(&ifp->l),
		     ifp->l.oper_up ? "up" : "down");
		emit_close_instance(&e);
	}
	emit_finish(&e);
}
