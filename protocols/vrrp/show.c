/* vrrpd's exec commands: show ip|ipv6 vrrp status|brief|statistics, show vrrp [brief|statistics]
 * (both families) and show object, as text (Fig. 3 of the paper, with everything an operator
 * needs to see, VRRPv3's timers in milliseconds) or JSON. Each show describes its result
 * once through lib/emit; `brief` is another text view of the same JSON document as `status`. */
#include "vrrpd.h"
#include "emit.h"
#include "vrrp_frame.h"

#include <stdio.h>
#include <sys/socket.h>
#include <string.h>

/* buf of N2_ADDR_STRLEN at least; "-" when there is no address */
static const char *ip(const struct n2_addr *a, char *buf)
{
	if (n2_addr_is_none(a))
		return strcpy(buf, "-");
	return n2_addr_str(a, buf, N2_ADDR_STRLEN);
}

static void mac_str(const struct group *g, char *buf)
{
	uint8_t m[6];
	group_vmac(g, m);
	sprintf(buf, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

/* Is g listed by a show of family (AF_UNSPEC: both)? */
static int listed(const struct group *g, int family)
{
	return family == AF_UNSPEC || g->cfg.family == family;
}

static const char *family_name(const struct group *g)
{
	return g->cfg.family == AF_INET6 ? "ipv6" : "ipv4";
}

/* Master_Adver_Interval (RFC 9568 6.1): the master's, learnt by a v3 backup; our own otherwise */
static uint32_t master_adv_cs(const struct group *g)
{
	return g->fsm.master_adv_cs ? g->fsm.master_adv_cs : g->cfg.adv_cs;
}

static void timing(const struct group *g, uint64_t *down_us, uint64_t *skew_us)
{
	struct vrrp_fsm_params p = {.version = g->cfg.version,
				    .priority = g->cur_priority,
				    .adv_interval_cs = g->cfg.adv_cs};
	*skew_us = vrrp_skew_us(&p, master_adv_cs(g));
	*down_us = vrrp_master_down_us(&p, master_adv_cs(g));
}

/* The master's address: ours while we are master (the interface's primary IPv4 address, or
 * its IPv6 link-local one, which a v6 master advertises from: RFC 9568 5.1.2.1). */
static const struct n2_addr *master_ip(const struct group *g)
{
	if (g->fsm.state != VRRP_MASTER)
		return &g->fsm.master_ip;
	return g->cfg.family == AF_INET6 ? &g->vif->ll6 : &g->vif->primary;
}

static const char *master_of(const struct group *g, char *buf)
{
	ip(master_ip(g), buf);
	return g->fsm.state == VRRP_MASTER ? strcat(buf, " (this router)") : buf;
}

/* "Interface eth1, VRID 1" and, in text, the version and family: " (VRRPv3, IPv6)"; a v2
 * group is IPv4 only, " (VRRPv2)" when v2 is asked for. JSON has both always. */
static void group_head(struct emit *e, const struct group *g, int v2)
{
	emit(e, "Interface {:interface/%s}, VRID {:vrid/%u}", g->vif->name, g->cfg.vrid);
	if (g->cfg.version == 3)
		emit(e, " (VRRPv{:version/%u}, {L:/%s}{e:family/%s})", g->cfg.version,
		     g->cfg.family == AF_INET6 ? "IPv6" : "IPv4", family_name(g));
	else if (v2)
		emit(e, " (VRRPv{:version/%u}{e:family/%s})", g->cfg.version, family_name(g));
	else
		emit(e, "{e:version/%u}{e:family/%s}", g->cfg.version, family_name(g));
	emit_text(e, "\n");
}

/* A track as a group uses it: "?" in text, "" in JSON for an object not configured. */
static void one_track(struct emit *e, const struct vrrpd *vd, const struct group_track *gt)
{
	const struct track *t = trackdb_find(vd, gt->id);
	int up = t && t->known && t->up;
	emit_open_instance(e);
	emit(e,
	     "    track {:id/%u}: {L:/%s}{e:interface/%s} line-protocol {L:/%s}{b:up}, "
	     "decrement {:decrement/%u}\n",
	     gt->id, t ? t->ifname : "?", t ? t->ifname : "", up ? "up" : "down", up,
	     gt->decrement);
	emit_close_instance(e);
}

/* The advertisement interval: v2 in seconds (the paper's line); v3 in milliseconds, with the
 * master's (RFC 9568 6.4.2: a backup adopts it) on a backup. JSON has every form. */
static void interval_line(struct emit *e, const struct group *g)
{
	unsigned ms = g->cfg.adv_cs * 10u, mms = master_adv_cs(g) * 10u;
	emit(e,
	     "  Advertisement interval: {L:/%u}{e:advertise_interval_s/%u}{L:/%s}"
	     "{e:interval_ms/%u}{e:master_adver_interval_ms/%u}",
	     g->cfg.version == 3 ? ms : g->cfg.adv_cs / 100u, g->cfg.adv_cs / 100u,
	     g->cfg.version == 3 ? " ms" : " s", ms, mms);
	if (g->cfg.version == 3 && g->fsm.state == VRRP_BACKUP)
		emit_text(e, " (master's: %u ms)", mms);
	emit_text(e, "\n");
}

/* Who the master is (RFC 8347 master-ip-address), and the timers a backup waits with: v2 in
 * seconds (the paper's), v3 in milliseconds (they scale with the master's interval). */
static void master_lines(struct emit *e, const struct group *g)
{
	char a[N2_ADDR_STRLEN + 16];
	uint64_t down, skew;
	timing(g, &down, &skew);
	int v3 = g->cfg.version == 3;
	double unit = v3 ? 1e3 : 1e6;
	emit(e, "  Master                : {:master/%s}{L:/%s}\n", ip(master_ip(g), a),
	     g->fsm.state == VRRP_MASTER ? " (this router)" : "");
	emit(e,
	     "  Master down interval  : {L:/%.3f}{e:master_down_interval_us/%llu}{L:/%s} "
	     "(skew {L:/%.3f}{e:skew_time_us/%llu}{L:/%s})"
	     "{e:master_down_ms/%.3f}{e:skew_ms/%.3f}\n",
	     (double)down / unit, (unsigned long long)down, v3 ? " ms" : " s", (double)skew / unit,
	     (unsigned long long)skew, v3 ? " ms" : " s", (double)down / 1e3, (double)skew / 1e3);
}

/* The virtual addresses as advertised: IPv6 with the virtual link-local one first. */
static void vip_list(struct emit *e, const struct group *g)
{
	struct n2_addr wire[VRRP_MAX_VIPS + 1];
	char a[N2_ADDR_STRLEN];
	int n = vrrp_adv_addrs(g->cfg.family, g->cfg.vrid, g->cfg.vips, g->cfg.nvips, wire);
	emit(e, "  Virtual IP            :");
	emit_open_list(e, "virtual_ips");
	for (int i = 0; i < n; i++)
		emit(e, " {:/%s}", ip(&wire[i], a));
	emit_close_list(e);
}

static void one_group(struct emit *e, const struct vrrpd *vd, const struct group *g)
{
	char mac[20];
	mac_str(g, mac);
	group_head(e, g, 1);
	emit(e, "  State                 : {:state/%s}{e:reason/%s}", group_state_name(g),
	     g->why_init);
	if (g->why_init[0])
		emit_text(e, " (%s)", g->why_init);
	emit_text(e, "\n");
	vip_list(e, g);
	emit(e, "{b:owner}{L:/%s}\n  Virtual MAC           : {:virtual_mac/%s}\n", g->owner,
	     g->owner ? " (address owner)" : "", mac);
	interval_line(e, g);
	emit(e,
	     "  Priority              : {:priority/%u} (configured {:configured_priority/%u})\n"
	     "  Preempt               : {b:preempt}{L:/%s}, delay {:preempt_delay_s/%u} s\n"
	     "  Accept mode           : {b:accept_mode}{L:/%s}\n"
	     "  Authentication        : {:authentication/%s}\n",
	     g->cur_priority, g->cfg.priority, g->cfg.preempt, g->cfg.preempt ? "on" : "off",
	     g->cfg.preempt_delay_s, g->cfg.accept_mode, g->cfg.accept_mode ? "on" : "off",
	     g->cfg.auth[0] ? "text" : "none");
	if (g->cfg.version == 3 && g->cfg.family == AF_INET) { /* RFC 9568 5.2.8, 8.4.2 */
		emit(e, "  Checksum              : {L:/%s}{b:checksum_ipv4_pseudoheader}\n",
		     g->cfg.cksum_v4_pseudo ? "with the IPv4 pseudo-header"
					    : "without the IPv4 pseudo-header (as VRRPv2)",
		     g->cfg.cksum_v4_pseudo);
		emit(e, "  VRRPv2 compatibility  : {L:/%s}{b:v2_compatible}\n",
		     g->cfg.v2_compat ? "on (VRRPv2 advertisements sent and accepted too)" : "off",
		     g->cfg.v2_compat);
	}
	master_lines(e, g);
	emit_text(e, "  Tracked objects       :%s\n", g->cfg.ntracks ? "" : " none");
	emit_open_list(e, "tracks");
	for (int i = 0; i < g->cfg.ntracks; i++)
		one_track(e, vd, &g->cfg.tracks[i]);
	emit_close_list(e);
}

/* The brief table's layout: the virtual address column as wide as its longest entry (IPv6),
 * a family column in `show vrrp brief` (both families, as IOS's A-F). */
struct brief {
	int family; /* of the show */
	int vipw;
};

static const char *first_vip(const struct group *g, char *buf)
{
	struct n2_addr wire[VRRP_MAX_VIPS + 1];
	int n = vrrp_adv_addrs(g->cfg.family, g->cfg.vrid, g->cfg.vips, g->cfg.nvips, wire);
	return n ? ip(&wire[0], buf) : "-";
}

static void brief_layout(const struct vrrpd *vd, struct brief *b)
{
	char a[N2_ADDR_STRLEN];
	b->vipw = 16;
	for (const struct vif *v = vd->vifs; v; v = v->next)
		for (const struct group *g = v->groups; g; g = g->next)
			if (listed(g, b->family) && (int)strlen(first_vip(g, a)) > b->vipw)
				b->vipw = (int)strlen(first_vip(g, a));
}

static void brief_head(struct emit *e, const struct brief *b)
{
	emit_text(e, "%-10s %4s ", "Interface", "VRID");
	if (b->family == AF_UNSPEC)
		emit_text(e, "%-6s ", "Family");
	emit_text(e, "%-11s %4s %-*s %-16s\n", "State", "Prio", b->vipw, "Virtual IP", "Master");
}

/* One line of `brief`, text only: in JSON, brief is the whole status. */
static void brief_row(struct emit *e, const struct brief *b, const struct group *g)
{
	char a[N2_ADDR_STRLEN + 16], m[N2_ADDR_STRLEN + 16];
	emit_text(e, "%-10s %4u ", g->vif->name, g->cfg.vrid);
	if (b->family == AF_UNSPEC)
		emit_text(e, "%-6s ", g->cfg.family == AF_INET6 ? "IPv6" : "IPv4");
	emit_text(e, "%-11s %4u %-*s %-16s\n", group_state_name(g), g->cur_priority, b->vipw,
		  first_vip(g, a), master_of(g, m));
}

int show_status(const struct vrrpd *vd, struct n2_buf *out, int json, int brief, int family)
{
	struct emit e;
	struct brief b = {.family = family};
	emit_init(&e, out, json);
	brief = brief && !json;
	if (brief) {
		brief_layout(vd, &b);
		brief_head(&e, &b);
	}
	emit_open_list(&e, "groups");
	for (const struct vif *v = vd->vifs; v; v = v->next)
		for (const struct group *g = v->groups; g; g = g->next) {
			if (!listed(g, family))
				continue;
			if (emit_open_instance(&e) && !brief)
				emit_text(&e, "\n");
			if (brief)
				brief_row(&e, &b, g);
			else
				one_group(&e, vd, g);
			emit_close_instance(&e);
		}
	if (!emit_count(&e))
		emit_text(&e, "No VRRP group is configured.\n");
	emit_close_list(&e);
	emit_finish(&e);
	return 0;
}

#define STATS(X)                                        \
	X(master_transitions, "master-transitions")     \
	X(adv_rcvd, "advertisement-rcvd")               \
	X(adv_sent, "advertisement-sent")               \
	X(interval_errors, "interval-errors")           \
	X(prio_zero_rcvd, "priority-zero-pkts-rcvd")    \
	X(prio_zero_sent, "priority-zero-pkts-sent")    \
	X(invalid_type, "invalid-type-pkts-rcvd")       \
	X(address_list_errors, "address-list-errors")   \
	X(packet_length_errors, "packet-length-errors") \
	X(auth_type_mismatch, "auth-type-mismatch")     \
	X(auth_failures, "auth-failures")

/* The global counters of the show's family, or of both. */
static struct vrrp_global_stats global_stats(const struct vrrpd *vd, int family)
{
	const struct vrrp_global_stats *a = &vd->gst[0], *b = &vd->gst[1];
	if (family != AF_UNSPEC)
		return vd->gst[VRRP_FAM(family)];
	return (struct vrrp_global_stats){.checksum_errors =
						  a->checksum_errors + b->checksum_errors,
					  .version_errors = a->version_errors + b->version_errors,
					  .vrid_errors = a->vrid_errors + b->vrid_errors,
					  .ip_ttl_errors = a->ip_ttl_errors + b->ip_ttl_errors};
}

int show_statistics(const struct vrrpd *vd, struct n2_buf *out, int json, int family)
{
	struct vrrp_global_stats gs = global_stats(vd, family);
	struct emit e;
	emit_init(&e, out, json);
	emit(&e,
	     "Global: checksum-errors {:checksum-errors/%llu}, version-errors "
	     "{:version-errors/%llu}"
	     ", vrid-errors {:vrid-errors/%llu}, ip-ttl-errors {:ip-ttl-errors/%llu}\n",
	     (unsigned long long)gs.checksum_errors, (unsigned long long)gs.version_errors,
	     (unsigned long long)gs.vrid_errors, (unsigned long long)gs.ip_ttl_errors);
	emit_open_list(&e, "groups");
	for (const struct vif *v = vd->vifs; v; v = v->next)
		for (const struct group *g = v->groups; g; g = g->next) {
			if (!listed(g, family))
				continue;
			emit_open_instance(&e);
			group_head(&e, g, 0);
#define COUNTER(f, name) \
	emit(&e, "  {L:/%-24s} {:" name "/%llu}\n", name, (unsigned long long)g->st.f);
			STATS(COUNTER)
#undef COUNTER
			emit_close_instance(&e);
		}
	emit_finish(&e);
	return 0;
}

/* How many groups use a track object; with e, also lists them with their decrement (text only:
 * JSON has the count). */
static int track_users(const struct vrrpd *vd, const struct track *t, struct emit *e)
{
	int users = 0;
	for (const struct vif *v = vd->vifs; v; v = v->next)
		for (const struct group *g = v->groups; g; g = g->next)
			for (int i = 0; i < g->cfg.ntracks; i++)
				if (g->cfg.tracks[i].id == t->id) {
					users++;
					if (e)
						emit_text(e, "    %s vrid %u, decrement %u\n",
							  v->name, g->cfg.vrid,
							  g->cfg.tracks[i].decrement);
				}
	return users;
}

int show_object(const struct vrrpd *vd, struct n2_buf *out, int json)
{
	struct emit e;
	emit_init(&e, out, json);
	emit_open_list(&e, "objects");
	for (const struct track *t = vd->tracks; t; t = t->next) {
		const char *st = !t->known ? "down (no such interface)" : t->up ? "up" : "down";
		emit_open_instance(&e);
		emit(&e,
		     "Track {:id/%u}\n  Interface {:interface/%s} line-protocol\n"
		     "  State: {L:/%s}{b:up}{b:known}\n  Changes: {:changes/%llu}\n"
		     "  Used by {:groups/%d} VRRP group(s)\n",
		     t->id, t->ifname, st, t->known && t->up, t->known,
		     (unsigned long long)t->changes, track_users(vd, t, NULL));
		track_users(vd, t, &e);
		emit_close_instance(&e);
	}
	if (!emit_count(&e))
		emit_text(&e, "No track object is configured.\n");
	emit_close_list(&e);
	emit_finish(&e);
	return 0;
}
