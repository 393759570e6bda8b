/* The Interface Database: the interfaces VRRP runs on, as pifmgr reports them, and the state each
 * had when VRRP first used it (its primary address and MAC), which VRRP never changes: virtual
 * addresses live on a macvlan of their own and go with it. */
#include "vrrpd.h"
#include "log.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

N2_MTYPE(MT_VIF, "vrrp interface");

struct vif *ifdb_get(struct vrrpd *vd, const char *name, int create)
{
	for (struct vif *v = vd->vifs; v; v = v->next)
		if (!strcmp(v->name, name))
			return v;
	if (!create)
		return NULL;
	struct vif *v = n2_calloc(MT_VIF, 1, sizeof(*v));
	if (!v)
		return NULL;
	snprintf(v->name, sizeof(v->name), "%s", name);
	v->vd = vd;
	v->rx_fd = -1;
	struct vif **tail = &vd->vifs;
	while (*tail)
		tail = &(*tail)->next;
	*tail = v;
	return v;
}

void ifdb_maybe_free(struct vif *v)
{
	if (v->groups)
		return;
	net_close_rx(v);
	for (struct vif **pv = &v->vd->vifs; *pv; pv = &(*pv)->next)
		if (*pv == v) {
			*pv = v->next;
			break;
		}
	n2_free(MT_VIF, v);
}

static void reevaluate(struct vif *v)
{
	for (struct group *g = v->groups, *n; g; g = n) {
		n = g->next;
		group_evaluate(g);
	}
}

void ifdb_update(struct vrrpd *vd, const char *name, uint32_t ifindex, int oper_up,
		 const uint8_t *mac, const struct n2_addr *addrs, int naddrs,
		 const struct n2_addr *primary, const struct n2_addr *ll6)
{
	trackdb_link(vd, name, 1, oper_up);
	struct vif *v = ifdb_get(vd, name, 0);
	if (!v)
		return;                          /* VRRP does not run on it */
	if (v->ifindex && v->ifindex != ifindex) /* a new interface under the same name */
		net_close_rx(v);
	v->ifindex = ifindex;
	v->oper_up = oper_up;
	if (mac)
		memcpy(v->mac, mac, 6);
	if (naddrs > (int)(sizeof(v->addrs) / sizeof(v->addrs[0])))
		naddrs = (int)(sizeof(v->addrs) / sizeof(v->addrs[0]));
	if (addrs) {
		memcpy(v->addrs, addrs, sizeof(v->addrs[0]) * (size_t)naddrs);
		v->naddrs = naddrs;
		v->primary = *primary;
		v->ll6 = *ll6;
	}
	if (!v->saved && !n2_addr_is_none(&v->primary)) {
		v->saved = 1;
		v->saved_primary = v->primary;
		memcpy(v->saved_mac, v->mac, 6);
	}
	if (v->groups)
		net_open_rx(v);
	reevaluate(v);
}

void ifdb_gone(struct vrrpd *vd, const char *name)
{
	trackdb_link(vd, name, 0, 0);
	struct vif *v = ifdb_get(vd, name, 0);
	if (!v)
		return;
	net_close_rx(v);
	v->ifindex = 0;
	v->oper_up = 0;
	v->primary = (struct n2_addr){0};
	v->ll6 = (struct n2_addr){0};
	v->naddrs = 0;
	reevaluate(v);
}
