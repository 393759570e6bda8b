/* Virtual routers: each group's state machine (vrrp_fsm.c) is fed its events here — start and
 * stop as its interface allows, advertisements, timers, priority changes — and what it decides is
 * carried out: advertisements and gratuitous ARPs (frames built by vrrp_frame.c) go on the wire
 * at once from the interface with the virtual MAC as source (net.c); received advertisements are
 * checked by vrrp_rx.c and only counted, logged and fed to the FSM here; the virtual-MAC
 * macvlan and the virtual addresses follow through pifmgr (bus.c). */
#include "vrrpd.h"
#include "log.h"
#include "vrrp_frame.h"
#include "vrrp_rx.h"
#include "mem.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

N2_MTYPE(MT_GROUP, "vrrp group");

#define GARP_SPACING_US 1000000u

static uint64_t realtime_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void group_vmac(const struct group *g, uint8_t mac[6])
{
	vrrp_vmac(g->cfg.family, g->cfg.vrid, mac);
}

const char *group_state_name(const struct group *g)
{
	return vrrp_state_name(g->fsm.state);
}

struct group *group_find(struct vif *v, uint8_t vrid, uint8_t family)
{
	for (struct group *g = v->groups; g; g = g->next)
		if (g->cfg.vrid == vrid && g->cfg.family == family)
			return g;
	return NULL;
}

/* The address the group speaks from: the interface's primary IPv4 address, or its IPv6
 * link-local address (RFC 9568 5.1.2.1). */
static const struct n2_addr *own_addr(const struct group *g)
{
	return g->cfg.family == AF_INET6 ? &g->vif->ll6 : &g->vif->primary;
}

/* The virtual addresses as advertised and installed (vrrp_adv_addrs). */
static int wire_addrs(const struct group_cfg *c, struct n2_addr *out)
{
	return vrrp_adv_addrs(c->family, c->vrid, c->vips, c->nvips, out);
}

static void params(const struct group *g, struct vrrp_fsm_params *p)
{
	p->version = g->cfg.version;
	p->priority = g->cur_priority;
	p->preempt = g->cfg.preempt || g->owner;
	p->adv_interval_cs = g->cfg.adv_cs;
	p->preempt_delay_us = (uint64_t)g->cfg.preempt_delay_s * 1000000u;
	p->local_ip = *own_addr(g);
}

static void on_timer(struct n2_loop *loop, void *arg);

static void rearm(struct group *g)
{
	enum vrrp_event ev;
	uint64_t at = vrrp_fsm_next(&g->fsm, &ev), now = n2_now_us();
	n2_timer_cancel(&g->t_fsm);
	if (at)
		n2_timer_add(g->vif->vd->loop, &g->t_fsm, at > now ? at - now : 0, on_timer, g);
}

/* The advertisement of this version the group sends now (RFC 3768 5.3, RFC 9568 5.2): its own,
 * or in VRRPv2 compatibility the v2 one beside its v3 one (RFC 9568 8.4.2). */
static void adv_of(const struct group *g, uint8_t version, uint8_t priority, struct vrrp_adv *a)
{
	*a = (struct vrrp_adv){.version = version,
			       .vrid = g->cfg.vrid,
			       .family = g->cfg.family,
			       .priority = priority};
	if (a->version == 2) {
		a->interval = vrrp_v2_interval_s(g->cfg.adv_cs);
		a->auth_type = g->cfg.auth[0] ? VRRP_AUTH_TEXT : VRRP_AUTH_NONE;
		memcpy(a->auth, g->cfg.auth, sizeof(a->auth));
	} else {
		a->interval = g->cfg.adv_cs;
		a->cksum_v4_pseudo = (uint8_t)g->cfg.cksum_v4_pseudo;
	}
	a->naddr = (uint8_t)wire_addrs(&g->cfg, a->addrs);
}

static int send_adv_frame(const struct group *g, uint8_t version, uint8_t priority)
{
	uint8_t f[VRRP_ADV_FRAME_MAX];
	struct vrrp_adv a;
	if (!g->vif->ifindex || n2_addr_is_none(own_addr(g)))
		return -1;
	adv_of(g, version, priority, &a);
	size_t n = vrrp_frame_adv(&a, own_addr(g), ++g->vif->vd->ip_id, f, sizeof(f));
	return n ? net_send_frame(g, f, n) : -1;
}

/* RFC 9568 8.4.2: in VRRPv2 compatibility a master "MUST send both types at the configured
 * rate, even if sub-second"; each counts as an advertisement sent. */
static void send_adv(struct group *g, uint8_t priority)
{
	int both = g->cfg.v2_compat && g->cfg.version == 3 && g->cfg.family == AF_INET;
	for (int i = 0; i <= both; i++)
		if (send_adv_frame(g, i ? 2 : g->cfg.version, priority) == 0) {
			g->st.adv_sent++;
			if (!priority)
				g->st.prio_zero_sent++;
		}
}

static void on_garp(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct group *g = arg;
	if (g->fsm.state != VRRP_MASTER || g->garps_left <= 0)
		return;
	/* gratuitous ARP, or for IPv6 an unsolicited Neighbor Advertisement (RFC 9568 6.4.2) */
	uint8_t f[VRRP_NA_FRAME_LEN > VRRP_GARP_FRAME_LEN ? VRRP_NA_FRAME_LEN
							  : VRRP_GARP_FRAME_LEN];
	struct n2_addr w[VRRP_MAX_VIPS + 1];
	int nw = wire_addrs(&g->cfg, w);
	for (int i = 0; i < nw; i++) {
		size_t n = g->cfg.family == AF_INET6
				   ? vrrp_frame_na(g->cfg.vrid, &w[i], f, sizeof(f))
				   : vrrp_frame_garp(g->cfg.vrid, &w[i], f, sizeof(f));
		if (n)
			net_send_frame(g, f, n);
	}
	if (--g->garps_left > 0)
		n2_timer_add(g->vif->vd->loop, &g->t_garp, GARP_SPACING_US, on_garp, g);
}

static void vips_request(struct group *g, const struct group_cfg *c, int add)
{
	struct n2_addr w[VRRP_MAX_VIPS + 1];
	int nw = wire_addrs(c, w);
	for (int i = 0; i < nw; i++)
		vrrp_bus_vip(g, &w[i], add);
}

static void install(struct group *g)
{
	if (!g->mvindex || g->fsm.state != VRRP_MASTER)
		return; /* group_mv_created() comes back here */
	if (!g->mv_up) {
		g->mv_up = 1;
		vrrp_bus_macvlan_admin(g, 1);
	}
	if (!g->vips_installed && !g->owner) {
		g->vips_installed = 1;
		vips_request(g, &g->cfg, 1);
	}
}

static void take_over(struct group *g)
{
	/* what hosts and switches see first: they must learn the virtual MAC's new port */
	g->garps_left = g->cfg.garp_count;
	n2_timer_cancel(&g->t_garp);
	on_garp(g->vif->vd->loop, g);
	install(g);
}

static void release(struct group *g)
{
	n2_timer_cancel(&g->t_garp);
	if (g->vips_installed) {
		vips_request(g, &g->cfg, 0);
		g->vips_installed = 0;
	}
	if (g->mv_up) {
		g->mv_up = 0;
		vrrp_bus_macvlan_admin(g, 0);
	}
}

static void act(struct group *g, enum vrrp_event ev, const struct vrrp_fsm_adv *adv,
		const char *cause)
{
	struct vrrp_fsm_params p;
	params(g, &p);
	enum vrrp_state from = g->fsm.state;
	unsigned a = vrrp_fsm_event(&g->fsm, &p, ev, adv, n2_now_us());
	if (a & VRRP_ACT_SEND_ADV_ZERO)
		send_adv(g, 0);
	if (a & VRRP_ACT_SEND_ADV)
		send_adv(g, g->cur_priority);
	if (a & VRRP_ACT_TAKE_OVER)
		take_over(g);
	if (a & VRRP_ACT_RELEASE)
		release(g);
	if (g->fsm.state != from) {
		g->last_change_us = realtime_ms();
		g->st.master_transitions = g->fsm.master_transitions;
		vrrp_log_transition(g, from, cause ? cause : vrrp_event_name(ev));
	}
	rearm(g);
}

static void on_timer(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct group *g = arg;
	enum vrrp_event ev;
	if (vrrp_fsm_next(&g->fsm, &ev))
		act(g, ev, NULL, ev == VRRP_EV_MASTER_DOWN ? "master down timer expired" : NULL);
}

void vrrp_log_transition(const struct group *g, enum vrrp_state from, const char *cause)
{
	n2_log_info(VRRP_GRP_FMT ": %s -> %s (%s), priority %u",
		    VRRP_GRP_ARGS(g->vif->name, &g->cfg), vrrp_state_name(from),
		    group_state_name(g), cause, g->cur_priority);
}

static int owns_vip(const struct group *g)
{
	for (int i = 0; i < g->cfg.nvips; i++)
		for (int k = 0; k < g->vif->naddrs; k++)
			if (n2_addr_eq(&g->cfg.vips[i], &g->vif->addrs[k]))
				return 1;
	return 0;
}

static const char *blocker(const struct group *g)
{
	const struct vif *v = g->vif;
	if (!v->ifindex)
		return "interface not found";
	if (!v->oper_up)
		return "interface down";
	if (g->cfg.family == AF_INET6 && n2_addr_is_none(&v->ll6))
		return "no IPv6 link-local address on the interface";
	if (g->cfg.family != AF_INET6 && n2_addr_is_none(&v->primary))
		return "no IPv4 address on the interface";
	if (!g->cfg.nvips)
		return "no virtual address configured";
	return NULL;
}

void group_evaluate(struct group *g)
{
	const char *why = g->vif->vd->pif_ready ? blocker(g) : "waiting for pifmgr";
	if (why) {
		snprintf(g->why_init, sizeof(g->why_init), "%s", why);
		if (g->running) {
			g->running = 0;
			act(g, VRRP_EV_SHUTDOWN, NULL, why);
		}
		/* not running: nothing to feed the FSM, but show the priority it will start with */
		g->cur_priority = trackdb_priority(g);
		return;
	}
	g->why_init[0] = 0;
	if (!g->mvindex)
		vrrp_bus_macvlan_create(g);
	if (!g->running) {
		g->owner = owns_vip(g);
		g->cur_priority = trackdb_priority(g);
		g->running = 1;
		act(g, VRRP_EV_STARTUP, NULL, "startup");
	} else {
		/* not set here: group_reprioritize() must see the change to feed it to the FSM */
		group_reprioritize(g);
	}
}

void group_reprioritize(struct group *g)
{
	g->owner = owns_vip(g);
	uint8_t p = trackdb_priority(g);
	if (p == g->cur_priority)
		return;
	n2_log_info(VRRP_GRP_FMT ": priority %u -> %u", VRRP_GRP_ARGS(g->vif->name, &g->cfg),
		    g->cur_priority, p);
	g->cur_priority = p;
	if (g->running)
		act(g, VRRP_EV_PRIORITY, NULL, "priority change");
}

struct group *group_create(struct vif *v, const struct group_cfg *cfg)
{
	struct group *g = n2_calloc(MT_GROUP, 1, sizeof(*g));
	if (!g)
		return NULL;
	g->vif = v;
	g->cfg = *cfg;
	vrrp_fsm_init(&g->fsm);
	g->cur_priority = cfg->priority;
	struct group **tail = &v->groups; /* in configuration order, as show lists them */
	while (*tail)
		tail = &(*tail)->next;
	*tail = g;
	net_open_rx(v);
	n2_log_info(VRRP_GRP_FMT ": configured", VRRP_GRP_ARGS(v->name, cfg));
	group_evaluate(g);
	return g;
}

static int same_vips(const struct group_cfg *a, const struct group_cfg *b)
{
	if (a->nvips != b->nvips)
		return 0;
	for (int i = 0; i < a->nvips; i++)
		if (!n2_addr_eq(&a->vips[i], &b->vips[i]))
			return 0;
	return 1;
}

void group_update(struct group *g, const struct group_cfg *cfg)
{
	struct group_cfg old = g->cfg;
	if (old.version != cfg->version) { /* a different protocol: start again */
		if (g->running) {
			g->running = 0;
			act(g, VRRP_EV_SHUTDOWN, NULL, "version changed");
		}
		g->cfg = *cfg;
		group_evaluate(g);
		return;
	}
	if (!same_vips(&old, cfg) && g->vips_installed) { /* swap the addresses we hold */
		vips_request(g, &old, 0);
		g->vips_installed = 0;
	}
	g->cfg = *cfg;
	if (g->vips_installed && old.accept_mode != cfg->accept_mode)
		vips_request(g, cfg, 1); /* asked again: pifmgr changes the rules in place */
	if (g->fsm.state == VRRP_MASTER)
		install(g);
	if (g->running && old.adv_cs != cfg->adv_cs)
		act(g, VRRP_EV_INTERVAL, NULL, "interval change");
	group_evaluate(g); /* priority, owner and whether it can run at all */
}

void group_delete(struct group *g)
{
	struct vif *v = g->vif;
	if (g->running) {
		g->running = 0;
		act(g, VRRP_EV_SHUTDOWN, NULL, "group deleted");
	}
	n2_timer_cancel(&g->t_fsm);
	n2_timer_cancel(&g->t_garp);
	vrrp_bus_macvlan_delete(g);
	for (struct group **pg = &v->groups; *pg; pg = &(*pg)->next)
		if (*pg == g) {
			*pg = g->next;
			break;
		}
	n2_log_info(VRRP_GRP_FMT ": deleted", VRRP_GRP_ARGS(v->name, &g->cfg));
	n2_free(MT_GROUP, g);
	if (!v->groups)
		net_close_rx(v);
	ifdb_maybe_free(v);
}

void group_mv_created(struct group *g, uint32_t ifindex)
{
	g->mvindex = ifindex;
	g->mv_up = 0;
	g->vips_installed = 0;
	install(g);
}

void group_resign_iface(struct vif *v, const char *why)
{
	for (struct group *g = v->groups; g; g = g->next)
		if (g->running && g->fsm.state == VRRP_MASTER) {
			g->running = 0;
			snprintf(g->why_init, sizeof(g->why_init), "%s", why);
			act(g, VRRP_EV_SHUTDOWN, NULL, why);
		}
}

void group_resign_all(struct vrrpd *vd, const char *why)
{
	for (struct vif *v = vd->vifs; v; v = v->next)
		group_resign_iface(v, why);
}

/* ---- received advertisements: vrrp_rx.c checks, this counts, logs and acts ---- */

/* The found group's virtual addresses as they are on the wire, for the expectation. */
struct rx_where {
	struct vif *v;
	struct n2_addr wire[VRRP_MAX_VIPS + 1];
};

static int rx_find(void *arg, uint8_t vrid, uint8_t family, struct vrrp_rx_expect *out)
{
	struct rx_where *w = arg;
	const struct group *g = group_find(w->v, vrid, family);
	if (!g)
		return 0;
	*out = (struct vrrp_rx_expect){.version = g->cfg.version,
				       .adv_cs = g->cfg.adv_cs,
				       .cksum_v4_pseudo = g->cfg.cksum_v4_pseudo,
				       .v2_compat = g->cfg.v2_compat,
				       .auth = g->cfg.auth,
				       .vips = w->wire,
				       .nvips = wire_addrs(&g->cfg, w->wire)};
	return 1;
}

/* Refused by the VRRP header checks of the codec. */
static void rx_header_error(struct vif *v, struct group *g, const struct vrrp_rx_result *r,
			    const char *from)
{
	struct vrrp_global_stats *gst = &v->vd->gst[VRRP_FAM(r->family)];
	enum vrrp_rx_err e = r->err;
	if (g && e == VRRP_RX_TYPE)
		g->st.invalid_type++;
	else if (g && e == VRRP_RX_LENGTH)
		g->st.packet_length_errors++;
	else if (e == VRRP_RX_TTL)
		gst->ip_ttl_errors++;
	else if (e == VRRP_RX_VERSION)
		gst->version_errors++;
	else if (e == VRRP_RX_CHECKSUM)
		gst->checksum_errors++;
	n2_log_rl(&v->vd->rl_rx, LOG_WARNING, "%s: advertisement from %s dropped: %s", v->name,
		  from, vrrp_rx_err_name(e));
}

/* Refused (or, for an owner's address list, only noted) by the checks of the group's config. */
static void rx_group_error(struct group *g, const struct vrrp_rx_result *r, const char *from)
{
	const struct vrrp_adv *a = &r->adv;
	const char *ifn = g->vif->name;
	struct n2_ratelimit *rl = &g->vif->vd->rl_rx;
	switch (r->err) {
	case VRRP_RX_AUTH_TYPE:
		g->st.auth_type_mismatch++;
		n2_log_rl(rl, LOG_WARNING, VRRP_GRP_FMT ": auth type %u from %s, we use %d",
			  VRRP_GRP_ARGS(ifn, &g->cfg), a->auth_type, from,
			  g->cfg.auth[0] ? VRRP_AUTH_TEXT : VRRP_AUTH_NONE);
		break;
	case VRRP_RX_AUTH:
		g->st.auth_failures++;
		n2_log_rl(rl, LOG_WARNING, VRRP_GRP_FMT ": wrong password from %s",
			  VRRP_GRP_ARGS(ifn, &g->cfg), from);
		break;
	case VRRP_RX_INTERVAL:
		g->st.interval_errors++;
		if (g->cfg.version == 3) {
			n2_log_rl(rl, LOG_WARNING,
				  VRRP_GRP_FMT ": advertisement interval 0 from %s",
				  VRRP_GRP_ARGS(ifn, &g->cfg), from);
			break;
		}
		n2_log_rl(rl, LOG_WARNING,
			  VRRP_GRP_FMT ": advertisement interval %u s from %s, ours is %u s",
			  VRRP_GRP_ARGS(ifn, &g->cfg), a->interval, from, g->cfg.adv_cs / 100u);
		break;
	case VRRP_RX_ADDR_LIST:
		g->st.address_list_errors++;
		n2_log_rl(rl, LOG_WARNING, VRRP_GRP_FMT ": address list from %s differs from ours",
			  VRRP_GRP_ARGS(ifn, &g->cfg), from);
		break;
	default:
		break;
	}
}

/* RFC 9568 8.4.2: in VRRPv2 compatibility "a Backup should ignore VRRPv2 advertisements from
 * the current Master if it is also receiving VRRPv3 packets from it" (each v3 master sends both):
 * a v2 one from whoever sent v3 within a Master_Down_Interval is its duplicate. */
static int v2_duplicate(struct group *g, const struct vrrp_rx_result *r)
{
	if (!g->cfg.v2_compat)
		return 0;
	uint64_t now = n2_now_us();
	if (r->adv.version == 3) {
		g->v3_src = r->src;
		g->v3_seen_us = now;
		return 0;
	}
	struct vrrp_fsm_params p;
	params(g, &p);
	return g->v3_seen_us && n2_addr_eq(&g->v3_src, &r->src) &&
	       now - g->v3_seen_us < vrrp_master_down_us(&p, g->fsm.master_adv_cs);
}

void group_rx(struct vif *v, const uint8_t *ip, size_t len)
{
	struct rx_where where = {.v = v};
	struct vrrp_rx_ctx ctx = {
		.self = v->primary, .self6 = v->ll6, .find = rx_find, .arg = &where};
	struct vrrp_rx_result r;
	vrrp_rx(ip, len, &ctx, &r);
	if (r.err == VRRP_RX_MALFORMED || r.err == VRRP_RX_OWN)
		return;
	char from[N2_ADDR_STRLEN];
	n2_addr_str(&r.src, from, sizeof(from));
	struct group *g = r.known ? group_find(v, r.vrid, r.family) : NULL;
	if (r.err == VRRP_RX_VRID) {
		v->vd->gst[VRRP_FAM(r.family)].vrid_errors++;
		n2_log_rl(&v->vd->rl_rx, LOG_DEBUG,
			  "%s: advertisement from %s for vrid %u, not ours", v->name, from,
			  r.adv.vrid);
		return;
	}
	if (r.err == VRRP_RX_TTL || r.err == VRRP_RX_VERSION || r.err == VRRP_RX_TYPE ||
	    r.err == VRRP_RX_LENGTH || r.err == VRRP_RX_CHECKSUM) {
		rx_header_error(v, g, &r, from);
		return;
	}
	if (r.err != VRRP_RX_OK)
		rx_group_error(g, &r, from);
	if (!r.accept)
		return;
	const struct vrrp_adv *a = &r.adv;
	g->st.adv_rcvd++;
	if (!a->priority)
		g->st.prio_zero_rcvd++;
	if (!g->running || v2_duplicate(g, &r))
		return;
	/* v3 adopts the master's interval (RFC 9568 6.4.2); a v2 master's is in seconds */
	struct vrrp_fsm_adv fa = {.priority = a->priority, .src = r.src};
	if (g->cfg.version == 3)
		fa.interval_cs = a->version == 2 ? (uint32_t)a->interval * 100u : a->interval;
	char cause[80];
	snprintf(cause, sizeof(cause), "advertisement from %s priority %u", from, a->priority);
	act(g, VRRP_EV_ADV_RCVD, &fa, cause);
}

/* At exit, after resigning: frees everything without another word on the wire. */
void group_free_all(struct vrrpd *vd)
{
	while (vd->vifs) {
		struct vif *v = vd->vifs;
		while (v->groups) {
			struct group *g = v->groups;
			v->groups = g->next;
			n2_timer_cancel(&g->t_fsm);
			n2_timer_cancel(&g->t_garp);
			n2_free(MT_GROUP, g);
		}
		ifdb_maybe_free(v);
	}
}
