/* The VRRP state machine of RFC 3768 section 6.4 (and RFC 9568 6.4 for version 3): Initialize,
 * Backup, Master. Pure: it is given events and the current time (microseconds) and answers with
 * actions and timer deadlines; the caller does the I/O and arms the timers. */
#ifndef VRRP_FSM_H
#define VRRP_FSM_H
#include <stdint.h>

#include "addr.h"

enum vrrp_state { VRRP_INIT, VRRP_BACKUP, VRRP_MASTER, VRRP_STATE_COUNT };

enum vrrp_event {
	VRRP_EV_STARTUP,     /* the group can run: interface up, address and VIP known */
	VRRP_EV_SHUTDOWN,    /* it cannot any more (interface down, group deleted, stopping) */
	VRRP_EV_MASTER_DOWN, /* Master_Down_Timer expired */
	VRRP_EV_ADVER,       /* Adver_Timer expired */
	VRRP_EV_ADV_RCVD,    /* a valid advertisement for our VRID */
	VRRP_EV_PRIORITY,    /* our priority changed (configuration or tracking) */
	VRRP_EV_INTERVAL,    /* our configured Advertisement_Interval changed */
	VRRP_EV_COUNT
};

/* What the caller must do, in this order. */
enum {
	VRRP_ACT_SEND_ADV = 1u << 0,      /* send an advertisement with our priority */
	VRRP_ACT_SEND_ADV_ZERO = 1u << 1, /* send one with priority 0 (resigning) */
	VRRP_ACT_TAKE_OVER = 1u << 2,     /* become the virtual router: VIPs, virtual MAC, GARP */
	VRRP_ACT_RELEASE = 1u << 3,       /* stop being it: remove VIPs, virtual MAC */
};

struct vrrp_fsm_params {
	uint8_t version;  /* 2 or 3 */
	uint8_t priority; /* current (after tracking); 255 for the address owner */
	int preempt;
	uint32_t adv_interval_cs; /* configured Advertisement_Interval, centiseconds */
	/* Preempt delay: for this long after Startup a Backup does not preempt a lower-priority
	 * Master (keepalived's preempt_delay, Cisco's "preempt delay minimum"; RFC 9568 has
	 * none). The Master_Down_Timer is not affected: a silent master is still replaced. */
	uint64_t preempt_delay_us;
	struct n2_addr local_ip; /* our primary address (ties): IPv4's, or the link-local one */
};

struct vrrp_fsm {
	enum vrrp_state state;
	uint64_t master_down_at; /* absolute time, 0 = not running */
	uint64_t adver_at;
	uint32_t master_adv_cs;   /* v3: learned from the master; v2: the configured interval */
	struct n2_addr master_ip; /* the current master's address as last seen (none = unknown) */
	uint64_t since;           /* when the current state was entered */
	uint64_t started;         /* when Startup last happened (the preempt delay runs from it) */
	uint32_t master_transitions;
};

/* The advertisement the machine reacts to (already validated). */
struct vrrp_fsm_adv {
	uint8_t priority;
	struct n2_addr src;   /* the sender: the IP source address */
	uint32_t interval_cs; /* the master's interval (v3), for Master_Adver_Interval */
};

void vrrp_fsm_init(struct vrrp_fsm *f);
/* Feeds an event; adv only for VRRP_EV_ADV_RCVD. Returns VRRP_ACT_* bits. */
unsigned vrrp_fsm_event(struct vrrp_fsm *f, const struct vrrp_fsm_params *p, enum vrrp_event ev,
			const struct vrrp_fsm_adv *adv, uint64_t now);
/* The earliest armed deadline (0 = none), and which event it raises. */
uint64_t vrrp_fsm_next(const struct vrrp_fsm *f, enum vrrp_event *ev);

/* RFC formulas, in microseconds. */
uint64_t vrrp_skew_us(const struct vrrp_fsm_params *p, uint32_t master_adv_cs);
uint64_t vrrp_master_down_us(const struct vrrp_fsm_params *p, uint32_t master_adv_cs);

const char *vrrp_state_name(enum vrrp_state s);
const char *vrrp_event_name(enum vrrp_event e);
#endif
