/* The VRRP state machine (see vrrp_fsm.h): a table of handlers indexed by state and event.
 * RFC 3768 6.4 / RFC 9568 6.4; comments cite the RFC's wording where it decides something. */
#include "vrrp_fsm.h"
#include <stddef.h>

typedef unsigned (*handler)(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
			    const struct vrrp_fsm_adv *adv, uint64_t now);

static const char *const state_names[VRRP_STATE_COUNT] = {
	[VRRP_INIT] = "Initialize", [VRRP_BACKUP] = "Backup", [VRRP_MASTER] = "Master"};
static const char *const event_names[VRRP_EV_COUNT] = {
	[VRRP_EV_STARTUP] = "startup",         [VRRP_EV_SHUTDOWN] = "shutdown",
	[VRRP_EV_MASTER_DOWN] = "master-down", [VRRP_EV_ADVER] = "adver-timer",
	[VRRP_EV_ADV_RCVD] = "advertisement",  [VRRP_EV_PRIORITY] = "priority-change",
	[VRRP_EV_INTERVAL] = "interval-change"};

const char *vrrp_state_name(enum vrrp_state s)
{
	return s < VRRP_STATE_COUNT ? state_names[s] : "?";
}

const char *vrrp_event_name(enum vrrp_event e)
{
	return e < VRRP_EV_COUNT ? event_names[e] : "?";
}

/* Skew_Time = (256 - Priority) / 256 s (v2); ((256 - Priority) * Master_Adver_Interval) / 256 (v3)
 */
uint64_t vrrp_skew_us(const struct vrrp_fsm_params *p, uint32_t master_adv_cs)
{
	uint64_t base = p->version == 3 ? (uint64_t)master_adv_cs * 10000u : 1000000u;
	return (256u - p->priority) * base / 256u;
}

/* Master_Down_Interval = 3 * Advertisement_Interval + Skew_Time */
uint64_t vrrp_master_down_us(const struct vrrp_fsm_params *p, uint32_t master_adv_cs)
{
	return 3u * (uint64_t)master_adv_cs * 10000u + vrrp_skew_us(p, master_adv_cs);
}

static uint64_t adv_us(const struct vrrp_fsm_params *p)
{
	return (uint64_t)p->adv_interval_cs * 10000u;
}

static void enter(struct vrrp_fsm *f, enum vrrp_state s, uint64_t now)
{
	if (s == VRRP_MASTER && f->state != VRRP_MASTER)
		f->master_transitions++;
	f->state = s;
	f->since = now;
}

static unsigned become_master(struct vrrp_fsm *f, const struct vrrp_fsm_params *p, uint64_t now)
{
	f->master_down_at = 0;
	f->adver_at = now + adv_us(p);
	f->master_ip = p->local_ip;
	f->master_adv_cs = p->adv_interval_cs;
	enter(f, VRRP_MASTER, now);
	return VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER;
}

static unsigned become_backup(struct vrrp_fsm *f, const struct vrrp_fsm_params *p, uint64_t now)
{
	f->adver_at = 0;
	f->master_down_at = now + vrrp_master_down_us(p, f->master_adv_cs);
	enter(f, VRRP_BACKUP, now);
	return 0;
}

static unsigned init_startup(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
			     const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)adv;
	f->started = now;
	f->master_adv_cs = p->adv_interval_cs;
	f->master_ip = (struct n2_addr){0};
	/* "If the Priority = 255 (i.e., the router owns the IP address(es) associated with the
	 * virtual router)": Master at once */
	if (p->priority == 255)
		return become_master(f, p, now);
	return become_backup(f, p, now);
}

static unsigned to_init(struct vrrp_fsm *f, uint64_t now)
{
	f->master_down_at = f->adver_at = 0;
	f->master_ip = (struct n2_addr){0};
	enter(f, VRRP_INIT, now);
	return 0;
}

static unsigned backup_shutdown(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
				const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)p, (void)adv;
	return to_init(f, now);
}

static unsigned backup_master_down(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
				   const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)adv;
	return become_master(f, p, now);
}

static unsigned backup_adv(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
			   const struct vrrp_fsm_adv *adv, uint64_t now)
{
	if (adv->priority == 0) {
		/* "Set the Master_Down_Timer to Skew_Time" */
		f->master_down_at = now + vrrp_skew_us(p, f->master_adv_cs);
		f->master_ip = (struct n2_addr){0};
		return 0;
	}
	/* within the preempt delay a lower-priority master is taken as if Preempt_Mode were
	 * False (keepalived does the same): its advertisements reset our timer */
	int delayed = p->preempt_delay_us && now < f->started + p->preempt_delay_us;
	if (!p->preempt || delayed || adv->priority >= p->priority) {
		if (p->version == 3) /* RFC 9568 6.4.2: "Set Master_Adver_Interval to Adver
				      * Interval contained in the ADVERTISEMENT" */
			f->master_adv_cs = adv->interval_cs ? adv->interval_cs : f->master_adv_cs;
		f->master_ip = adv->src;
		f->master_down_at = now + vrrp_master_down_us(p, f->master_adv_cs);
	}
	/* else: discard; our Master_Down_Timer runs out and we preempt */
	return 0;
}

static unsigned backup_priority(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
				const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)adv;
	/* becoming the address owner: "If the Priority = 255 ... transition to Master" applies
	 * now as it would at startup */
	if (p->priority == 255)
		return become_master(f, p, now);
	return 0; /* the timer already running uses the new skew at its next reset */
}

/* A new configured interval. VRRPv2 (RFC 3768 6.1: Master_Down_Interval is computed from the
 * configured Advertisement_Interval) and a VRRPv3 Backup that has not heard a master yet
 * (Master_Adver_Interval starts as our own, RFC 9568 6.4.1) time the master out with it from now
 * on: the old timer could be far longer (from 40 s to 10 ms) or, from 1 s to 5 s, shorter than
 * the master's new interval, and the Backup would take over from a live master. A v3 Backup that
 * knows its master keeps the interval the master advertises (RFC 9568 6.4.2). */
static unsigned backup_interval(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
				const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)adv;
	if (p->version == 3 && !n2_addr_is_none(&f->master_ip))
		return 0;
	f->master_adv_cs = p->adv_interval_cs;
	f->master_down_at = now + vrrp_master_down_us(p, f->master_adv_cs);
	return 0;
}

/* A Master advertises at the new interval from now: the next one no later than one new interval
 * away (from 40 s to 1 s, the Backups must not wait out the old one). */
static unsigned master_interval(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
				const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)adv;
	f->master_adv_cs = p->adv_interval_cs;
	if (f->adver_at > now + adv_us(p))
		f->adver_at = now + adv_us(p);
	return 0;
}

static unsigned master_shutdown(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
				const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)p, (void)adv;
	to_init(f, now);
	/* "Send an ADVERTISEMENT with Priority = 0" */
	return VRRP_ACT_SEND_ADV_ZERO | VRRP_ACT_RELEASE;
}

static unsigned master_adver(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
			     const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)adv;
	f->adver_at += adv_us(p);
	if (f->adver_at <= now) /* we were late: do not send a burst */
		f->adver_at = now + adv_us(p);
	return VRRP_ACT_SEND_ADV;
}

/* Does the sender of adv win over us? Higher priority, or the same and "the primary IP Address
 * of the sender is greater than the local primary IP Address" (RFC 3768 6.4.3; RFC 9568 6.4.3
 * says IPvX), compared as unsigned integers in network order. */
static int they_win(const struct vrrp_fsm_params *p, const struct vrrp_fsm_adv *adv)
{
	if (adv->priority != p->priority)
		return adv->priority > p->priority;
	return n2_addr_cmp(&adv->src, &p->local_ip) > 0;
}

static unsigned master_adv(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
			   const struct vrrp_fsm_adv *adv, uint64_t now)
{
	if (adv->priority == 0) {
		/* "Send an ADVERTISEMENT; Reset the Adver_Timer" */
		f->adver_at = now + adv_us(p);
		return VRRP_ACT_SEND_ADV;
	}
	if (!they_win(p, adv))
		return 0; /* discard */
	if (p->version == 3 && adv->interval_cs)
		f->master_adv_cs = adv->interval_cs;
	else
		f->master_adv_cs = p->adv_interval_cs;
	f->master_ip = adv->src;
	become_backup(f, p, now);
	return VRRP_ACT_RELEASE;
}

static unsigned ignore(struct vrrp_fsm *f, const struct vrrp_fsm_params *p,
		       const struct vrrp_fsm_adv *adv, uint64_t now)
{
	(void)f, (void)p, (void)adv, (void)now;
	return 0;
}

static const handler table[VRRP_STATE_COUNT][VRRP_EV_COUNT] = {
	[VRRP_INIT] = {[VRRP_EV_STARTUP] = init_startup,
		       [VRRP_EV_SHUTDOWN] = ignore,
		       [VRRP_EV_MASTER_DOWN] = ignore,
		       [VRRP_EV_ADVER] = ignore,
		       [VRRP_EV_ADV_RCVD] = ignore,
		       [VRRP_EV_PRIORITY] = ignore,
		       [VRRP_EV_INTERVAL] = ignore},
	[VRRP_BACKUP] = {[VRRP_EV_STARTUP] = ignore,
			 [VRRP_EV_SHUTDOWN] = backup_shutdown,
			 [VRRP_EV_MASTER_DOWN] = backup_master_down,
			 [VRRP_EV_ADVER] = ignore,
			 [VRRP_EV_ADV_RCVD] = backup_adv,
			 [VRRP_EV_PRIORITY] = backup_priority,
			 [VRRP_EV_INTERVAL] = backup_interval},
	[VRRP_MASTER] = {[VRRP_EV_STARTUP] = ignore,
			 [VRRP_EV_SHUTDOWN] = master_shutdown,
			 [VRRP_EV_MASTER_DOWN] = ignore,
			 [VRRP_EV_ADVER] = master_adver,
			 [VRRP_EV_ADV_RCVD] = master_adv,
			 [VRRP_EV_PRIORITY] = ignore,
			 [VRRP_EV_INTERVAL] = master_interval},
};

void vrrp_fsm_init(struct vrrp_fsm *f)
{
	*f = (struct vrrp_fsm){.state = VRRP_INIT};
}

unsigned vrrp_fsm_event(struct vrrp_fsm *f, const struct vrrp_fsm_params *p, enum vrrp_event ev,
			const struct vrrp_fsm_adv *adv, uint64_t now)
{
	if (f->state >= VRRP_STATE_COUNT || ev >= VRRP_EV_COUNT)
		return 0;
	if (ev == VRRP_EV_ADV_RCVD && !adv)
		return 0;
	return table[f->state][ev](f, p, adv, now);
}

uint64_t vrrp_fsm_next(const struct vrrp_fsm *f, enum vrrp_event *ev)
{
	if (f->state == VRRP_BACKUP && f->master_down_at) {
		*ev = VRRP_EV_MASTER_DOWN;
		return f->master_down_at;
	}
	if (f->state == VRRP_MASTER && f->adver_at) {
		*ev = VRRP_EV_ADVER;
		return f->adver_at;
	}
	return 0;
}
