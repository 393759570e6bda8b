/* The Tracking Database: track objects (`track N interface IFNAME line-protocol`) with the line
 * protocol of their interface, and, through each group's configuration, who uses them with
 * which decrement. A change of state re-prioritizes the groups that use the object. */
#include "vrrpd.h"
#include "log.h"
#include "mem.h"
#include "vrrp_track.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

N2_MTYPE(MT_TRACK, "vrrp track object");

struct track *trackdb_find(const struct vrrpd *vd, uint16_t id)
{
	for (struct track *t = vd->tracks; t; t = t->next)
		if (t->id == id)
			return t;
	return NULL;
}

static void reprioritize_users(struct vrrpd *vd, uint16_t id)
{
	for (struct vif *v = vd->vifs; v; v = v->next)
		for (struct group *g = v->groups; g; g = g->next)
			for (int i = 0; i < g->cfg.ntracks; i++)
				if (g->cfg.tracks[i].id == id)
					group_reprioritize(g);
}

static uint64_t realtime_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void set_state(struct vrrpd *vd, struct track *t, int known, int up)
{
	int was = t->known && t->up;
	t->known = known;
	t->up = up;
	if (was == (known && up))
		return;
	t->changes++;
	t->last_change_ms = realtime_ms();
	n2_log_info("track %u: interface %s line protocol %s", t->id, t->ifname,
		    known && up ? "up" : "down");
	reprioritize_users(vd, t->id);
}

void trackdb_set(struct vrrpd *vd, uint16_t id, const char *ifname)
{
	struct track *t = trackdb_find(vd, id);
	if (t && !strcmp(t->ifname, ifname))
		return;
	if (!t) {
		if (!(t = n2_calloc(MT_TRACK, 1, sizeof(*t))))
			return;
		t->id = id;
		t->next = vd->tracks;
		vd->tracks = t;
	}
	snprintf(t->ifname, sizeof(t->ifname), "%s", ifname);
	t->known = t->up = 0;
	vrrp_bus_query(vd, ifname); /* its state arrives through ifdb_update/trackdb_link */
	reprioritize_users(vd, id);
}

void trackdb_remove_unlisted(struct vrrpd *vd, const uint16_t *ids, int n)
{
	for (struct track **pt = &vd->tracks; *pt;) {
		struct track *t = *pt;
		int keep = 0;
		for (int i = 0; i < n && !keep; i++)
			keep = ids[i] == t->id;
		if (keep) {
			pt = &t->next;
			continue;
		}
		*pt = t->next;
		n2_free(MT_TRACK, t);
	}
}

void trackdb_link(struct vrrpd *vd, const char *ifname, int known, int up)
{
	for (struct track *t = vd->tracks; t; t = t->next)
		if (!strcmp(t->ifname, ifname))
			set_state(vd, t, known, up);
}

uint8_t trackdb_priority(const struct group *g)
{
	struct vrrp_track_use u[VRRP_MAX_TRACKS];
	int n = 0;
	for (int i = 0; i < g->cfg.ntracks; i++) {
		const struct track *t = trackdb_find(g->vif->vd, g->cfg.tracks[i].id);
		u[n].down = !t || !t->known || !t->up;
		u[n].decrement = g->cfg.tracks[i].decrement;
		n++;
	}
	return vrrp_track_priority(g->cfg.priority, g->owner, u, (size_t)n);
}

void trackdb_free_all(struct vrrpd *vd)
{
	trackdb_remove_unlisted(vd, NULL, 0);
}
