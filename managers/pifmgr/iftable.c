/* The interface table: links and their addresses as netlink last described them. Pure: values
 * come in (from netlink.c or a test's fake feed), differences go out through the observer. */
#include "pifmgr.h"
#include "mem.h"

#include <string.h>

N2_MTYPE(MT_IFACE, "interface");
N2_MTYPE(MT_IFADDR, "interface address");

void iftable_init(struct pif_table *t, const struct pif_observer *obs)
{
	memset(t, 0, sizeof(*t));
	if (obs)
		t->obs = *obs;
}

static void free_iface(struct pif_iface *ifp)
{
	while (ifp->addrs) {
		struct pif_addr *a = ifp->addrs;
		ifp->addrs = a->next;
		n2_free(MT_IFADDR, a);
	}
	n2_free(MT_IFACE, ifp);
}

void iftable_fini(struct pif_table *t)
{
	while (t->ifs) {
		struct pif_iface *ifp = t->ifs;
		t->ifs = ifp->next;
		free_iface(ifp);
	}
	t->count = 0;
}

struct pif_iface *iftable_by_index(const struct pif_table *t, uint32_t ifindex)
{
	for (struct pif_iface *ifp = t->ifs; ifp && ifp->l.ifindex <= ifindex; ifp = ifp->next)
		if (ifp->l.ifindex == ifindex)
			return ifp;
	return NULL;
}

struct pif_iface *iftable_by_name(const struct pif_table *t, const char *name)
{
	for (struct pif_iface *ifp = t->ifs; ifp; ifp = ifp->next)
		if (!strcmp(ifp->l.name, name))
			return ifp;
	return NULL;
}

int pif_oper_up(unsigned flags)
{
	return (flags & IFF_UP) && (flags & IFF_RUNNING);
}

/* Flags that belong to the link event, not to "the interface changed". */
#define LINK_FLAGS (IFF_UP | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT)

static int iface_changed(const struct pif_link *a, const struct pif_link *b)
{
	return strcmp(a->name, b->name) || a->mtu != b->mtu || a->maclen != b->maclen ||
	       memcmp(a->mac, b->mac, sizeof(a->mac)) || strcmp(a->kind, b->kind) ||
	       a->parent != b->parent || strcmp(a->alias, b->alias) ||
	       (a->flags & ~LINK_FLAGS) != (b->flags & ~LINK_FLAGS);
}

void iftable_link_update(struct pif_table *t, const struct pif_link *l, uint64_t rx_us)
{
	struct pif_iface **pp = &t->ifs;
	while (*pp && (*pp)->l.ifindex < l->ifindex)
		pp = &(*pp)->next;
	struct pif_iface *ifp = *pp;
	if (!ifp || ifp->l.ifindex != l->ifindex) {
		ifp = n2_calloc(MT_IFACE, 1, sizeof(*ifp));
		if (!ifp)
			return;
		ifp->l = *l;
		ifp->next = *pp;
		*pp = ifp;
		t->count++;
		if (t->obs.iface)
			t->obs.iface(PIF_ADD, ifp, t->obs.arg);
		return;
	}
	ifp->mark = 0;
	struct pif_link old = ifp->l;
	ifp->l = *l;
	/* the link event first: it is the one somebody waits for */
	if ((old.admin_up != l->admin_up || old.oper_up != l->oper_up) && t->obs.link)
		t->obs.link(ifp, old.admin_up, old.oper_up, rx_us, t->obs.arg);
	else if (strcmp(old.operstate, l->operstate) && t->obs.iface)
		t->obs.iface(PIF_CHANGE, ifp, t->obs.arg);
	if (iface_changed(&old, l) && t->obs.iface)
		t->obs.iface(PIF_CHANGE, ifp, t->obs.arg);
}

static void unlink_iface(struct pif_table *t, struct pif_iface *ifp)
{
	for (struct pif_iface **pp = &t->ifs; *pp; pp = &(*pp)->next)
		if (*pp == ifp) {
			*pp = ifp->next;
			t->count--;
			return;
		}
}

void iftable_link_del(struct pif_table *t, uint32_t ifindex)
{
	struct pif_iface *ifp = iftable_by_index(t, ifindex);
	if (!ifp)
		return;
	while (ifp->addrs) {
		struct pif_addr *a = ifp->addrs;
		ifp->addrs = a->next;
		if (t->obs.addr)
			t->obs.addr(PIF_DEL, ifp, a, t->obs.arg);
		n2_free(MT_IFADDR, a);
	}
	unlink_iface(t, ifp);
	if (t->obs.iface)
		t->obs.iface(PIF_DEL, ifp, t->obs.arg);
	free_iface(ifp);
}

struct pif_addr *iftable_addr_find(const struct pif_iface *ifp, const struct n2_prefix *p)
{
	for (struct pif_addr *a = ifp->addrs; a; a = a->next)
		if (n2_prefix_eq(&a->p, p))
			return a;
	return NULL;
}

void iftable_addr_update(struct pif_table *t, uint32_t ifindex, const struct n2_prefix *p,
			 int secondary)
{
	struct pif_iface *ifp = iftable_by_index(t, ifindex);
	if (!ifp)
		return;
	struct pif_addr *a = iftable_addr_find(ifp, p);
	if (a) {
		int changed = a->secondary != secondary;
		a->mark = 0;
		a->secondary = secondary;
		if (changed && t->obs.addr)
			t->obs.addr(PIF_ADD, ifp, a, t->obs.arg);
		return;
	}
	if (!(a = n2_calloc(MT_IFADDR, 1, sizeof(*a))))
		return;
	a->p = *p;
	a->secondary = secondary;
	struct pif_addr **pp = &ifp->addrs;
	while (*pp)
		pp = &(*pp)->next;
	*pp = a;
	if (t->obs.addr)
		t->obs.addr(PIF_ADD, ifp, a, t->obs.arg);
}

void iftable_addr_del(struct pif_table *t, uint32_t ifindex, const struct n2_prefix *p)
{
	struct pif_iface *ifp = iftable_by_index(t, ifindex);
	if (!ifp)
		return;
	for (struct pif_addr **pp = &ifp->addrs; *pp; pp = &(*pp)->next) {
		struct pif_addr *a = *pp;
		if (!n2_prefix_eq(&a->p, p))
			continue;
		*pp = a->next;
		if (t->obs.addr)
			t->obs.addr(PIF_DEL, ifp, a, t->obs.arg);
		n2_free(MT_IFADDR, a);
		return;
	}
}

void iftable_mark_all(struct pif_table *t)
{
	for (struct pif_iface *ifp = t->ifs; ifp; ifp = ifp->next) {
		ifp->mark = 1;
		for (struct pif_addr *a = ifp->addrs; a; a = a->next)
			a->mark = 1;
	}
}

void iftable_sweep(struct pif_table *t)
{
	for (struct pif_iface *n, *ifp = t->ifs; ifp; ifp = n) {
		n = ifp->next;
		if (ifp->mark) {
			iftable_link_del(t, ifp->l.ifindex);
			continue;
		}
		for (struct pif_addr *an, *a = ifp->addrs; a; a = an) {
			an = a->next;
			if (a->mark) {
				struct n2_prefix p = a->p;
				iftable_addr_del(t, ifp->l.ifindex, &p);
			}
		}
	}
}
