/* vrrpd's exec commands: show ip vrrp status|brief|statistics and show object, as text (Fig. 3 of
 * the paper, with everything an operator needs to see) or JSON. */
#include "vrrpd.h"

#include <stdio.h>
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
				    .adv_interval_cs = (uint32_t)g->cfg.adv_sec * 100u};
	uint32_t madv = g->fsm.master_adv_cs ? g->fsm.master_adv_cs : p.adv_interval_cs;
	*skew_us = vrrp_skew_us(&p, madv);
	*down_us = vrrp_master_down_us(&p, madv);
}

static const char *master_of(const struct group *g, char *buf)
{
	if (g->fsm.state != VRRP_MASTER)
		return ip(&g->fsm.master_ip, buf);
	ip(&g->vif->primary, buf);
	return strcat(buf, " (this router)");
}

static void text_group(const struct vrrpd *vd, struct n2_buf *o, const struct group *g)
{
	char a[N2_ADDR_STRLEN + 16], mac[20];
	uint64_t down, skew;
	timing(g, &down, &skew);
	mac_str(g, mac);
	n2_buf_printf(o, "Interface %s, VRID %u (VRRPv%u)\n", g->vif->name, g->cfg.vrid,
		      g->cfg.version);
	n2_buf_printf(o, "  State                 : %s%s%s%s\n", group_state_name(g),
		      g->why_init[0] ? " (" : "", g->why_init, g->why_init[0] ? ")" : "");
	n2_buf_printf(o, "  Virtual IP            :");
	for (int i = 0; i < g->cfg.nvips; i++)
		n2_buf_printf(o, " %s", ip(&g->cfg.vips[i], a));
	n2_buf_printf(o, "%s\n", g->owner ? " (address owner)" : "");
	n2_buf_printf(o, "  Virtual MAC           : %s\n", mac);
	n2_buf_printf(o, "  Advertisement interval: %u s\n", g->cfg.adv_sec);
	n2_buf_printf(o, "  Priority              : %u (configured %u)\n", g->cur_priority,
		      g->cfg.priority);
	n2_buf_printf(o, "  Preempt               : %s\n", g->cfg.preempt ? "on" : "off");
	n2_buf_printf(o, "  Authentication        : %s\n", g->cfg.auth[0] ? "text" : "none");
	n2_buf_printf(o, "  Master                : %s\n", master_of(g, a));
	n2_buf_printf(o, "  Master down interval  : %.3f s (skew %.3f s)\n", (double)down / 1e6,
		      (double)skew / 1e6);
	n2_buf_printf(o, "  Tracked objects       :%s\n", g->cfg.ntracks ? "" : " none");
	for (int i = 0; i < g->cfg.ntracks; i++) {
		const struct track *t = trackdb_find(vd, g->cfg.tracks[i].id);
		n2_buf_printf(o, "    track %u: %s line-protocol %s, decrement %u\n",
			      g->cfg.tracks[i].id, t ? t->ifname : "?",
			      t && t->known && t->up ? "up" : "down", g->cfg.tracks[i].decrement);
	}
}

static void json_group(const struct vrrpd *vd, struct n2_buf *o, const struct group *g)
{
	char a[N2_ADDR_STRLEN + 16], mac[20];
	uint64_t down, skew;
	timing(g, &down, &skew);
	mac_str(g, mac);
	n2_buf_printf(o, "{\"interface\":");
	n2_buf_json_str(o, g->vif->name);
	n2_buf_printf(o, ",\"vrid\":%u,\"version\":%u,\"state\":\"%s\",\"reason\":", g->cfg.vrid,
		      g->cfg.version, group_state_name(g));
	n2_buf_json_str(o, g->why_init);
	n2_buf_printf(o, ",\"virtual_ips\":[");
	for (int i = 0; i < g->cfg.nvips; i++)
		n2_buf_printf(o, "%s\"%s\"", i ? "," : "", ip(&g->cfg.vips[i], a));
	n2_buf_printf(o,
		      "],\"owner\":%s,\"virtual_mac\":\"%s\",\"advertise_interval_s\":%u,"
		      "\"priority\":%u,\"configured_priority\":%u,\"preempt\":%s,"
		      "\"authentication\":\"%s\",\"master\":\"%s\",",
		      g->owner ? "true" : "false", mac, g->cfg.adv_sec, g->cur_priority,
		      g->cfg.priority, g->cfg.preempt ? "true" : "false",
		      g->cfg.auth[0] ? "text" : "none",
		      ip(g->fsm.state == VRRP_MASTER ? &g->vif->primary : &g->fsm.master_ip, a));
	n2_buf_printf(o, "\"master_down_interval_us\":%llu,\"skew_time_us\":%llu,\"tracks\":[",
		      (unsigned long long)down, (unsigned long long)skew);
	for (int i = 0; i < g->cfg.ntracks; i++) {
		const struct track *t = trackdb_find(vd, g->cfg.tracks[i].id);
		n2_buf_printf(o, "%s{\"id\":%u,\"interface\":", i ? "," : "", g->cfg.tracks[i].id);
		n2_buf_json_str(o, t ? t->ifname : "");
		n2_buf_printf(o, ",\"up\":%s,\"decrement\":%u}",
			      t && t->known && t->up ? "true" : "false",
			      g->cfg.tracks[i].decrement);
	}
	n2_buf_printf(o, "]}");
}

int show_status(const struct vrrpd *vd, struct n2_buf *out, int json, int brief)
{
	int n = 0;
	if (json)
		n2_buf_printf(out, "{\"groups\":[");
	else if (brief)
		n2_buf_printf(out, "%-10s %4s %-11s %4s %-16s %-16s\n", "Interface", "VRID",
			      "State", "Prio", "Virtual IP", "Master");
	for (const struct vif *v = vd->vifs; v; v = v->next)
		for (const struct group *g = v->groups; g; g = g->next) {
			char a[N2_ADDR_STRLEN + 16], b[N2_ADDR_STRLEN + 16];
			if (json) {
				n2_buf_printf(out, "%s", n ? "," : "");
				json_group(vd, out, g);
			} else if (brief) {
				n2_buf_printf(out, "%-10s %4u %-11s %4u %-16s %-16s\n", v->name,
					      g->cfg.vrid, group_state_name(g), g->cur_priority,
					      g->cfg.nvips ? ip(&g->cfg.vips[0], a) : "-",
					      master_of(g, b));
			} else {
				n2_buf_printf(out, "%s", n ? "\n" : "");
				text_group(vd, out, g);
			}
			n++;
		}
	if (json)
		n2_buf_printf(out, "]}\n");
	else if (!n)
		n2_buf_printf(out, "No VRRP group is configured.\n");
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
	int n = 0;
	if (json)
		n2_buf_printf(
			out,
			"{\"checksum-errors\":%llu,\"version-errors\":%llu,\"vrid-errors\":%llu,"
			"\"ip-ttl-errors\":%llu,\"groups\":[",
			(unsigned long long)vd->gst.checksum_errors,
			(unsigned long long)vd->gst.version_errors,
			(unsigned long long)vd->gst.vrid_errors,
			(unsigned long long)vd->gst.ip_ttl_errors);
	else
		n2_buf_printf(
			out,
			"Global: checksum-errors %llu, version-errors %llu, vrid-errors %llu, "
			"ip-ttl-errors %llu\n",
			(unsigned long long)vd->gst.checksum_errors,
			(unsigned long long)vd->gst.version_errors,
			(unsigned long long)vd->gst.vrid_errors,
			(unsigned long long)vd->gst.ip_ttl_errors);
	for (const struct vif *v = vd->vifs; v; v = v->next)
		for (const struct group *g = v->groups; g; g = g->next) {
			if (json) {
				n2_buf_printf(out, "%s{\"interface\":", n ? "," : "");
				n2_buf_json_str(out, v->name);
				n2_buf_printf(out, ",\"vrid\":%u", g->cfg.vrid);
#define J(f, name) n2_buf_printf(out, ",\"" name "\":%llu", (unsigned long long)g->st.f);
				STATS(J)
#undef J
				n2_buf_printf(out, "}");
			} else {
				n2_buf_printf(out, "Interface %s, VRID %u\n", v->name, g->cfg.vrid);
#define T(f, name) n2_buf_printf(out, "  %-24s %llu\n", name, (unsigned long long)g->st.f);
				STATS(T)
#undef T
			}
			n++;
		}
	if (json)
		n2_buf_printf(out, "]}\n");
	return 0;
}

int show_object(const struct vrrpd *vd, struct n2_buf *out, int json)
{
	int n = 0;
	if (json)
		n2_buf_printf(out, "{\"objects\":[");
	for (const struct track *t = vd->tracks; t; t = t->next) {
		int users = 0;
		for (const struct vif *v = vd->vifs; v; v = v->next)
			for (const struct group *g = v->groups; g; g = g->next)
				for (int i = 0; i < g->cfg.ntracks; i++)
					users += g->cfg.tracks[i].id == t->id;
		const char *st = !t->known ? "down (no such interface)" : t->up ? "up" : "down";
		if (json) {
			n2_buf_printf(out, "%s{\"id\":%u,\"interface\":", n ? "," : "", t->id);
			n2_buf_json_str(out, t->ifname);
			n2_buf_printf(
				out, ",\"up\":%s,\"known\":%s,\"changes\":%llu,\"groups\":%d}",
				t->known && t->up ? "true" : "false", t->known ? "true" : "false",
				(unsigned long long)t->changes, users);
		} else {
			n2_buf_printf(out,
				      "Track %u\n  Interface %s line-protocol\n  State: %s\n"
				      "  Changes: %llu\n  Used by %d VRRP group(s)\n",
				      t->id, t->ifname, st, (unsigned long long)t->changes, users);
			for (const struct vif *v = vd->vifs; v; v = v->next)
				for (const struct group *g = v->groups; g; g = g->next)
					for (int i = 0; i < g->cfg.ntracks; i++)
						if (g->cfg.tracks[i].id == t->id)
							n2_buf_printf(
								out,
								"    %s vrid %u, decrement %u\n",
								v->name, g->cfg.vrid,
								g->cfg.tracks[i].decrement);
		}
		n++;
	}
	if (json)
		n2_buf_printf(out, "]}\n");
	else if (!n)
		n2_buf_printf(out, "No track object is configured.\n");
	return 0;
}
