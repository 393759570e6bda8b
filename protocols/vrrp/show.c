/* vrrpd's exec commands: show ip vrrp status|brief|statistics and show object, as text (Fig. 3 of
 * the paper, with everything an operator needs to see) or JSON. Each show describes its result
 * once through lib/emit; `brief` is another text view of the same JSON document as `status`. */
#include "vrrpd.h"
#include "emit.h"

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

static void timing(const struct group *g, uint64_t *down_us, uint64_t *skew_us)
{
	struct vrrp_fsm_params p = {.version = g->cfg.version,
				    .priority = g->cur_priority,
				    .adv_interval_cs = g->cfg.adv_cs};
	uint32_t madv = g->fsm.master_adv_cs ? g->fsm.master_adv_cs : p.adv_interval_cs;
	*skew_us = vrrp_skew_us(&p, madv);
	*down_us = vrrp_master_down_us(&p, madv);
}

/* The master's address: ours (the interface's primary) while we are master. */
static const struct n2_addr *master_ip(const struct group *g)
{
	return g->fsm.state == VRRP_MASTER ? &g->vif->primary : &g->fsm.master_ip;
}

static const char *master_of(const struct group *g, char *buf)
{
	ip(master_ip(g), buf);
	return g->fsm.state == VRRP_MASTER ? strcat(buf, " (this router)") : buf;
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

/* Who the master is (RFC 8347 master-ip-address), and the timers a backup waits with. */
static void master_lines(struct emit *e, const struct group *g)
{
	char a[N2_ADDR_STRLEN + 16];
	uint64_t down, skew;
	timing(g, &down, &skew);
	emit(e, "  Master                : {:master/%s}{L:/%s}\n", ip(master_ip(g), a),
	     g->fsm.state == VRRP_MASTER ? " (this router)" : "");
	emit(e,
	     "  Master down interval  : {L:/%.3f}{e:master_down_interval_us/%llu} s "
	     "(skew {L:/%.3f}{e:skew_time_us/%llu} s)\n",
	     (double)down / 1e6, (unsigned long long)down, (double)skew / 1e6,
	     (unsigned long long)skew);
}

static void one_group(struct emit *e, const struct vrrpd *vd, const struct group *g)
{
	char a[N2_ADDR_STRLEN + 16], mac[20];
	mac_str(g, mac);
	emit(e, "Interface {:interface/%s}, VRID {:vrid/%u} (VRRPv{:version/%u})\n", g->vif->name,
	     g->cfg.vrid, g->cfg.version);
	emit(e, "  State                 : {:state/%s}{e:reason/%s}", group_state_name(g),
	     g->why_init);
	if (g->why_init[0])
		emit_text(e, " (%s)", g->why_init);
	emit(e, "\n  Virtual IP            :");
	emit_open_list(e, "virtual_ips");
	for (int i = 0; i < g->cfg.nvips; i++)
		emit(e, " {:/%s}", ip(&g->cfg.vips[i], a));
	emit_close_list(e);
	emit(e,
	     "{b:owner}{L:/%s}\n"
	     "  Virtual MAC           : {:virtual_mac/%s}\n"
	     "  Advertisement interval: {:advertise_interval_s/%u} s\n"
	     "  Priority              : {:priority/%u} (configured {:configured_priority/%u})\n"
	     "  Preempt               : {b:preempt}{L:/%s}, delay {:preempt_delay_s/%u} s\n"
	     "  Accept mode           : {b:accept_mode}{L:/%s}\n"
	     "  Authentication        : {:authentication/%s}\n",
	     g->owner, g->owner ? " (address owner)" : "", mac, g->cfg.adv_cs / 100u,
	     g->cur_priority, g->cfg.priority, g->cfg.preempt, g->cfg.preempt ? "on" : "off",
	     g->cfg.preempt_delay_s, g->cfg.accept_mode, g->cfg.accept_mode ? "on" : "off",
	     g->cfg.auth[0] ? "text" : "none");
	if (g->cfg.version == 3 && g->cfg.family == AF_INET) /* RFC 9568 5.2.8 */
		emit(e, "  Checksum              : {L:/%s}{b:checksum_ipv4_pseudoheader}\n",
		     g->cfg.cksum_v4_pseudo ? "with the IPv4 pseudo-header"
					    : "without the IPv4 pseudo-header (as VRRPv2)",
		     g->cfg.cksum_v4_pseudo);
	master_lines(e, g);
	emit_text(e, "  Tracked objects       :%s\n", g->cfg.ntracks ? "" : " none");
	emit_open_list(e, "tracks");
	for (int i = 0; i < g->cfg.ntracks; i++)
		one_track(e, vd, &g->cfg.tracks[i]);
	emit_close_list(e);
}

/* One line of `brief`, text only: in JSON, brief is the whole status. */
static void brief_row(struct emit *e, const struct group *g)
{
	char a[N2_ADDR_STRLEN + 16], b[N2_ADDR_STRLEN + 16];
	emit_text(e, "%-10s %4u %-11s %4u %-16s %-16s\n", g->vif->name, g->cfg.vrid,
		  group_state_name(g), g->cur_priority, g->cfg.nvips ? ip(&g->cfg.vips[0], a) : "-",
		  master_of(g, b));
}

int show_status(const struct vrrpd *vd, struct n2_buf *out, int json, int brief)
{
	struct emit e;
	emit_init(&e, out, json);
	brief = brief && !json;
	if (brief)
		emit_text(&e, "%-10s %4s %-11s %4s %-16s %-16s\n", "Interface", "VRID", "State",
			  "Prio", "Virtual IP", "Master");
	emit_open_list(&e, "groups");
	for (const struct vif *v = vd->vifs; v; v = v->next)
		for (const struct group *g = v->groups; g; g = g->next) {
			if (emit_open_instance(&e) && !brief)
				emit_text(&e, "\n");
			if (brief)
				brief_row(&e, g);
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

int show_statistics(const struct vrrpd *vd, struct n2_buf *out, int json)
{
	const struct vrrp_global_stats *gs = &vd->gst;
	struct emit e;
	emit_init(&e, out, json);
	emit(&e,
	     "Global: checksum-errors {:checksum-errors/%llu}, version-errors "
	     "{:version-errors/%llu}"
	     ", vrid-errors {:vrid-errors/%llu}, ip-ttl-errors {:ip-ttl-errors/%llu}\n",
	     (unsigned long long)gs->checksum_errors, (unsigned long long)gs->version_errors,
	     (unsigned long long)gs->vrid_errors, (unsigned long long)gs->ip_ttl_errors);
	emit_open_list(&e, "groups");
	for (const struct vif *v = vd->vifs; v; v = v->next)
		for (const struct group *g = v->groups; g; g = g->next) {
			emit_open_instance(&e);
			emit(&e, "Interface {:interface/%s}, VRID {:vrid/%u}\n", v->name,
			     g->cfg.vrid);
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
