/* Requests from processes (add/remove an address, create/delete a macvlan, admin state) and what
 * happens when a process leaves the bus: everything done for it is undone. Every refusal says
 * exactly why. */
#include "pifmgr.h"
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* Room for one more object made for owner (PIF_MAX_OWNED); -1 with the reason in err. */
static int owned_room(const struct pif_mgr *m, const char *owner, char *err, size_t errlen)
{
	size_t n = state_own_count(&m->state, owner);
	if (n < PIF_MAX_OWNED)
		return 0;
	snprintf(err, errlen,
		 "%s already has %zu addresses, macvlans and admin states from pifmgr "
		 "(at most %d)",
		 owner, n, PIF_MAX_OWNED);
	return -1;
}

static int cfg_has_addr(const struct pif_mgr *m, const char *ifname, const struct n2_prefix *p)
{
	const struct pif_cfg_if *c = pif_cfg_find(&m->cfg, ifname);
	for (size_t i = 0; c && i < c->naddr; i++)
		if (n2_prefix_eq(&c->addrs[i].p, p))
			return 1;
	return 0;
}

static int kernel_addr(struct pif_mgr *m, int add, const struct pif_iface *ifp,
		       const struct n2_prefix *p, unsigned flags, char *err, size_t errlen)
{
	if (m->nl)
		return add ? kern_addr_add(m->nl, ifp->l.ifindex, p, flags, err, errlen)
			   : kern_addr_del(m->nl, ifp->l.ifindex, p, err, errlen);
	struct pif_action a = {.kind = add ? ACT_ADDR_ADD : ACT_ADDR_DEL, .p = *p, .flags = flags};
	return m->fake_kernel ? m->fake_kernel(m, &a, ifp->l.name, err, errlen) : 0;
}

static int check_add(const struct pif_iface *ifp, const struct n2_prefix *p, int secondary,
		     const char *ps, char *err, size_t errlen)
{
	int primary = 0;
	for (const struct pif_addr *a = ifp->addrs; a; a = a->next) {
		char as[N2_PREFIX_STRLEN];
		if (a->p.family != p->family)
			continue;
		if (!memcmp(a->p.addr, p->addr, sizeof(p->addr))) {
			snprintf(err, errlen, "%s is already on %s as %s", ps, ifp->l.name,
				 n2_prefix_str(&a->p, as, sizeof(as)));
			return -1;
		}
		if (!a->secondary && n2_prefix_same_subnet(&a->p, p))
			primary = 1;
	}
	if (secondary && p->family == AF_INET && !primary) {
		struct n2_prefix net;
		char ns[N2_PREFIX_STRLEN];
		n2_prefix_network(p, &net);
		snprintf(err, errlen, "no primary address in %s on %s for secondary %s",
			 n2_prefix_str(&net, ns, sizeof(ns)), ifp->l.name, ps);
		return -1;
	}
	return 0;
}

int ops_addr(struct pif_mgr *m, const char *owner, int add, const char *ifname, const char *prefix,
	     unsigned flags, char *err, size_t errlen)
{
	int secondary = !!(flags & PIF_ADDR_SECONDARY);
	int noaccept = !!(flags & PIF_ADDR_NOACCEPT);
	struct n2_prefix p;
	if (n2_prefix_parse(prefix, &p, 0) < 0) {
		snprintf(err, errlen, "bad address '%s' (expected A.B.C.D/M or X:X::X:X/M)",
			 prefix);
		return -1;
	}
	char ps[N2_PREFIX_STRLEN];
	n2_prefix_str(&p, ps, sizeof(ps));
	kern_drain(m->nl);
	struct pif_iface *ifp = iftable_by_name(&m->table, ifname);
	if (!ifp) {
		snprintf(err, errlen, "no such interface: %s", ifname);
		return -1;
	}
	struct pif_own *o = state_own_find_addr(&m->state, ifname, &p, owner);
	if (add) {
		if (o && iftable_addr_find(ifp, &p)) { /* asked twice: done, but for accept mode */
			if (o->noaccept != noaccept) {
				o->noaccept = noaccept;
				accept_sync(m);
				state_save(&m->state);
			}
			return 0;
		}
		if (check_add(ifp, &p, secondary, ps, err, errlen) < 0 ||
		    (!o && owned_room(m, owner, err, errlen) < 0))
			return -1;
		/* recorded first, so that the address event already names its origin */
		if (!o && (o = state_own_add(&m->state, OWN_ADDR, owner, ifname)))
			o->p = p;
		if (o) /* its rules before the address: not one packet for it is accepted */
			o->noaccept = noaccept;
		accept_sync(m);
		if (kernel_addr(m, 1, ifp, &p, flags, err, errlen) < 0) {
			if (o)
				state_own_del(&m->state, o);
			accept_sync(m);
			return -1;
		}
		n2_log_info("%s: added %s for %s", ifname, ps, owner);
	} else {
		if (!o) {
			snprintf(err, errlen, "%s on %s was not added by %s", ps, ifname, owner);
			return -1;
		}
		state_own_del(&m->state, o);
		if (!cfg_has_addr(m, ifname, &p) &&
		    !state_own_find_addr(&m->state, ifname, &p, NULL) &&
		    iftable_addr_find(ifp, &p) && kernel_addr(m, 0, ifp, &p, 0, err, errlen) < 0) {
			accept_sync(m);
			state_save(&m->state);
			return -1;
		}
		accept_sync(m);
		n2_log_info("%s: removed %s for %s", ifname, ps, owner);
	}
	state_save(&m->state);
	return 0;
}

static int valid_ifname(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= PIF_NAMSIZ || !strcmp(s, ".") || !strcmp(s, ".."))
		return 0;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || *s <= ' ' || *s == 0x7f)
			return 0;
	return 1;
}

int ops_macvlan_add(struct pif_mgr *m, const char *owner, const char *name, const char *parent,
		    const uint8_t *mac, size_t maclen, const char *mode, unsigned flags,
		    uint32_t *ifindex, char *err, size_t errlen)
{
	if (!valid_ifname(name)) {
		snprintf(err, errlen,
			 "bad interface name '%s' (1 to 15 characters, no '/', ':' "
			 "or blanks)",
			 name);
		return -1;
	}
	if (maclen != 6 || (mac[0] & 1) || !(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5])) {
		snprintf(err, errlen, "bad MAC address (6 bytes, unicast, not zero)");
		return -1;
	}
	kern_drain(m->nl);
	const struct pif_iface *pp = iftable_by_name(&m->table, parent);
	if (!pp) {
		snprintf(err, errlen, "no such interface: %s", parent);
		return -1;
	}
	const struct pif_iface *have = iftable_by_name(&m->table, name);
	if (have && state_own_find(&m->state, OWN_MACVLAN, name, owner) &&
	    have->l.parent == pp->l.ifindex) {
		*ifindex = have->l.ifindex; /* asked again (e.g. after our restart): done already */
		return 0;
	}
	if (have) {
		snprintf(err, errlen, "interface %s already exists", name);
		return -1;
	}
	if (owned_room(m, owner, err, errlen) < 0)
		return -1;
	arpguard_add(m, pp); /* before the macvlan can answer anything */
	struct pif_mv_shape sh;
	plan_macvlan_shape(flags, &sh);
	if (m->nl &&
	    kern_macvlan_add(m->nl, name, pp->l.ifindex, mac, mode, &sh, err, errlen) < 0) {
		arpguard_sweep(m, 0);
		return -1;
	}
	arpguard_macvlan(m, name, sh.arp_ignore);
	struct pif_own *o = state_own_add(&m->state, OWN_MACVLAN, owner, name);
	(void)o;
	state_save(&m->state);
	const struct pif_iface *ifp = iftable_by_name(&m->table, name);
	*ifindex = ifp ? ifp->l.ifindex : 0;
	n2_log_info("%s: created macvlan on %s (%02x:%02x:%02x:%02x:%02x:%02x) for %s", name,
		    parent, mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], owner);
	return 0;
}

static int delete_link(struct pif_mgr *m, const char *name, char *err, size_t errlen)
{
	kern_drain(m->nl);
	const struct pif_iface *ifp = iftable_by_name(&m->table, name);
	if (!ifp || !m->nl)
		return 0;
	return kern_link_del(m->nl, ifp->l.ifindex, err, errlen);
}

int ops_macvlan_del(struct pif_mgr *m, const char *owner, const char *name, char *err,
		    size_t errlen)
{
	struct pif_own *o = state_own_find(&m->state, OWN_MACVLAN, name, owner);
	if (!o) {
		snprintf(err, errlen, "%s was not created by %s", name, owner);
		return -1;
	}
	if (delete_link(m, name, err, errlen) < 0)
		return -1;
	/* the table's DEL has dropped the records; make sure if there was no table entry */
	if ((o = state_own_find(&m->state, OWN_MACVLAN, name, owner)))
		state_own_del(&m->state, o);
	state_save(&m->state);
	arpguard_sweep(m, 0);
	n2_log_info("%s: deleted macvlan for %s", name, owner);
	return 0;
}

void ops_admin(struct pif_mgr *m, const char *owner, const char *ifname, int up, pif_done_fn done,
	       void *arg)
{
	if (!iftable_by_name(&m->table, ifname)) {
		char err[64];
		snprintf(err, sizeof(err), "no such interface: %s", ifname);
		done(m, -1, err, arg);
		return;
	}
	char err[160];
	if (jobs_waiting(m) >= PIF_MAX_PENDING) {
		snprintf(err, sizeof(err),
			 "pifmgr is busy: %u requests are waiting (at most %d); try again",
			 jobs_waiting(m), PIF_MAX_PENDING);
		if (done)
			done(m, -1, err, arg);
		return;
	}
	struct pif_own *o = state_own_find(&m->state, OWN_ADMIN, ifname, owner);
	if (!o && owned_room(m, owner, err, sizeof(err)) < 0) {
		if (done)
			done(m, -1, err, arg);
		return;
	}
	if (o) /* the latest request wins: move it to the end */
		state_own_del(&m->state, o);
	if ((o = state_own_add(&m->state, OWN_ADMIN, owner, ifname)))
		o->up = up;
	char reason[64];
	snprintf(reason, sizeof(reason), "requested by %s", owner);
	jobs_reconcile(m, ifname, PLAN_FULL, reason, owner, done, arg);
}

void ops_owner_gone(struct pif_mgr *m, const char *owner)
{
	char err[256];
	int n = 0;
	for (struct pif_own *next, *o = m->state.own; o; o = next) {
		next = o->next;
		if (strcmp(o->owner, owner))
			continue;
		n++;
		char ifname[PIF_NAMSIZ];
		snprintf(ifname, sizeof(ifname), "%s", o->ifname);
		enum pif_own_kind kind = o->kind;
		struct n2_prefix p = o->p;
		state_own_del(&m->state, o);
		if (kind == OWN_MACVLAN && delete_link(m, ifname, err, sizeof(err)) < 0)
			n2_log_err("%s: %s", ifname, err);
		if (kind == OWN_ADDR && !cfg_has_addr(m, ifname, &p) &&
		    !state_own_find_addr(&m->state, ifname, &p, NULL)) {
			const struct pif_iface *ifp = iftable_by_name(&m->table, ifname);
			if (ifp && iftable_addr_find(ifp, &p) &&
			    kernel_addr(m, 0, ifp, &p, 0, err, sizeof(err)) < 0)
				n2_log_err("%s: %s", ifname, err);
		}
		if (kind == OWN_ADMIN)
			jobs_reconcile(m, ifname, PLAN_FULL, "its requester left", NULL, NULL,
				       NULL);
		next = m->state.own; /* deleting a link may have dropped other records */
	}
	if (n) {
		arpguard_sweep(m, 0);
		accept_sync(m);
		n2_log_info("%s left: undid %d change%s made for it", owner, n, n == 1 ? "" : "s");
		state_save(&m->state);
	}
}

void ops_config(struct pif_mgr *m, struct pif_cfg *cfg)
{
	pif_cfg_free(&m->cfg);
	m->cfg = *cfg;
	memset(cfg, 0, sizeof(*cfg));
	m->have_cfg = 1;
	jobs_reconcile_all(m, PLAN_FULL, "shutdown", NULL, NULL);
}
