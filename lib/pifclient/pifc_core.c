/* The copy of pifmgr's table and its sequence rules (see pifc_core.h). Pure: values in,
 * differences out through the callbacks. */
#include "pifc_core.h"
#include "mem.h"

#include <net/if.h>
#include <stdlib.h>
#include <string.h>

N2_MTYPE(MT_PIFC_IF, "pif client interface");

#define LINK_FLAGS ((unsigned)(IFF_UP | IFF_RUNNING))

void pifc_core_init(struct pifc_core *k, const struct pifc_ops *ops, struct pifc *c, void *arg)
{
	memset(k, 0, sizeof(*k));
	k->ops = ops;
	k->c = c;
	k->arg = arg;
}

struct pifc_iface *pifc_iface_alloc(size_t naddr)
{
	struct pifc_iface *ifp = n2_calloc(MT_PIFC_IF, 1, sizeof(*ifp));
	if (ifp && naddr && !(ifp->addrs = n2_calloc(MT_PIFC_IF, naddr, sizeof(*ifp->addrs)))) {
		n2_free(MT_PIFC_IF, ifp);
		return NULL;
	}
	return ifp;
}

void pifc_iface_free(struct pifc_iface *ifp)
{
	if (ifp) {
		n2_free(MT_PIFC_IF, ifp->addrs);
		n2_free(MT_PIFC_IF, ifp);
	}
}

void pifc_core_free(struct pifc_core *k)
{
	for (size_t i = 0; i < k->n; i++)
		pifc_iface_free(k->ifs[i]);
	n2_free(MT_PIFC_IF, k->ifs);
	k->ifs = NULL;
	k->n = k->cap = 0;
}

/* ---- the sequence ---- */

void pifc_core_asking(struct pifc_core *k)
{
	k->asking = 1;
	k->synced = 0;
}

void pifc_core_unanswered(struct pifc_core *k)
{
	k->asking = 0;
}

void pifc_core_lost(struct pifc_core *k)
{
	k->synced = 0;
	if (k->ops->lost)
		k->ops->lost(k->c, k->arg);
}

/* An event is applied when it is the next one; anything else means we are out of step. */
static enum pifc_verdict in_step(struct pifc_core *k, uint64_t epoch, uint64_t seq)
{
	if (k->asking || !k->synced)
		return PIFC_DROPPED; /* the coming snapshot contains it */
	if (epoch == k->epoch && seq <= k->seq)
		return PIFC_DROPPED; /* old news */
	if (epoch != k->epoch || seq != k->seq + 1)
		return PIFC_RESYNC;
	k->seq = seq;
	return PIFC_APPLIED;
}

/* ---- the copy ---- */

static ssize_t find_index(const struct pifc_core *k, uint32_t ifindex)
{
	for (size_t i = 0; i < k->n; i++)
		if (k->ifs[i]->ifindex == ifindex)
			return (ssize_t)i;
	return -1;
}

const struct pifc_iface *pifc_core_by_index(const struct pifc_core *k, uint32_t ifindex)
{
	ssize_t i = find_index(k, ifindex);
	return i < 0 ? NULL : k->ifs[i];
}

const struct pifc_iface *pifc_core_by_name(const struct pifc_core *k, const char *name)
{
	for (size_t i = 0; i < k->n; i++)
		if (!strcmp(k->ifs[i]->name, name))
			return k->ifs[i];
	return NULL;
}

static int put_iface(struct pifc_core *k, struct pifc_iface *ifp)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 16;
		struct pifc_iface **n = n2_realloc(MT_PIFC_IF, k->ifs, cap * sizeof(*n));
		if (!n)
			return -1;
		k->ifs = n;
		k->cap = cap;
	}
	k->ifs[k->n++] = ifp;
	return 0;
}

static int attrs_differ(const struct pifc_iface *a, const struct pifc_iface *b)
{
	return strcmp(a->name, b->name) || a->mtu != b->mtu || a->maclen != b->maclen ||
	       memcmp(a->mac, b->mac, 6) || strcmp(a->kind, b->kind) || a->parent != b->parent ||
	       strcmp(a->description, b->description) || strcmp(a->owner, b->owner) ||
	       strcmp(a->oper_state, b->oper_state) || ((a->flags ^ b->flags) & ~LINK_FLAGS);
}

static int link_differs(const struct pifc_iface *a, const struct pifc_iface *b)
{
	return a->admin_up != b->admin_up || a->oper_up != b->oper_up;
}

static struct pifc_addr *addr_find(const struct pifc_iface *ifp, const struct n2_prefix *p)
{
	for (size_t i = 0; i < ifp->naddr; i++)
		if (n2_prefix_eq(&ifp->addrs[i].p, p))
			return &ifp->addrs[i];
	return NULL;
}

static void addr_put(struct pifc_core *k, struct pifc_iface *ifp, const struct pifc_addr *a)
{
	struct pifc_addr *old = addr_find(ifp, &a->p);
	if (old) {
		if (old->secondary == a->secondary && !strcmp(old->origin, a->origin))
			return;
		*old = *a;
	} else {
		struct pifc_addr *n =
			n2_realloc(MT_PIFC_IF, ifp->addrs, (ifp->naddr + 1) * sizeof(*n));
		if (!n)
			return;
		ifp->addrs = n;
		old = &ifp->addrs[ifp->naddr++];
		*old = *a;
	}
	if (k->ops->addr)
		k->ops->addr(k->c, PIFC_ADD, ifp, old, k->arg);
}

/* Keeps the order of the others: it is pifmgr's (and so the kernel's), which decides for
 * instance which address a consumer takes as the primary one. */
static void addr_remove(struct pifc_core *k, struct pifc_iface *ifp, const struct n2_prefix *p)
{
	struct pifc_addr *a = addr_find(ifp, p);
	if (!a)
		return;
	struct pifc_addr gone = *a;
	size_t i = (size_t)(a - ifp->addrs);
	memmove(a, a + 1, (ifp->naddr - i - 1) * sizeof(*a));
	ifp->naddr--;
	if (k->ops->addr)
		k->ops->addr(k->c, PIFC_DEL, ifp, &gone, k->arg);
}

/* Its addresses are reported removed first, then the interface. */
static void iface_remove(struct pifc_core *k, size_t i)
{
	struct pifc_iface *ifp = k->ifs[i];
	while (ifp->naddr) {
		struct n2_prefix p = ifp->addrs[ifp->naddr - 1].p;
		addr_remove(k, ifp, &p);
	}
	memmove(&k->ifs[i], &k->ifs[i + 1], (k->n - i - 1) * sizeof(k->ifs[0]));
	k->n--;
	if (k->ops->iface)
		k->ops->iface(k->c, PIFC_DEL, ifp, k->arg);
	pifc_iface_free(ifp);
}

/* A new interface: reported, then each of its addresses. */
static void iface_add(struct pifc_core *k, struct pifc_iface *nw)
{
	struct pifc_addr *addrs = nw->addrs;
	size_t naddr = nw->naddr;
	nw->addrs = NULL;
	nw->naddr = 0;
	if (put_iface(k, nw) < 0) {
		n2_free(MT_PIFC_IF, addrs);
		pifc_iface_free(nw);
		return;
	}
	if (k->ops->iface)
		k->ops->iface(k->c, PIFC_ADD, nw, k->arg);
	for (size_t i = 0; i < naddr; i++)
		addr_put(k, nw, &addrs[i]);
	n2_free(MT_PIFC_IF, addrs);
}

/* Takes nw's attributes into old (keeping old's addresses) and reports what changed: the link
 * state, then (always_report, or when they differ) the attributes. */
static void iface_take_attrs(struct pifc_core *k, struct pifc_iface *old,
			     const struct pifc_iface *nw, int always_report)
{
	int changed = always_report || attrs_differ(old, nw);
	int link = link_differs(old, nw);
	struct pifc_addr *addrs = old->addrs;
	size_t naddr = old->naddr;
	*old = *nw;
	old->addrs = addrs;
	old->naddr = naddr;
	if (link && k->ops->link)
		k->ops->link(k->c, old, 0, k->arg);
	if (changed && k->ops->iface)
		k->ops->iface(k->c, PIFC_CHANGE, old, k->arg);
}

/* Brings the copy of one interface to nw (from a snapshot), reporting each difference. */
static void merge_iface(struct pifc_core *k, struct pifc_iface *nw)
{
	ssize_t i = find_index(k, nw->ifindex);
	if (i < 0) {
		iface_add(k, nw);
		return;
	}
	struct pifc_iface *old = k->ifs[i];
	for (size_t a = old->naddr; a-- > 0;)
		if (!addr_find(nw, &old->addrs[a].p)) {
			struct n2_prefix p = old->addrs[a].p;
			addr_remove(k, old, &p);
		}
	iface_take_attrs(k, old, nw, 0);
	for (size_t a = 0; a < nw->naddr; a++)
		addr_put(k, old, &nw->addrs[a]);
	pifc_iface_free(nw);
}

static int in_list(struct pifc_iface *const *ifs, size_t n, uint32_t ifindex)
{
	for (size_t i = 0; i < n; i++)
		if (ifs[i]->ifindex == ifindex)
			return 1;
	return 0;
}

void pifc_core_snapshot(struct pifc_core *k, uint64_t epoch, uint64_t seq, struct pifc_iface **ifs,
			size_t n)
{
	k->asking = 0;
	for (size_t i = k->n; i-- > 0;)
		if (!in_list(ifs, n, k->ifs[i]->ifindex))
			iface_remove(k, i);
	for (size_t i = 0; i < n; i++)
		merge_iface(k, ifs[i]);
	k->epoch = epoch;
	k->seq = seq;
	k->synced = 1;
	if (k->ops->synced)
		k->ops->synced(k->c, k->arg);
}

/* ---- events ---- */

enum pifc_verdict pifc_core_iface(struct pifc_core *k, uint64_t epoch, uint64_t seq,
				  enum pifc_op op, struct pifc_iface *nw)
{
	enum pifc_verdict v = in_step(k, epoch, seq);
	ssize_t i = v == PIFC_APPLIED ? find_index(k, nw->ifindex) : -1;
	if (v != PIFC_APPLIED || op == PIFC_DEL) {
		if (i >= 0) /* applied: a DEL of an interface we have */
			iface_remove(k, (size_t)i);
		pifc_iface_free(nw);
		return v;
	}
	n2_free(MT_PIFC_IF, nw->addrs);
	nw->addrs = NULL;
	nw->naddr = 0;
	if (i < 0) {
		iface_add(k, nw);
	} else {
		iface_take_attrs(k, k->ifs[i], nw, 1);
		pifc_iface_free(nw);
	}
	return v;
}

enum pifc_verdict pifc_core_link(struct pifc_core *k, uint64_t epoch, uint64_t seq,
				 uint32_t ifindex, int admin_up, int oper_up, uint64_t netlink_us)
{
	enum pifc_verdict v = in_step(k, epoch, seq);
	ssize_t i = v == PIFC_APPLIED ? find_index(k, ifindex) : -1;
	if (i < 0)
		return v;
	struct pifc_iface *ifp = k->ifs[i];
	ifp->admin_up = admin_up;
	ifp->oper_up = oper_up;
	ifp->flags =
		(ifp->flags & ~LINK_FLAGS) | (admin_up ? IFF_UP : 0) | (oper_up ? IFF_RUNNING : 0);
	if (k->ops->link)
		k->ops->link(k->c, ifp, netlink_us, k->arg);
	return v;
}

enum pifc_verdict pifc_core_addr(struct pifc_core *k, uint64_t epoch, uint64_t seq, enum pifc_op op,
				 uint32_t ifindex, const struct pifc_addr *a)
{
	enum pifc_verdict v = in_step(k, epoch, seq);
	ssize_t i = v == PIFC_APPLIED ? find_index(k, ifindex) : -1;
	if (i < 0)
		return v;
	if (op == PIFC_DEL)
		addr_remove(k, k->ifs[i], &a->p);
	else
		addr_put(k, k->ifs[i], a);
	return v;
}
