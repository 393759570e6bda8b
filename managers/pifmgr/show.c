/* Exec commands: `show interface [IFNAME] [json]` (FRR/Cisco-like detail) and
 * `show ip interface brief [json]` (the Cisco one-line-per-interface table). Pure formatting of
 * the table. */
#include "pifmgr.h"

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

static void text_one(const struct pif_mgr *m, const struct pif_iface *ifp, struct n2_buf *out)
{
	const struct pif_link *l = &ifp->l;
	char mac[24];
	mac_str(l, mac, sizeof(mac));
	n2_buf_printf(out, "Interface %s is %s, line protocol is %s\n", l->name, status(l),
		      l->oper_up ? "up" : "down");
	n2_buf_printf(out, "  Index %u, kind %s, MTU %u, operational state %s\n", l->ifindex,
		      l->kind[0] ? l->kind : "-", l->mtu, l->operstate);
	n2_buf_printf(out, "  Flags <");
	int first = 1;
	for (size_t i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
		if (l->flags & flag_names[i].bit) {
			n2_buf_printf(out, "%s%s", first ? "" : ",", flag_names[i].name);
			first = 0;
		}
	n2_buf_printf(out, ">\n  Hardware address %s", mac);
	if (*parent_name(m, l)) /* a veth's peer in another namespace has no name here */
		n2_buf_printf(out, ", on %s", parent_name(m, l));
	const char *owner = state_macvlan_owner(&m->state, l->name);
	if (*owner)
		n2_buf_printf(out, " (created for %s)", owner);
	n2_buf_printf(out, "\n");
	if (l->alias[0])
		n2_buf_printf(out, "  Description: %s\n", l->alias);
	for (const struct pif_addr *a = ifp->addrs; a; a = a->next) {
		char ps[N2_PREFIX_STRLEN];
		const char *origin = state_addr_origin(&m->state, l->name, &a->p);
		n2_buf_printf(out, "  %s %s%s", a->p.family == AF_INET ? "inet" : "inet6",
			      n2_prefix_str(&a->p, ps, sizeof(ps)),
			      a->secondary ? " secondary" : "");
		if (*origin)
			n2_buf_printf(out, " (%s)", origin);
		n2_buf_printf(out, "\n");
	}
}

static void json_one(const struct pif_mgr *m, const struct pif_iface *ifp, struct n2_buf *out)
{
	const struct pif_link *l = &ifp->l;
	char mac[24];
	mac_str(l, mac, sizeof(mac));
	n2_buf_printf(out, "{\"name\":");
	n2_buf_json_str(out, l->name);
	n2_buf_printf(out,
		      ",\"ifindex\":%u,\"admin_up\":%s,\"oper_up\":%s,\"oper_state\":", l->ifindex,
		      l->admin_up ? "true" : "false", l->oper_up ? "true" : "false");
	n2_buf_json_str(out, l->operstate);
	n2_buf_printf(out, ",\"mtu\":%u,\"mac\":", l->mtu);
	n2_buf_json_str(out, l->maclen ? mac : "");
	n2_buf_printf(out, ",\"kind\":");
	n2_buf_json_str(out, l->kind);
	n2_buf_printf(out, ",\"parent\":");
	n2_buf_json_str(out, parent_name(m, l));
	n2_buf_printf(out, ",\"owner\":");
	n2_buf_json_str(out, state_macvlan_owner(&m->state, l->name));
	n2_buf_printf(out, ",\"description\":");
	n2_buf_json_str(out, l->alias);
	n2_buf_printf(out, ",\"flags\":[");
	int first = 1;
	for (size_t i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
		if (l->flags & flag_names[i].bit) {
			n2_buf_printf(out, "%s\"%s\"", first ? "" : ",", flag_names[i].name);
			first = 0;
		}
	n2_buf_printf(out, "],\"addresses\":[");
	for (const struct pif_addr *a = ifp->addrs; a; a = a->next) {
		char ps[N2_PREFIX_STRLEN];
		n2_buf_printf(out,
			      "%s{\"prefix\":\"%s\",\"family\":\"%s\",\"secondary\":%s,"
			      "\"origin\":",
			      a == ifp->addrs ? "" : ",", n2_prefix_str(&a->p, ps, sizeof(ps)),
			      a->p.family == AF_INET ? "ipv4" : "ipv6",
			      a->secondary ? "true" : "false");
		n2_buf_json_str(out, state_addr_origin(&m->state, l->name, &a->p));
		n2_buf_printf(out, "}");
	}
	n2_buf_printf(out, "]}");
}

void show_interface(const struct pif_mgr *m, const char *name, int json, struct n2_buf *out)
{
	int first = 1;
	if (json)
		n2_buf_printf(out, "{\"interfaces\":[");
	for (const struct pif_iface *ifp = m->table.ifs; ifp; ifp = ifp->next) {
		if (name && strcmp(name, ifp->l.name))
			continue;
		if (json) {
			n2_buf_printf(out, "%s", first ? "" : ",");
			json_one(m, ifp, out);
		} else {
			n2_buf_printf(out, "%s", first ? "" : "\n");
			text_one(m, ifp, out);
		}
		first = 0;
	}
	if (json)
		n2_buf_printf(out, "]}\n");
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
	if (json)
		n2_buf_printf(out, "{\"interfaces\":[");
	else
		n2_buf_printf(out, "%-16s %-20s %-22s %s\n", "Interface", "IP-Address", "Status",
			      "Protocol");
	for (const struct pif_iface *ifp = m->table.ifs; ifp; ifp = ifp->next) {
		const struct pif_addr *a = primary_v4(ifp);
		char ps[N2_PREFIX_STRLEN] = "unassigned";
		if (a)
			n2_prefix_str(&a->p, ps, sizeof(ps));
		const char *proto = ifp->l.oper_up ? "up" : "down";
		if (json) {
			n2_buf_printf(out, "%s{\"name\":", ifp == m->table.ifs ? "" : ",");
			n2_buf_json_str(out, ifp->l.name);
			n2_buf_printf(out, ",\"address\":");
			if (a)
				n2_buf_json_str(out, ps);
			else
				n2_buf_printf(out, "null");
			n2_buf_printf(out, ",\"status\":\"%s\",\"protocol\":\"%s\"}",
				      status(&ifp->l), proto);
		} else {
			n2_buf_printf(out, "%-16s %-20s %-22s %s\n", ifp->l.name, ps,
				      status(&ifp->l), proto);
		}
	}
	if (json)
		n2_buf_printf(out, "]}\n");
}
