/* The BFD session state machine (see bfd_fsm.h). RFC 5880 6.2, 6.8.1-6.8.7, 6.8.16; comments
 * quote the RFC where it decides something. */
#include "bfd_fsm.h"
#include <stddef.h>

static const char *const event_names[BFD_EV_COUNT] = {[BFD_EV_RX] = "rx",
						      [BFD_EV_DETECT] = "detect-timer",
						      [BFD_EV_TX] = "tx-timer",
						      [BFD_EV_ADMIN_UP] = "admin-up",
						      [BFD_EV_ADMIN_DOWN] = "admin-down",
						      [BFD_EV_PARAMS] = "params-changed"};

const char *bfd_event_name(enum bfd_event e)
{
	return e < BFD_EV_COUNT ? event_names[e] : "?";
}

/* 6.8.6, the state part: the next state for (local, received), and the diagnostic set when it
 * changes. AdminDown ignores everything ("If bfd.SessionState is AdminDown, discard"). */
struct trans {
	enum bfd_state next;
	enum bfd_diag diag;
};
static const struct trans rx_table[BFD_STATE_COUNT][BFD_STATE_COUNT] = {
	[BFD_ADMIN_DOWN] = {[BFD_ADMIN_DOWN] = {BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN},
			    [BFD_DOWN] = {BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN},
			    [BFD_INIT] = {BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN},
			    [BFD_UP] = {BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN}},
	/* "If bfd.SessionState is Down: If received State is Down, set bfd.SessionState to
	 * Init; Else if received State is Init, set bfd.SessionState to Up" */
	[BFD_DOWN] = {[BFD_ADMIN_DOWN] = {BFD_DOWN, BFD_DIAG_NONE},
		      [BFD_DOWN] = {BFD_INIT, BFD_DIAG_NONE},
		      [BFD_INIT] = {BFD_UP, BFD_DIAG_NONE},
		      [BFD_UP] = {BFD_DOWN, BFD_DIAG_NONE}},
	/* "Else if bfd.SessionState is Init: If received State is Init or Up, set
	 * bfd.SessionState to Up"; received AdminDown: "set bfd.LocalDiag to 3 (Neighbor
	 * signaled session down), set bfd.SessionState to Down" */
	[BFD_INIT] = {[BFD_ADMIN_DOWN] = {BFD_DOWN, BFD_DIAG_NEIGHBOR_DOWN},
		      [BFD_DOWN] = {BFD_INIT, BFD_DIAG_NONE},
		      [BFD_INIT] = {BFD_UP, BFD_DIAG_NONE},
		      [BFD_UP] = {BFD_UP, BFD_DIAG_NONE}},
	/* "Else (bfd.SessionState is Up): If received State is Down, set bfd.LocalDiag to 3
	 * (Neighbor signaled session down), set bfd.SessionState to Down" */
	[BFD_UP] = {[BFD_ADMIN_DOWN] = {BFD_DOWN, BFD_DIAG_NEIGHBOR_DOWN},
		    [BFD_DOWN] = {BFD_DOWN, BFD_DIAG_NEIGHBOR_DOWN},
		    [BFD_INIT] = {BFD_UP, BFD_DIAG_NONE},
		    [BFD_UP] = {BFD_UP, BFD_DIAG_NONE}},
};

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* 6.8.3: "bfd.DesiredMinTxInterval ... When bfd.SessionState is not Up, the system MUST set
 * bfd.DesiredMinTxInterval to a value of not less than one second". */
static uint32_t wanted_tx(const struct bfd_fsm *f, const struct bfd_params *p)
{
	return f->state == BFD_UP ? p->desired_min_tx_us
				  : (uint32_t)max64(p->desired_min_tx_us, BFD_SLOW_TX_US);
}

uint64_t bfd_jitter(uint64_t interval, uint8_t detect_mult, uint32_t rnd)
{
	/* 6.8.7: "reduced by a random value of 0 to 25%"; "If bfd.DetectMult is equal to 1, the
	 * interval ... MUST be no more than 90% of the negotiated transmission interval, and
	 * MUST be no less than 75%". In thousandths: 0..250, or 100..250. */
	uint32_t cut = detect_mult == 1 ? 100 + rnd % 151 : rnd % 251;
	return interval - interval * cut / 1000;
}

/* 6.8.3: an increased Desired Min TX is used only after the Poll sequence (until then the old,
 * smaller one); a smaller one at once. 6.8.7: "the greater of bfd.DesiredMinTxInterval and
 * bfd.RemoteMinRxInterval"; none when the remote's Required Min RX is 0. */
uint64_t bfd_fsm_tx_interval(const struct bfd_fsm *f)
{
	if (f->remote_min_rx_us == 0)
		return 0;
	uint64_t tx = f->poll ? min64(f->old_tx_us, f->tx_us) : f->tx_us;
	return max64(tx, f->remote_min_rx_us);
}

/* 6.8.4: "the Detection Time ... is equal to the value of Detect Mult received from the remote
 * system, multiplied by the agreed transmit interval of the remote system (the greater of
 * bfd.RequiredMinRxInterval and the last received Desired Min TX Interval)". 6.8.3: a reduced
 * Required Min RX counts only after the Poll sequence. */
uint64_t bfd_fsm_detect_time(const struct bfd_fsm *f)
{
	if (!f->remote_mult)
		return 0;
	uint64_t rx = f->poll ? max64(f->old_rx_us, f->rx_us) : f->rx_us;
	return (uint64_t)f->remote_mult * max64(rx, f->remote_tx_us);
}

/* 6.8.7: "MUST NOT transmit BFD Control packets if bfd.RemoteDiscr is zero and the system is
 * taking the Passive role", nor periodic ones "if bfd.RemoteMinRxInterval is zero". */
static void arm_tx(struct bfd_fsm *f, const struct bfd_params *p, uint64_t now, uint32_t rnd)
{
	uint64_t iv = bfd_fsm_tx_interval(f);
	if (!iv || (p->passive && !f->remote_disc)) {
		f->tx_at = 0;
		return;
	}
	f->tx_at = now + bfd_jitter(iv, f->detect_mult, rnd);
}

/* A shorter interval takes effect now, not after the current (longer) wait. */
static void rearm_tx_sooner(struct bfd_fsm *f, const struct bfd_params *p, uint64_t now,
			    uint32_t rnd)
{
	uint64_t iv = bfd_fsm_tx_interval(f);
	if (!f->tx_at || (iv && f->tx_at > now + iv))
		arm_tx(f, p, now, rnd);
}

/* 6.8.3: "If either bfd.DesiredMinTxInterval or bfd.RequiredMinRxInterval is changed, a Poll
 * Sequence MUST be initiated" (when Up; otherwise the new values are used at once). Returns
 * BFD_ACT_SEND when a Poll starts, so the peer hears it now. */
static unsigned set_intervals(struct bfd_fsm *f, const struct bfd_params *p)
{
	uint32_t tx = wanted_tx(f, p), rx = p->required_min_rx_us;
	f->detect_mult = p->detect_mult;
	if (tx == f->tx_us && rx == f->rx_us)
		return 0;
	if (f->state == BFD_UP) {
		if (!f->poll)
			f->old_tx_us = f->tx_us, f->old_rx_us = f->rx_us;
		f->poll = 1;
	} else {
		f->poll = 0;
	}
	f->tx_us = tx, f->rx_us = rx;
	return f->poll ? BFD_ACT_SEND : 0;
}

static unsigned enter(struct bfd_fsm *f, const struct bfd_params *p, enum bfd_state s,
		      enum bfd_diag diag, uint64_t now)
{
	if (s == f->state)
		return 0;
	if (s == BFD_UP)
		f->up_count++;
	else if (f->state == BFD_UP)
		f->down_count++;
	f->state = s;
	f->diag = diag;
	f->since = now;
	return BFD_ACT_STATE | set_intervals(f, p);
}

void bfd_fsm_init(struct bfd_fsm *f, const struct bfd_params *p, uint32_t local_disc, uint64_t now)
{
	*f = (struct bfd_fsm){.state = BFD_DOWN,
			      .remote_state = BFD_DOWN,
			      .local_disc = local_disc,
			      .remote_min_rx_us = 1, /* 6.8.1: "initialized to 1" */
			      .since = now};
	set_intervals(f, p);
	f->tx_at = p->passive ? 0 : now;
}

static unsigned on_rx(struct bfd_fsm *f, const struct bfd_params *p, const struct bfd_pkt *k,
		      uint64_t now, uint32_t rnd)
{
	f->remote_disc = k->my_disc;
	f->remote_state = k->state;
	/* "If the Final (F) bit is set and the local system is sending Poll, terminate the
	 * Poll Sequence" (6.5: the new values are in force from now on). */
	if (k->final && f->poll)
		f->poll = 0;
	f->remote_min_rx_us = k->required_min_rx_us;
	f->remote_tx_us = k->desired_min_tx_us;
	f->remote_mult = k->detect_mult;
	if (f->state == BFD_ADMIN_DOWN)
		return 0;
	const struct trans *t = &rx_table[f->state][k->state & 3];
	unsigned act = enter(f, p, t->next, t->next == f->state ? f->diag : t->diag, now);
	/* "If the Poll (P) bit is set, send a BFD Control packet to the remote system with the
	 * Poll (P) bit clear, and the Final (F) bit set" */
	if (k->poll)
		act |= BFD_ACT_FINAL;
	f->detect_at = now + bfd_fsm_detect_time(f);
	/* A state change is told to the peer at once rather than at the next (slow) tick. */
	if (act & BFD_ACT_STATE)
		act |= BFD_ACT_SEND;
	if (act & BFD_ACT_SEND)
		arm_tx(f, p, now, rnd);
	else
		rearm_tx_sooner(f, p, now, rnd);
	return act;
}

/* 6.8.4: "If ... a period of time equal to the Detection Time passes without receiving a BFD
 * Control packet from the remote system, and bfd.SessionState is Init or Up, the session has
 * gone down -- the local system MUST set bfd.SessionState to Down and bfd.LocalDiag to 1".
 * 6.8.1: bfd.RemoteDiscr "MUST be set to zero" then too. */
static unsigned on_detect(struct bfd_fsm *f, const struct bfd_params *p, uint64_t now, uint32_t rnd)
{
	unsigned act = 0;
	f->detect_at = 0;
	f->remote_disc = 0;
	f->remote_state = BFD_DOWN;
	f->remote_mult = 0;
	if (f->state == BFD_INIT || f->state == BFD_UP)
		act = enter(f, p, BFD_DOWN, BFD_DIAG_DETECT_EXPIRED, now) | BFD_ACT_SEND;
	f->remote_min_rx_us = 1;
	if (act & BFD_ACT_SEND)
		arm_tx(f, p, now, rnd);
	else if (p->passive)
		f->tx_at = 0;
	return act;
}

static unsigned on_tx(struct bfd_fsm *f, const struct bfd_params *p, uint64_t now, uint32_t rnd)
{
	int may = !(p->passive && !f->remote_disc) && f->remote_min_rx_us;
	arm_tx(f, p, now, rnd);
	return may ? BFD_ACT_SEND : 0;
}

unsigned bfd_fsm_event(struct bfd_fsm *f, const struct bfd_params *p, enum bfd_event ev,
		       const struct bfd_pkt *pkt, uint64_t now, uint32_t rnd)
{
	unsigned act = 0;
	switch (ev) {
	case BFD_EV_RX:
		return pkt ? on_rx(f, p, pkt, now, rnd) : 0;
	case BFD_EV_DETECT:
		return on_detect(f, p, now, rnd);
	case BFD_EV_TX:
		return on_tx(f, p, now, rnd);
	case BFD_EV_ADMIN_DOWN:
		/* 6.8.16: "set bfd.SessionState to AdminDown and bfd.LocalDiag to an appropriate
		 * value"; we keep sending (at >= 1 s) so the peer goes Down with diag 3. */
		act = enter(f, p, BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN, now);
		f->detect_at = 0;
		break;
	case BFD_EV_ADMIN_UP:
		/* 6.8.16: "set bfd.SessionState to Down". */
		if (f->state == BFD_ADMIN_DOWN)
			act = enter(f, p, BFD_DOWN, BFD_DIAG_NONE, now);
		break;
	case BFD_EV_PARAMS:
		act = set_intervals(f, p);
		if (f->remote_mult && f->detect_at)
			f->detect_at = max64(f->detect_at, now);
		break;
	default:
		return 0;
	}
	if (act) {
		act |= BFD_ACT_SEND;
		arm_tx(f, p, now, rnd);
	} else {
		rearm_tx_sooner(f, p, now, rnd);
	}
	return act;
}

uint64_t bfd_fsm_next(const struct bfd_fsm *f, enum bfd_event *ev)
{
	uint64_t t = 0;
	enum bfd_event e = BFD_EV_TX;
	if (f->tx_at)
		t = f->tx_at;
	if (f->detect_at && (!t || f->detect_at < t))
		t = f->detect_at, e = BFD_EV_DETECT;
	if (ev)
		*ev = e;
	return t;
}

/* 6.8.7: "A system MUST NOT set the Demand (D) bit" unless in Demand mode (never here); "MUST
 * NOT set both the Poll (P) and Final (F) bits". */
void bfd_fsm_packet(const struct bfd_fsm *f, int final, struct bfd_pkt *out)
{
	*out = (struct bfd_pkt){.version = BFD_VERSION,
				.diag = f->diag,
				.state = f->state,
				.poll = final ? 0 : f->poll,
				.final = !!final,
				.detect_mult = f->detect_mult,
				.length = BFD_PKT_LEN,
				.my_disc = f->local_disc,
				.your_disc = f->remote_disc,
				.desired_min_tx_us = f->tx_us,
				.required_min_rx_us = f->rx_us,
				.required_min_echo_rx_us = 0};
}
