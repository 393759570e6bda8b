/* Unit tests for the BFD session state machine (protocols/bfd/bfd_fsm.c) against RFC 5880, with
 * a fake clock (microseconds) and fixed random values. Every expected number is derived in a
 * comment from the RFC formulas:
 *   TX interval (6.8.7)  = max(bfd.DesiredMinTxInterval, bfd.RemoteMinRxInterval), jittered down
 *                          by 0-25 % (10-25 % when bfd.DetectMult is 1);
 *   Detection time (6.8.4) = remote Detect Mult x max(bfd.RequiredMinRxInterval, remote Desired
 *                          Min TX);
 *   not Up (6.8.3)       = Desired Min TX sent is at least 1 s. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "bfd_fsm.h"

#define MS 1000u
#define SEC 1000000ull
#define T0 (7 * SEC) /* not 0: deadlines are absolute */

static const struct bfd_params P50 = {
	.desired_min_tx_us = 50 * MS, .required_min_rx_us = 50 * MS, .detect_mult = 3};

static struct bfd_pkt from_peer(enum bfd_state st, uint32_t your)
{
	return (struct bfd_pkt){.version = 1,
				.state = st,
				.detect_mult = 3,
				.length = 24,
				.my_disc = 0x77,
				.your_disc = your,
				.desired_min_tx_us = 100 * MS,
				.required_min_rx_us = 20 * MS};
}

static unsigned rx(struct bfd_fsm *f, const struct bfd_params *p, enum bfd_state st, uint64_t now)
{
	struct bfd_pkt k = from_peer(st, f->local_disc);
	return bfd_fsm_event(f, p, BFD_EV_RX, &k, now, 0);
}

/* A session brought to state s by the received states that lead there. */
static void in_state(struct bfd_fsm *f, enum bfd_state s)
{
	bfd_fsm_init(f, &P50, 1, T0);
	if (s == BFD_ADMIN_DOWN)
		bfd_fsm_event(f, &P50, BFD_EV_ADMIN_DOWN, NULL, T0, 0);
	else if (s == BFD_INIT)
		rx(f, &P50, BFD_DOWN, T0);
	else if (s == BFD_UP)
		rx(f, &P50, BFD_INIT, T0);
	assert_int_equal(f->state, s);
}

/* RFC 5880 6.8.6 and the 6.2 diagram, every local state x received state. */
static void test_table(void **st)
{
	(void)st;
	static const struct {
		enum bfd_state local, recv, next;
		enum bfd_diag diag;
	} cases[] = {
		/* "If bfd.SessionState is AdminDown: Discard the packet" */
		{BFD_ADMIN_DOWN, BFD_ADMIN_DOWN, BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN},
		{BFD_ADMIN_DOWN, BFD_DOWN, BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN},
		{BFD_ADMIN_DOWN, BFD_INIT, BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN},
		{BFD_ADMIN_DOWN, BFD_UP, BFD_ADMIN_DOWN, BFD_DIAG_ADMIN_DOWN},
		/* received AdminDown while Down: stays Down (diag unchanged) */
		{BFD_DOWN, BFD_ADMIN_DOWN, BFD_DOWN, BFD_DIAG_NONE},
		{BFD_DOWN, BFD_DOWN, BFD_INIT, BFD_DIAG_NONE},
		{BFD_DOWN, BFD_INIT, BFD_UP, BFD_DIAG_NONE},
		{BFD_DOWN, BFD_UP, BFD_DOWN, BFD_DIAG_NONE},
		/* received AdminDown, not Down: diag 3, Down */
		{BFD_INIT, BFD_ADMIN_DOWN, BFD_DOWN, BFD_DIAG_NEIGHBOR_DOWN},
		{BFD_INIT, BFD_DOWN, BFD_INIT, BFD_DIAG_NONE},
		{BFD_INIT, BFD_INIT, BFD_UP, BFD_DIAG_NONE},
		{BFD_INIT, BFD_UP, BFD_UP, BFD_DIAG_NONE},
		{BFD_UP, BFD_ADMIN_DOWN, BFD_DOWN, BFD_DIAG_NEIGHBOR_DOWN},
		{BFD_UP, BFD_DOWN, BFD_DOWN, BFD_DIAG_NEIGHBOR_DOWN},
		{BFD_UP, BFD_INIT, BFD_UP, BFD_DIAG_NONE},
		{BFD_UP, BFD_UP, BFD_UP, BFD_DIAG_NONE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bfd_fsm f;
		in_state(&f, cases[i].local);
		unsigned act = rx(&f, &P50, cases[i].recv, T0 + SEC);
		assert_int_equal(f.state, cases[i].next);
		assert_int_equal(f.diag, cases[i].diag);
		assert_int_equal(!!(act & BFD_ACT_STATE), cases[i].local != cases[i].next);
		/* bfd.RemoteDiscr and bfd.RemoteSessionState are learnt in every state */
		assert_int_equal(f.remote_disc, 0x77);
		assert_int_equal(f.remote_state, cases[i].recv);
	}
}

/* Down: Desired Min TX sent >= 1 s (6.8.3); a new session sends at once (not passive). */
static void test_init_slow_tx(void **st)
{
	(void)st;
	struct bfd_fsm f;
	bfd_fsm_init(&f, &P50, 9, T0);
	assert_int_equal(f.tx_us, 1000 * MS);
	assert_int_equal(f.rx_us, 50 * MS);
	assert_int_equal(f.remote_min_rx_us, 1); /* 6.8.1 */
	enum bfd_event ev;
	assert_int_equal(bfd_fsm_next(&f, &ev), T0);
	assert_int_equal(ev, BFD_EV_TX);
	/* TX interval = max(1 s, 1 us) = 1 s; rnd 0 -> no reduction: next at T0 + 1 s */
	assert_int_equal(bfd_fsm_event(&f, &P50, BFD_EV_TX, NULL, T0, 0), BFD_ACT_SEND);
	assert_int_equal(f.tx_at, T0 + SEC);
	struct bfd_pkt k;
	bfd_fsm_packet(&f, 0, &k);
	assert_int_equal(k.state, BFD_DOWN);
	assert_int_equal(k.my_disc, 9);
	assert_int_equal(k.your_disc, 0);
	assert_int_equal(k.desired_min_tx_us, 1000 * MS);
	assert_int_equal(k.detect_mult, 3);
	assert_false(k.poll);
}

/* Up: the configured 50 ms through a Poll sequence (6.8.3), then negotiation. */
static void test_up_poll_final(void **st)
{
	(void)st;
	struct bfd_fsm f;
	bfd_fsm_init(&f, &P50, 1, T0);
	unsigned act = rx(&f, &P50, BFD_INIT, T0);
	assert_int_equal(f.state, BFD_UP);
	assert_true(act & BFD_ACT_SEND);
	/* 1 s -> 50 ms is a change of bfd.DesiredMinTxInterval while Up: Poll */
	assert_true(f.poll);
	assert_int_equal(f.tx_us, 50 * MS);
	struct bfd_pkt k;
	bfd_fsm_packet(&f, 0, &k);
	assert_true(k.poll);
	assert_false(k.final);
	assert_int_equal(k.desired_min_tx_us, 50 * MS);
	/* A decrease applies at once: TX interval = max(min(1 s, 50 ms), remote min rx 20 ms)
	 * = 50 ms. */
	assert_int_equal(bfd_fsm_tx_interval(&f), 50 * MS);
	/* Detection = remote mult 3 x max(our rx 50 ms, remote tx 100 ms) = 300 ms */
	assert_int_equal(bfd_fsm_detect_time(&f), 300 * MS);
	assert_int_equal(f.detect_at, T0 + 300 * MS);
	/* The Final ends the Poll; P no longer sent. */
	struct bfd_pkt fin = from_peer(BFD_UP, 1);
	fin.final = 1;
	bfd_fsm_event(&f, &P50, BFD_EV_RX, &fin, T0 + 10 * MS, 0);
	assert_false(f.poll);
	bfd_fsm_packet(&f, 0, &k);
	assert_false(k.poll);
	/* A peer's Poll is answered with a Final (P clear, F set). */
	struct bfd_pkt pol = from_peer(BFD_UP, 1);
	pol.poll = 1;
	act = bfd_fsm_event(&f, &P50, BFD_EV_RX, &pol, T0 + 20 * MS, 0);
	assert_true(act & BFD_ACT_FINAL);
	bfd_fsm_packet(&f, 1, &k);
	assert_true(k.final);
	assert_false(k.poll);
}

/* 6.8.3: a slower TX only after the Final; a smaller RX counts for detection only after it. */
static void test_slower_after_final(void **st)
{
	(void)st;
	struct bfd_fsm f;
	in_state(&f, BFD_UP);
	struct bfd_pkt fin = from_peer(BFD_UP, 1);
	fin.final = 1;
	bfd_fsm_event(&f, &P50, BFD_EV_RX, &fin, T0, 0);
	assert_false(f.poll);
	struct bfd_params slow = {
		.desired_min_tx_us = 200 * MS, .required_min_rx_us = 10 * MS, .detect_mult = 3};
	unsigned act = bfd_fsm_event(&f, &slow, BFD_EV_PARAMS, NULL, T0 + MS, 0);
	assert_true(act & BFD_ACT_SEND);
	assert_true(f.poll);
	/* during the Poll: TX = max(min(50, 200), 20) = 50 ms; detection = 3 x max(max(50, 10),
	 * 100) = 300 ms */
	assert_int_equal(bfd_fsm_tx_interval(&f), 50 * MS);
	assert_int_equal(bfd_fsm_detect_time(&f), 300 * MS);
	bfd_fsm_event(&f, &slow, BFD_EV_RX, &fin, T0 + 2 * MS, 0);
	assert_false(f.poll);
	/* after: TX = max(200, 20) = 200 ms; detection = 3 x max(10, 100) = 300 ms */
	assert_int_equal(bfd_fsm_tx_interval(&f), 200 * MS);
	assert_int_equal(bfd_fsm_detect_time(&f), 300 * MS);
	/* A peer asking for a slow RX: TX = max(200 ms, its 500 ms) = 500 ms */
	struct bfd_pkt k = from_peer(BFD_UP, 1);
	k.required_min_rx_us = 500 * MS;
	bfd_fsm_event(&f, &slow, BFD_EV_RX, &k, T0 + 3 * MS, 0);
	assert_int_equal(bfd_fsm_tx_interval(&f), 500 * MS);
	/* A Required Min RX of 0: no periodic transmission (6.8.7) */
	k.required_min_rx_us = 0;
	bfd_fsm_event(&f, &slow, BFD_EV_RX, &k, T0 + 4 * MS, 0);
	assert_int_equal(bfd_fsm_tx_interval(&f), 0);
	assert_int_equal(bfd_fsm_event(&f, &slow, BFD_EV_TX, NULL, T0 + 5 * MS, 0), 0);
	assert_int_equal(f.tx_at, 0);
}

/* 6.8.4: detection expiry takes Init and Up down with diag 1; Down stays, RemoteDiscr reset. */
static void test_detection(void **st)
{
	(void)st;
	enum bfd_state from[] = {BFD_INIT, BFD_UP};
	for (int i = 0; i < 2; i++) {
		struct bfd_fsm f;
		in_state(&f, from[i]);
		enum bfd_event ev;
		/* the last packet came at T0: 3 x max(50 ms, 100 ms) = 300 ms later */
		f.tx_at = 0;
		assert_int_equal(bfd_fsm_next(&f, &ev), T0 + 300 * MS);
		assert_int_equal(ev, BFD_EV_DETECT);
		unsigned act = bfd_fsm_event(&f, &P50, BFD_EV_DETECT, NULL, T0 + 300 * MS, 0);
		assert_true(act & BFD_ACT_STATE);
		assert_int_equal(f.state, BFD_DOWN);
		assert_int_equal(f.diag, BFD_DIAG_DETECT_EXPIRED);
		assert_int_equal(f.remote_disc, 0);
		assert_int_equal(f.tx_us, 1000 * MS); /* back to >= 1 s */
		assert_int_equal(f.detect_at, 0);
	}
	struct bfd_fsm f;
	in_state(&f, BFD_DOWN);
	rx(&f, &P50, BFD_ADMIN_DOWN, T0);
	assert_int_equal(bfd_fsm_event(&f, &P50, BFD_EV_DETECT, NULL, T0 + SEC, 0) & BFD_ACT_STATE,
			 0);
	assert_int_equal(f.state, BFD_DOWN);
	assert_int_equal(f.remote_disc, 0);
}

/* 6.8.16: AdminDown with diag 7, still sent so that the peer goes Down with diag 3. */
static void test_admin(void **st)
{
	(void)st;
	struct bfd_fsm f, g;
	in_state(&f, BFD_UP);
	in_state(&g, BFD_UP);
	unsigned act = bfd_fsm_event(&f, &P50, BFD_EV_ADMIN_DOWN, NULL, T0 + MS, 0);
	assert_true(act & BFD_ACT_STATE && act & BFD_ACT_SEND);
	assert_int_equal(f.state, BFD_ADMIN_DOWN);
	assert_int_equal(f.diag, BFD_DIAG_ADMIN_DOWN);
	assert_int_equal(f.detect_at, 0);
	struct bfd_pkt k;
	bfd_fsm_packet(&f, 0, &k);
	k.your_disc = g.local_disc;
	bfd_fsm_event(&g, &P50, BFD_EV_RX, &k, T0 + 2 * MS, 0);
	assert_int_equal(g.state, BFD_DOWN);
	assert_int_equal(g.diag, BFD_DIAG_NEIGHBOR_DOWN);
	act = bfd_fsm_event(&f, &P50, BFD_EV_ADMIN_UP, NULL, T0 + 3 * MS, 0);
	assert_true(act & BFD_ACT_STATE);
	assert_int_equal(f.state, BFD_DOWN);
	assert_int_equal(f.diag, BFD_DIAG_NONE);
}

/* 6.1 / 6.8.7: passive sends nothing until it knows the remote discriminator. */
static void test_passive(void **st)
{
	(void)st;
	struct bfd_params pp = P50;
	pp.passive = 1;
	struct bfd_fsm f;
	bfd_fsm_init(&f, &pp, 5, T0);
	assert_int_equal(bfd_fsm_next(&f, NULL), 0);
	assert_int_equal(bfd_fsm_event(&f, &pp, BFD_EV_TX, NULL, T0, 0), 0);
	struct bfd_pkt k = from_peer(BFD_DOWN, 0);
	unsigned act = bfd_fsm_event(&f, &pp, BFD_EV_RX, &k, T0 + MS, 0);
	assert_true(act & BFD_ACT_SEND);
	assert_int_equal(f.state, BFD_INIT);
	assert_int_not_equal(f.tx_at, 0);
	/* silence: Down again, and silent again */
	bfd_fsm_event(&f, &pp, BFD_EV_DETECT, NULL, f.detect_at, 0);
	assert_int_equal(f.state, BFD_DOWN);
	assert_int_equal(f.remote_disc, 0);
	assert_int_equal(bfd_fsm_event(&f, &pp, BFD_EV_TX, NULL, T0 + 2 * SEC, 0), 0);
}

/* 6.8.7 jitter bounds: 75-100 % of the interval, 75-90 % with detect mult 1. */
static void test_jitter(void **st)
{
	(void)st;
	uint64_t lo = UINT64_MAX, hi = 0, lo1 = UINT64_MAX, hi1 = 0;
	for (uint32_t r = 0; r < 2000; r++) {
		uint64_t j = bfd_jitter(1000 * MS, 3, r * 2654435761u);
		uint64_t j1 = bfd_jitter(1000 * MS, 1, r * 2654435761u);
		lo = j < lo ? j : lo, hi = j > hi ? j : hi;
		lo1 = j1 < lo1 ? j1 : lo1, hi1 = j1 > hi1 ? j1 : hi1;
	}
	assert_true(lo >= 750 * MS && hi <= 1000 * MS);
	assert_true(lo1 >= 750 * MS && hi1 <= 900 * MS);
	assert_int_equal(bfd_jitter(1000 * MS, 3, 0), 1000 * MS);  /* 0 % */
	assert_int_equal(bfd_jitter(1000 * MS, 3, 250), 750 * MS); /* 25 % */
	assert_int_equal(bfd_jitter(1000 * MS, 1, 0), 900 * MS);   /* 10 % */
	assert_int_equal(bfd_jitter(1000 * MS, 1, 150), 750 * MS); /* 25 % */
}

/* Not Up: a changed interval is used at once, without a Poll. */
static void test_params_not_up(void **st)
{
	(void)st;
	struct bfd_fsm f;
	in_state(&f, BFD_DOWN);
	struct bfd_params p = {
		.desired_min_tx_us = 2 * SEC, .required_min_rx_us = 70 * MS, .detect_mult = 5};
	bfd_fsm_event(&f, &p, BFD_EV_PARAMS, NULL, T0, 0);
	assert_false(f.poll);
	assert_int_equal(f.tx_us, 2 * SEC);
	assert_int_equal(f.rx_us, 70 * MS);
	assert_int_equal(f.detect_mult, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),         cmocka_unit_test(test_init_slow_tx),
		cmocka_unit_test(test_up_poll_final), cmocka_unit_test(test_slower_after_final),
		cmocka_unit_test(test_detection),     cmocka_unit_test(test_admin),
		cmocka_unit_test(test_passive),       cmocka_unit_test(test_jitter),
		cmocka_unit_test(test_params_not_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
