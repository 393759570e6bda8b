/* The plan: which kernel actions bring an interface to what the configuration and the
 * processes ask for (or, at n2os stop, back to what it was before n2os). Pure: it reads the
 * table entry, the configuration and the state, and writes actions. jobs.c carries them out. */
#include "pifmgr.h"

#include <net/if.h>
#include <stdio.h>
#include <string.h>

static const char *const act_names[] = {
	[ACT_ADDR_DEL] = "delete address",
	[ACT_ADDR_ADD] = "add address",
	[ACT_ADDR_CLAIM] = "claim address",
	[ACT_ADMIN] = "set admin state",
	[ACT_MTU] = "set mtu",
	[ACT_ALIAS] = "set description",
};

const char *pif_act_name(enum pif_act_kind k)
{
	return k <= ACT_ALIAS ? act_names[k] : "?";
}

/* A macvlan carries a virtual MAC, so what it answers is answered with that MAC. No link-local
 * address from the kernel for any of them: an IPv4 virtual router's macvlan then has no IPv6
 * address and answers no Neighbor Solicitation; an IPv6 one's has only what its requester adds
 * (VRRPv3's virtual link-local, RFC 9568 7.4). An IPv6 one never answers ARP (arp_ignore=8):
 * the kernel would answer on it for any local IPv4 address, the VRID's IPv4 virtual addresses
 * too, with the IPv6 virtual MAC; IFF_NOARP would do that but stops Neighbor Discovery on it as
 * well. An IPv4 one must answer ARP for its addresses (RFC 9568 7.3: with the IPv4 virtual MAC)
 * and for them only, so arp_ignore=1 on it; arp_announce=2 on both. */
void plan_macvlan_shape(unsigned flags, struct pif_mv_shape *sh)
{
	memset(sh, 0, sizeof(*sh));
	if (flags & PIF_MV_UP)
		sh->ifflags |= IFF_UP;
	sh->addr_gen_none = 1;
	sh->arp_ignore = flags & PIF_MV_IPV6_ONLY ? 8 : 1;
}

struct plan {
	struct pif_action *out;
	size_t n, max;
};

static struct pif_action *push(struct plan *pl, enum pif_act_kind kind)
{
	if (pl->n == pl->max)
		return NULL;
	struct pif_action *a = &pl->out[pl->n++];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	return a;
}

static int cfg_has_addr(const struct pif_cfg_if *cfg, const struct n2_prefix *p)
{
	for (size_t i = 0; cfg && i < cfg->naddr; i++)
		if (n2_prefix_eq(&cfg->addrs[i].p, p))
			return 1;
	return 0;
}

/* Deletes addresses that n2os put there and nobody wants any more: secondaries first, so that
 * removing a primary does not take them along before we get to them. */
static void plan_addr_dels(struct plan *pl, const struct pif_iface *ifp,
			   const struct pif_cfg_if *cfg, const struct pif_state *st, int restore)
{
	for (int pass = 0; pass < 2; pass++)
		for (const struct pif_own *o = st->own; o; o = o->next) {
			if (o->kind != OWN_ADDR || strcmp(o->ifname, ifp->l.name))
				continue;
			int config = !strcmp(o->owner, "config");
			if (restore ? (config && o->preexisting)
				    : (!config || cfg_has_addr(cfg, &o->p)))
				continue;
			const struct pif_addr *ka = iftable_addr_find(ifp, &o->p);
			int secondary = ka && ka->secondary;
			if ((pass == 0) != secondary)
				continue;
			if (restore && !ka)
				continue;
			struct pif_action *a = push(pl, ACT_ADDR_DEL);
			if (a) {
				a->p = o->p;
				a->owner = restore ? NULL : "config";
			}
		}
}

static void plan_addr_adds(struct plan *pl, const struct pif_iface *ifp,
			   const struct pif_cfg_if *cfg, const struct pif_state *st)
{
	for (size_t i = 0; cfg && i < cfg->naddr; i++) {
		const struct n2_prefix *p = &cfg->addrs[i].p;
		int in_kernel = iftable_addr_find(ifp, p) != NULL;
		int recorded = state_own_find_addr(st, ifp->l.name, p, "config") != NULL;
		if (in_kernel && recorded)
			continue;
		struct pif_action *a = push(pl, in_kernel ? ACT_ADDR_CLAIM : ACT_ADDR_ADD);
		if (a) {
			a->p = *p;
			a->owner = "config";
		}
	}
	for (const struct pif_own *o = st->own; o; o = o->next) {
		if (o->kind != OWN_ADDR || strcmp(o->owner, "config") == 0 ||
		    strcmp(o->ifname, ifp->l.name) || iftable_addr_find(ifp, &o->p) ||
		    cfg_has_addr(cfg, &o->p))
			continue;
		struct pif_action *a = push(pl, ACT_ADDR_ADD);
		if (a) {
			a->p = o->p;
			a->owner = o->owner;
		}
	}
}

/* The admin state wanted: a process's request wins, then the configuration, then what it was
 * before n2os. -1 = no opinion. */
static int want_admin(const struct pif_iface *ifp, const struct pif_cfg_if *cfg,
		      const struct pif_state *st, const struct pif_orig *orig, int restore)
{
	if (restore)
		return orig && orig->has_admin ? orig->admin_up : -1;
	const struct pif_own *req = NULL;
	for (const struct pif_own *o = st->own; o; o = o->next)
		if (o->kind == OWN_ADMIN && !strcmp(o->ifname, ifp->l.name))
			req = o; /* the latest */
	if (req)
		return req->up;
	if (cfg)
		return cfg->enabled;
	return orig && orig->has_admin ? orig->admin_up : -1;
}

size_t pif_plan(const struct pif_iface *ifp, const struct pif_cfg_if *cfg,
		const struct pif_state *st, int mode, struct pif_action *out, size_t max)
{
	struct plan pl = {out, 0, max};
	int restore = mode == PLAN_RESTORE;
	if (restore)
		cfg = NULL;
	const struct pif_orig *orig = state_orig((struct pif_state *)st, ifp->l.name, 0);
	if (mode == PLAN_ADDRS) {
		plan_addr_adds(&pl, ifp, cfg, st);
		return pl.n;
	}
	plan_addr_dels(&pl, ifp, cfg, st, restore);
	int admin = want_admin(ifp, cfg, st, orig, restore);
	struct pif_action *a;
	if (admin == 1 && !ifp->l.admin_up && (a = push(&pl, ACT_ADMIN)))
		a->up = 1;
	uint32_t mtu = cfg && cfg->mtu ? cfg->mtu : orig && orig->has_mtu ? orig->mtu : 0;
	if (mtu && mtu != ifp->l.mtu && (a = push(&pl, ACT_MTU)))
		a->mtu = mtu;
	const char *alias = cfg && cfg->description[0] ? cfg->description
			    : orig && orig->has_alias  ? orig->alias
						       : NULL;
	if (alias && strcmp(alias, ifp->l.alias) && (a = push(&pl, ACT_ALIAS)))
		snprintf(a->alias, sizeof(a->alias), "%s", alias);
	if (!restore)
		plan_addr_adds(&pl, ifp, cfg, st);
	if (admin == 0 && ifp->l.admin_up && (a = push(&pl, ACT_ADMIN)))
		a->up = 0;
	return pl.n;
}
