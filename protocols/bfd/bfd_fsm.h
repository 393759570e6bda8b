/* The BFD session of RFC 5880 (asynchronous mode): the state machine of 6.2 / 6.8.6 as a table
 * indexed by local state x received state, timer negotiation (6.8.2-6.8.4), the Poll sequence
 * for parameter changes (6.5, 6.8.3), jitter (6.8.7), diagnostics, the passive role (6.1).
 * Pure: given events, the time (microseconds) and a random value, it returns actions and the
 * next deadlines; the caller does the I/O, arms the timers and looks sessions up by
 * discriminator. Echo and demand mode are not implemented. */
#ifndef BFD_FSM_H
#define BFD_FSM_H
#include <stdint.h>

#include "bfd_packet.h"

#define BFD_SLOW_TX_US 1000000u /* 6.8.3: not Up -> Desired Min TX at least 1 s */

enum bfd_event {
	BFD_EV_RX,         /* a valid control packet for this session (checks passed) */
	BFD_EV_DETECT,     /* the detection timer expired */
	BFD_EV_TX,         /* the transmit timer expired */
	BFD_EV_ADMIN_UP,   /* no shutdown */
	BFD_EV_ADMIN_DOWN, /* shutdown (6.8.16) */
	BFD_EV_PARAMS,     /* the configured intervals / multiplier changed */
	BFD_EV_COUNT
};

enum {
	BFD_ACT_SEND = 1u << 0,  /* send a control packet now: bfd_fsm_packet(f, p, 0, ..) */
	BFD_ACT_FINAL = 1u << 1, /* send one with the Final bit now (answer to a Poll) */
	BFD_ACT_STATE = 1u << 2, /* the session state changed (publish it) */
};

/* What the configuration (or the clients) want. */
struct bfd_params {
	uint32_t desired_min_tx_us;
	uint32_t required_min_rx_us;
	uint8_t detect_mult;
	uint8_t passive; /* 6.1: do not send before the peer's discriminator is known */
};

struct bfd_fsm {
	enum bfd_state state, remote_state;
	enum bfd_diag diag;            /* bfd.LocalDiag */
	uint32_t local_disc;           /* bfd.LocalDiscr */
	uint32_t remote_disc;          /* bfd.RemoteDiscr, learnt from My Discriminator */
	uint32_t tx_us, rx_us;         /* Desired Min TX / Required Min RX we send now */
	uint32_t old_tx_us, old_rx_us; /* the values before the Poll sequence in progress */
	uint8_t poll;                  /* a Poll sequence is in progress (6.5) */
	uint8_t detect_mult;           /* bfd.DetectMult we send */
	uint32_t remote_min_rx_us;     /* bfd.RemoteMinRxInterval */
	uint32_t remote_tx_us;         /* the peer's last Desired Min TX */
	uint8_t remote_mult;           /* the peer's last Detect Mult */
	uint64_t tx_at, detect_at;     /* absolute deadlines, 0 = not armed */
	uint64_t since;                /* when the current state was entered */
	uint32_t up_count, down_count;
};

/* A session in Down (RFC 5880 6.8.1 initial values), sending at once unless passive. */
void bfd_fsm_init(struct bfd_fsm *f, const struct bfd_params *p, uint32_t local_disc, uint64_t now);
/* Feeds an event; pkt only for BFD_EV_RX. rnd: any random value, for the jitter. Returns
 * BFD_ACT_* bits. */
unsigned bfd_fsm_event(struct bfd_fsm *f, const struct bfd_params *p, enum bfd_event ev,
		       const struct bfd_pkt *pkt, uint64_t now, uint32_t rnd);
/* The earliest deadline (0 = none) and its event. */
uint64_t bfd_fsm_next(const struct bfd_fsm *f, enum bfd_event *ev);
/* The control packet to send now; final: the answer to a Poll (F set, P clear). */
void bfd_fsm_packet(const struct bfd_fsm *f, int final, struct bfd_pkt *out);

/* Negotiated values (6.8.2-6.8.4), microseconds: the interval between our packets before
 * jitter (0 = no periodic transmission), and the detection time (0 = nothing heard yet). */
uint64_t bfd_fsm_tx_interval(const struct bfd_fsm *f);
uint64_t bfd_fsm_detect_time(const struct bfd_fsm *f);
/* 6.8.7: interval reduced by 0-25 %, or 10-25 % when detect_mult is 1, by rnd. */
uint64_t bfd_jitter(uint64_t interval, uint8_t detect_mult, uint32_t rnd);
const char *bfd_event_name(enum bfd_event e);
#endif
