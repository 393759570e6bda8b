/* The n2os-vrrp configuration from cmdmgr (the whole module as libyang JSON, on every change and
 * at registration) turned into the Tracking Database and the groups (one per interface, VRID and
 * address family): what is new is created, what changed is updated on the running protocol,
 * what is gone is deleted (resigning first).
 * The only vrrpd file that uses libyang. */
#include "vrrpd.h"
#include "log.h"
#include "yang.h"

#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct want {
	char ifname[IFNAMSIZ];
	struct group_cfg cfg;
};

static const char *leaf(const struct lyd_node *parent, const char *path)
{
	struct lyd_node *n = NULL;
	if (lyd_find_path(parent, path, 0, &n) != LY_SUCCESS || !n)
		return NULL;
	return lyd_get_value(n);
}

static unsigned uleaf(const struct lyd_node *parent, const char *path, unsigned dflt)
{
	const char *v = leaf(parent, path);
	return v ? (unsigned)strtoul(v, NULL, 10) : dflt;
}

/* The settings of a vrrp-instance that both of its groups share. */
static void read_common(const struct lyd_node *inst, struct group_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->vrid = (uint8_t)uleaf(inst, "vrid", 0);
	const char *ver = leaf(inst, "version");
	c->version = ver && !strcmp(ver, "vrrp-v3") ? 3 : 2;
	c->priority = (uint8_t)uleaf(inst, "priority", 100);
	const char *pre = leaf(inst, "preempt/enabled");
	c->preempt = !pre || !strcmp(pre, "true");
	c->preempt_delay_s = (uint16_t)uleaf(inst, "preempt/hold-time", 0);
	const char *acc = leaf(inst, "accept-mode");
	c->accept_mode = acc && !strcmp(acc, "true");
	const char *ck = leaf(inst, "checksum-with-ipv4-pseudoheader");
	c->cksum_v4_pseudo = ck && !strcmp(ck, "true"); /* RFC 9568 5.2.8: IPv4 has none */
	const char *v2 = leaf(inst, "v2-compatible");
	c->v2_compat = c->version == 3 && v2 && !strcmp(v2, "true");
	/* the YANG choice holds one of the two; milliseconds are whole centiseconds (its must) */
	unsigned ms = uleaf(inst, "advertise-interval-msec", 0);
	c->adv_cs = (uint16_t)(ms ? ms / 10u : uleaf(inst, "advertise-interval-sec", 1) * 100u);
	c->garp_count = (uint8_t)uleaf(inst, "garp-count", 3);
	const char *auth = leaf(inst, "authentication/text");
	snprintf(c->auth, sizeof(c->auth), "%s", auth ? auth : "");
}

static int read_tracks(const struct lyd_node *inst, struct group_cfg *c, char *err, size_t n)
{
	struct lyd_node *tr = NULL;
	if (lyd_find_path(inst, "track", 0, &tr) != LY_SUCCESS || !tr)
		return 0;
	for (struct lyd_node *o = lyd_child(tr); o; o = o->next) {
		if (c->ntracks == VRRP_MAX_TRACKS) {
			snprintf(err, n, "vrid %u: at most %d tracked objects", c->vrid,
				 VRRP_MAX_TRACKS);
			return -1;
		}
		c->tracks[c->ntracks].id = (uint16_t)uleaf(o, "id", 0);
		c->tracks[c->ntracks].decrement = (uint8_t)uleaf(o, "priority-decrement", 0);
		c->ntracks++;
	}
	return 0;
}

/* Does this entry of the address list go in this pass? IPv4: the addresses that are not
 * secondary (pass 0), then the secondary ones (pass 1). IPv6: the link-local address first
 * (RFC 9568 5.2.9: the first address of an IPv6 advertisement is the virtual link-local one),
 * then the others. */
static int in_pass(const struct lyd_node *a, const struct n2_addr *vip, int pass)
{
	if (vip->family == AF_INET) {
		const char *sec = leaf(a, "secondary");
		return (sec && !strcmp(sec, "true")) == pass;
	}
	int ll = vip->u.b[0] == 0xfe && (vip->u.b[1] & 0xc0) == 0x80;
	return ll == !pass;
}

/* The virtual addresses of one family, in the order they are advertised. */
static int read_vips(const struct lyd_node *inst, const char *list, const char *key,
		     struct group_cfg *c, char *err, size_t n)
{
	struct lyd_node *set = NULL;
	if (lyd_find_path(inst, list, 0, &set) != LY_SUCCESS || !set)
		return 0;
	for (int pass = 0; pass < 2; pass++)
		for (struct lyd_node *a = lyd_child(set); a; a = a->next) {
			struct n2_addr vip;
			if (n2_addr_parse(leaf(a, key), &vip) < 0 || vip.family != c->family ||
			    !in_pass(a, &vip, pass))
				continue;
			if (c->nvips == VRRP_MAX_VIPS) { /* n2os-vrrp's must refuses it first */
				snprintf(err, n, "vrid %u: at most %d virtual addresses", c->vrid,
					 VRRP_MAX_VIPS);
				return -1;
			}
			c->vips[c->nvips++] = vip;
		}
	return 0;
}

/* One vrrp-instance into its groups (RFC 9568 section 6: an IPv4 and an IPv6 virtual router
 * of one VRID are separate): the IPv4 one when it has IPv4 addresses or no address at all (a
 * group being configured, in Initialize until it has one), the IPv6 one, always VRRPv3, when
 * it has IPv6 addresses. Returns how many (0-2) were written to c, or -1. */
static int read_instance(const struct lyd_node *inst, struct group_cfg c[2], char *err, size_t n)
{
	struct group_cfg common;
	read_common(inst, &common);
	if (read_tracks(inst, &common, err, n) < 0)
		return -1;
	c[0] = c[1] = common;
	c[0].family = AF_INET;
	c[1].family = AF_INET6;
	c[1].version = 3;
	c[1].v2_compat = 0; /* there is no VRRPv2 over IPv6 */
	if (read_vips(inst, "virtual-ipv4-addresses", "ipv4-address", &c[0], err, n) < 0 ||
	    read_vips(inst, "virtual-ipv6-addresses", "ipv6-address", &c[1], err, n) < 0)
		return -1;
	if (!c[1].nvips)
		return 1;
	if (!c[0].nvips)
		c[0] = c[1];
	return c[0].family == c[1].family ? 1 : 2;
}

static int read_all(const struct lyd_node *tree, struct want *w, int *nw, uint16_t *tids, int *nt,
		    char *err, size_t n)
{
	*nw = *nt = 0;
	struct lyd_node *top = NULL;
	if (!tree || lyd_find_path(tree, "/n2os-vrrp:vrrp", 0, &top) != LY_SUCCESS || !top)
		return 0;
	for (struct lyd_node *c = lyd_child(top); c; c = c->next) {
		if (!strcmp(c->schema->name, "track")) {
			if (*nt < 500)
				tids[(*nt)++] = (uint16_t)uleaf(c, "id", 0);
			continue;
		}
		if (strcmp(c->schema->name, "interface"))
			continue;
		const char *ifname = leaf(c, "name");
		for (struct lyd_node *i = lyd_child(c); i; i = i->next) {
			if (strcmp(i->schema->name, "vrrp-instance"))
				continue;
			struct group_cfg gc[2];
			int k = read_instance(i, gc, err, n);
			if (k < 0)
				return -1;
			if (*nw + k > VRRP_MAX_GROUPS) {
				snprintf(err, n, "at most %d VRRP groups", VRRP_MAX_GROUPS);
				return -1;
			}
			for (int j = 0; j < k; j++, (*nw)++) {
				snprintf(w[*nw].ifname, sizeof(w[*nw].ifname), "%s", ifname);
				w[*nw].cfg = gc[j];
			}
		}
	}
	return 0;
}

static void apply_tracks(struct vrrpd *vd, const struct lyd_node *tree, const uint16_t *tids,
			 int nt)
{
	for (int i = 0; i < nt; i++) {
		char path[96];
		snprintf(path, sizeof(path), "/n2os-vrrp:vrrp/track[id='%u']/interface", tids[i]);
		const char *ifname = leaf(tree, path);
		if (ifname)
			trackdb_set(vd, tids[i], ifname);
	}
}

static void apply_groups(struct vrrpd *vd, const struct want *w, int nw)
{
	/* gone first: a group that moves interface is deleted, then created */
	for (struct vif *v = vd->vifs, *vn; v; v = vn) {
		vn = v->next;
		for (struct group *g = v->groups, *gn; g; g = gn) {
			gn = g->next;
			int keep = 0;
			for (int i = 0; i < nw && !keep; i++)
				keep = w[i].cfg.vrid == g->cfg.vrid &&
				       w[i].cfg.family == g->cfg.family &&
				       !strcmp(w[i].ifname, v->name);
			if (!keep)
				group_delete(g); /* may free v when it was its last group */
		}
	}
	for (int i = 0; i < nw; i++) {
		struct vif *v = ifdb_get(vd, w[i].ifname, 1);
		if (!v)
			continue;
		struct group *g = group_find(v, w[i].cfg.vrid, w[i].cfg.family);
		if (!g) {
			vrrp_bus_query(vd, v->name);
			group_create(v, &w[i].cfg);
		} else if (memcmp(&g->cfg, &w[i].cfg, sizeof(g->cfg))) {
			group_update(g, &w[i].cfg);
		}
	}
}

int config_apply(const char *module, const char *json, char *err, size_t errlen, void *arg)
{
	struct vrrpd *vd = arg;
	if (strcmp(module, "n2os-vrrp")) {
		snprintf(err, errlen, "vrrpd does not apply %s", module);
		return -1;
	}
	if (!vd->ly && !(vd->ly = n2_yang_ctx(vrrp_modules, err, errlen)))
		return -1;
	struct lyd_node *tree = NULL;
	if (n2_yang_parse(vd->ly, json, &tree, err, errlen) < 0)
		return -1;
	struct want *w = malloc(sizeof(*w) * VRRP_MAX_GROUPS); /* too big for the stack */
	uint16_t tids[500];
	int nw, nt;
	if (!w) {
		snprintf(err, errlen, "out of memory");
		lyd_free_all(tree);
		return -1;
	}
	if (read_all(tree, w, &nw, tids, &nt, err, errlen) < 0) {
		free(w);
		lyd_free_all(tree);
		return -1;
	}
	/* tracks before groups, so new groups see their objects; removed tracks after, since
	 * the groups that used them are gone or changed by then */
	apply_tracks(vd, tree, tids, nt);
	apply_groups(vd, w, nw);
	trackdb_remove_unlisted(vd, tids, nt);
	free(w);
	lyd_free_all(tree);
	n2_log_debug("configuration applied: %d groups, %d track objects", nw, nt);
	return 0;
}

void config_free(struct vrrpd *vd)
{
	if (vd->ly)
		ly_ctx_destroy(vd->ly);
	vd->ly = NULL;
}
