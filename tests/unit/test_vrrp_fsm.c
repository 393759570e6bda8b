/* Unit tests for the VRRP state machine (protocols/vrrp/vrrp_fsm.c) against RFC 3768 6.4 and
 * RFC 9568 6.4, with a fake clock: every call is given `now` in microseconds. Every expected
 * deadline is derived in a comment from the RFC formulas:
 *   v2: Skew_Time = (256 - Priority) / 256 s;  v3: Skew_Time = (256 - Priority) *
 *       Master_Adver_Interval / 256;  Master_Down_Interval = 3 * interval + Skew_Time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/socket.h>
#include <string.h>
#include "vrrp_fsm.h"

#define SEC 1000000ull
/* Not 0, so that absolute deadlines cannot be confused with intervals. */
#define T0 (5 * SEC)

/* Master_Down_Interval at 1 s, priority 100: skew = 156/256 s = 0.609375 s = 609375 us;
 * 3 * 1 s + 609375 us = 3609375 us. */
#define SKEW_100 609375ull
#define DOWN_100 3609375ull
/* priority 200: skew = 56/256 s = 0.21875 s = 218750 us; down = 3218750 us. */
#define SKEW_200 218750ull
#define DOWN_200 3218750ull

/* An IPv4 address, written out byte by byte. */
static struct n2_addr ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return (struct n2_addr){.family = AF_INET, .u.b = {a, b, c, d}};
}

static void assert_addr(const struct n2_addr *got, struct n2_addr want)
{
	char g[N2_ADDR_STRLEN], w[N2_ADDR_STRLEN];
	n2_addr_str(got, g, sizeof(g));
	n2_addr_str(&want, w, sizeof(w));
	assert_string_equal(g, w);
	assert_true(n2_addr_eq(got, &want));
}

/* Our router: 10.0.0.2, Advertisement_Interval 1 s. */
static struct vrrp_fsm_params params(uint8_t version, uint8_t priority, int preempt)
{
	return (struct vrrp_fsm_params){.version = version,
					.priority = priority,
					.preempt = preempt,
					.adv_interval_cs = 100,
					.local_ip = ip4(10, 0, 0, 2)};
}

static struct vrrp_fsm_adv adv(uint8_t priority, struct n2_addr src, uint32_t interval_cs)
{
	return (struct vrrp_fsm_adv){.priority = priority, .src = src, .interval_cs = interval_cs};
}

static unsigned rx(struct vrrp_fsm *f, const struct vrrp_fsm_params *p, uint8_t prio,
		   struct n2_addr src, uint64_t now)
{
	struct vrrp_fsm_adv a = adv(prio, src, p->adv_interval_cs);
	return vrrp_fsm_event(f, p, VRRP_EV_ADV_RCVD, &a, now);
}

/* Starts a non-owner group at T0: it is a Backup with its Master_Down_Timer running. */
static void start_backup(struct vrrp_fsm *f, const struct vrrp_fsm_params *p)
{
	vrrp_fsm_init(f);
	assert_int_equal(vrrp_fsm_event(f, p, VRRP_EV_STARTUP, NULL, T0), 0);
	assert_int_equal(f->state, VRRP_BACKUP);
}

/* Starts a group and lets its Master_Down_Timer run out: Master at `*t`. */
static void start_master(struct vrrp_fsm *f, const struct vrrp_fsm_params *p, uint64_t *t)
{
	start_backup(f, p);
	*t = f->master_down_at;
	assert_int_equal(vrrp_fsm_event(f, p, VRRP_EV_MASTER_DOWN, NULL, *t),
			 VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER);
	assert_int_equal(f->state, VRRP_MASTER);
}

static void test_formulas(void **state)
{
	(void)state;
	struct vrrp_fsm_params p = params(2, 100, 1);
	assert_int_equal(vrrp_skew_us(&p, 100), SKEW_100);
	assert_int_equal(vrrp_master_down_us(&p, 100), DOWN_100);
	p.priority = 200;
	assert_int_equal(vrrp_skew_us(&p, 100), SKEW_200);
	assert_int_equal(vrrp_master_down_us(&p, 100), DOWN_200);
	/* priority 254: skew = 2/256 s = 7812.5 us, truncated to 7812 */
	p.priority = 254;
	assert_int_equal(vrrp_skew_us(&p, 100), 7812);
	/* v2's skew does not scale with the interval (RFC 3768: seconds, not intervals):
	 * 3 s interval, priority 100: 3 * 3 s + 609375 us = 9609375 us */
	p.priority = 100;
	assert_int_equal(vrrp_master_down_us(&p, 300), 9 * SEC + SKEW_100);
	/* v3 scales it: interval 200 cs = 2 s, priority 100:
	 * skew = 156 * 2000000 / 256 = 1218750 us; down = 6000000 + 1218750 = 7218750 us */
	p.version = 3;
	assert_int_equal(vrrp_skew_us(&p, 200), 1218750);
	assert_int_equal(vrrp_master_down_us(&p, 200), 7218750);
	/* v3, 100 cs is the same as v2's 1 s */
	assert_int_equal(vrrp_master_down_us(&p, 100), DOWN_100);
	/* v3, 4095 cs = 40.95 s, priority 128: skew = 128 * 40950000 / 256 = 20475000 us;
	 * down = 3 * 40950000 + 20475000 = 143325000 us */
	p.priority = 128;
	assert_int_equal(vrrp_skew_us(&p, 4095), 20475000);
	assert_int_equal(vrrp_master_down_us(&p, 4095), 143325000);
}

static void test_init_to_backup(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	enum vrrp_event ev = VRRP_EV_COUNT;
	vrrp_fsm_init(&f);
	assert_int_equal(f.state, VRRP_INIT);
	assert_int_equal(vrrp_fsm_next(&f, &ev), 0);

	struct vrrp_fsm_params p = params(2, 100, 1);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_STARTUP, NULL, T0), 0);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_down_at, T0 + DOWN_100);
	assert_int_equal(f.adver_at, 0);
	assert_int_equal(f.since, T0);
	assert_int_equal(f.master_transitions, 0);
	assert_int_equal(vrrp_fsm_next(&f, &ev), T0 + DOWN_100);
	assert_int_equal(ev, VRRP_EV_MASTER_DOWN);

	p = params(2, 200, 1);
	vrrp_fsm_init(&f);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_STARTUP, NULL, T0), 0);
	assert_int_equal(f.master_down_at, T0 + DOWN_200);

	/* 254 is the highest non-owner priority: still Backup first. skew = 2/256 s = 7812.5 us
	 * -> 7812; down = 3007812 us */
	p = params(2, 254, 1);
	vrrp_fsm_init(&f);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_STARTUP, NULL, T0), 0);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_down_at, T0 + 3007812);
}

static void test_init_owner_to_master(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 255, 1);
	enum vrrp_event ev = VRRP_EV_COUNT;
	vrrp_fsm_init(&f);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_STARTUP, NULL, T0),
			 VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER);
	assert_int_equal(f.state, VRRP_MASTER);
	/* "Set the Adver_Timer to Advertisement_Interval": T0 + 1 s */
	assert_int_equal(f.adver_at, T0 + SEC);
	assert_int_equal(f.master_down_at, 0);
	assert_addr(&f.master_ip, p.local_ip);
	assert_int_equal(f.master_transitions, 1);
	assert_int_equal(vrrp_fsm_next(&f, &ev), T0 + SEC);
	assert_int_equal(ev, VRRP_EV_ADVER);
}

static void test_backup_master_down(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	enum vrrp_event ev;
	start_backup(&f, &p);
	uint64_t t = T0 + DOWN_100;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_MASTER_DOWN, NULL, t),
			 VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(f.adver_at, t + SEC);
	assert_int_equal(f.master_down_at, 0);
	assert_int_equal(f.since, t);
	assert_int_equal(f.master_transitions, 1);
	assert_int_equal(vrrp_fsm_next(&f, &ev), t + SEC);
	assert_int_equal(ev, VRRP_EV_ADVER);
}

static void test_backup_adv_resets_timer(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	start_backup(&f, &p);
	/* higher priority, 2 s after startup: the timer restarts from then */
	uint64_t t = T0 + 2 * SEC;
	assert_int_equal(rx(&f, &p, 150, ip4(10, 0, 0, 1), t), 0);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_down_at, t + DOWN_100);
	assert_addr(&f.master_ip, ip4(10, 0, 0, 1));
	/* equal priority (">= the local Priority") also resets it, even from a lower address */
	t += SEC;
	assert_int_equal(rx(&f, &p, 100, ip4(10, 0, 0, 1), t), 0);
	assert_int_equal(f.master_down_at, t + DOWN_100);
	assert_int_equal(f.state, VRRP_BACKUP);
	/* the timer never fires while advertisements keep coming */
	for (int i = 0; i < 10; i++) {
		t += SEC;
		rx(&f, &p, 150, ip4(10, 0, 0, 1), t);
	}
	enum vrrp_event ev;
	assert_int_equal(vrrp_fsm_next(&f, &ev), t + DOWN_100);
	assert_int_equal(ev, VRRP_EV_MASTER_DOWN);
	assert_int_equal(f.master_transitions, 0);
}

static void test_backup_preempt_discards_lower(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	start_backup(&f, &p);
	/* a master at priority 50 keeps advertising; with preemption we discard them ... */
	for (uint64_t t = T0 + SEC; t < T0 + DOWN_100; t += SEC) {
		assert_int_equal(rx(&f, &p, 50, ip4(10, 0, 0, 9), t), 0);
		assert_int_equal(f.master_down_at, T0 + DOWN_100);
		assert_true(n2_addr_is_none(&f.master_ip));
	}
	/* ... so the timer set at startup runs out and we take over */
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_MASTER_DOWN, NULL, T0 + DOWN_100),
			 VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER);
	assert_int_equal(f.state, VRRP_MASTER);
}

static void test_backup_no_preempt_accepts_lower(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 0);
	start_backup(&f, &p);
	uint64_t t = T0 + 3 * SEC;
	assert_int_equal(rx(&f, &p, 50, ip4(10, 0, 0, 9), t), 0);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_down_at, t + DOWN_100);
	assert_addr(&f.master_ip, ip4(10, 0, 0, 9));
}

static void test_backup_priority_zero(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	start_backup(&f, &p);
	rx(&f, &p, 150, ip4(10, 0, 0, 1), T0 + SEC);
	/* the master resigns at T0 + 1.5 s: "Set the Master_Down_Timer to Skew_Time" */
	uint64_t t = T0 + SEC + SEC / 2;
	assert_int_equal(rx(&f, &p, 0, ip4(10, 0, 0, 1), t), 0);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_down_at, t + SKEW_100);
	/* the same at priority 200: 218750 us, the ~0.22 s hand-over of the issue */
	p = params(2, 200, 1);
	start_backup(&f, &p);
	assert_int_equal(rx(&f, &p, 0, ip4(10, 0, 0, 1), t), 0);
	assert_int_equal(f.master_down_at, t + SKEW_200);
	/* also without preemption (priority 0 is tested before Preempt_Mode) */
	p = params(2, 200, 0);
	start_backup(&f, &p);
	assert_int_equal(rx(&f, &p, 0, ip4(10, 0, 0, 1), t), 0);
	assert_int_equal(f.master_down_at, t + SKEW_200);
}

static void test_master_higher_priority(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	uint64_t t;
	enum vrrp_event ev;
	start_master(&f, &p, &t);
	t += SEC / 4;
	assert_int_equal(rx(&f, &p, 101, ip4(10, 0, 0, 1), t), VRRP_ACT_RELEASE);
	assert_int_equal(f.state, VRRP_BACKUP);
	/* "Cancel Adver_Timer, Set Master_Down_Timer to Master_Down_Interval" */
	assert_int_equal(f.adver_at, 0);
	assert_int_equal(f.master_down_at, t + DOWN_100);
	assert_addr(&f.master_ip, ip4(10, 0, 0, 1));
	assert_int_equal(f.since, t);
	assert_int_equal(vrrp_fsm_next(&f, &ev), t + DOWN_100);
	assert_int_equal(ev, VRRP_EV_MASTER_DOWN);
}

static void test_master_tie_break(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1); /* 10.0.0.2 */
	uint64_t t;
	/* Equal priority, sender 10.0.1.1 > 10.0.0.2 as numbers: we yield. (Compared as raw
	 * network-order words on a little-endian host, 0x0101000a < 0x0200000a would say the
	 * opposite, so this also checks the byte order of the comparison.) */
	start_master(&f, &p, &t);
	assert_int_equal(rx(&f, &p, 100, ip4(10, 0, 1, 1), t + 1), VRRP_ACT_RELEASE);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_down_at, t + 1 + DOWN_100);

	/* Equal priority, sender 9.0.0.3 < 10.0.0.2: discarded, we stay master with the
	 * adver timer untouched (raw little-endian words would have 0x03000009 > 0x0200000a). */
	start_master(&f, &p, &t);
	uint64_t adver = f.adver_at;
	assert_int_equal(rx(&f, &p, 100, ip4(9, 0, 0, 3), t + 1), 0);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(f.adver_at, adver);
	/* and 10.0.0.1, lower in the last byte */
	assert_int_equal(rx(&f, &p, 100, ip4(10, 0, 0, 1), t + 2), 0);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(f.adver_at, adver);
}

/* The same rule with IPv6 addresses (RFC 9568 6.4.3: the routers' link-local addresses), which
 * are 16-byte values to the machine like any other: compared as unsigned integers. */
static void test_master_tie_break_v6(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(3, 100, 1);
	uint64_t t;
	assert_int_equal(n2_addr_parse("fe80::2", &p.local_ip), 0);
	struct n2_addr higher, lower;
	/* fe80::1:1 > fe80::2: the word before the last decides */
	assert_int_equal(n2_addr_parse("fe80::1:1", &higher), 0);
	assert_int_equal(n2_addr_parse("fe80::1", &lower), 0);
	start_master(&f, &p, &t);
	assert_addr(&f.master_ip, p.local_ip);
	assert_int_equal(rx(&f, &p, 100, lower, t + 1), 0);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(rx(&f, &p, 100, higher, t + 2), VRRP_ACT_RELEASE);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_addr(&f.master_ip, higher);
}

static void test_master_lower_priority(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	uint64_t t;
	start_master(&f, &p, &t);
	uint64_t adver = f.adver_at;
	/* lower priority, even from a higher address: discarded */
	assert_int_equal(rx(&f, &p, 99, ip4(10, 0, 0, 200), t + 1), 0);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(f.adver_at, adver);
	assert_addr(&f.master_ip, p.local_ip);
	assert_int_equal(f.master_transitions, 1);
}

static void test_master_priority_zero(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	uint64_t t;
	start_master(&f, &p, &t);
	/* another master resigns 0.3 s into our interval: "Send an ADVERTISEMENT; Reset the
	 * Adver_Timer to Advertisement_Interval" -> next at now + 1 s, not t + 1 s */
	uint64_t now = t + 300000;
	assert_int_equal(rx(&f, &p, 0, ip4(10, 0, 0, 200), now), VRRP_ACT_SEND_ADV);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(f.adver_at, now + SEC);
}

static void test_shutdown(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	enum vrrp_event ev;
	uint64_t t;
	/* Master: "Cancel the Adver_Timer, Send an ADVERTISEMENT with Priority = 0, Transition
	 * to the Initialize state", and give up the addresses */
	start_master(&f, &p, &t);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_SHUTDOWN, NULL, t + 5),
			 VRRP_ACT_SEND_ADV_ZERO | VRRP_ACT_RELEASE);
	assert_int_equal(f.state, VRRP_INIT);
	assert_int_equal(f.adver_at, 0);
	assert_int_equal(f.master_down_at, 0);
	assert_int_equal(f.since, t + 5);
	assert_int_equal(vrrp_fsm_next(&f, &ev), 0);
	/* Backup: "Cancel the Master_Down_Timer, Transition to the Initialize state" */
	start_backup(&f, &p);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_SHUTDOWN, NULL, T0 + 7), 0);
	assert_int_equal(f.state, VRRP_INIT);
	assert_int_equal(f.master_down_at, 0);
	assert_int_equal(f.adver_at, 0);
	assert_int_equal(vrrp_fsm_next(&f, &ev), 0);
	/* and it can start again */
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_STARTUP, NULL, T0 + 9), 0);
	assert_int_equal(f.master_down_at, T0 + 9 + DOWN_100);
}

static void test_adver_timer(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	enum vrrp_event ev;
	uint64_t t;
	start_master(&f, &p, &t);
	uint64_t d = t + SEC;
	assert_int_equal(f.adver_at, d);
	/* on time: SEND_ADV, next one interval after the deadline */
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADVER, NULL, d), VRRP_ACT_SEND_ADV);
	assert_int_equal(f.adver_at, d + SEC);
	assert_int_equal(vrrp_fsm_next(&f, &ev), d + SEC);
	assert_int_equal(ev, VRRP_EV_ADVER);
	d += SEC;
	/* 0.2 s late: still on the 1 s grid, the next one is at d + 1 s (later than now) */
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADVER, NULL, d + 200000),
			 VRRP_ACT_SEND_ADV);
	assert_int_equal(f.adver_at, d + SEC);
	d += SEC;
	/* 2.5 intervals late (the loop stalled): one advertisement, and the next a full interval
	 * from now, not three overdue deadlines in a row */
	uint64_t now = d + 2 * SEC + SEC / 2;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADVER, NULL, now), VRRP_ACT_SEND_ADV);
	assert_int_equal(f.adver_at, now + SEC);
	/* exactly one interval late: d + 1 s would be due at once, so now + 1 s */
	d = f.adver_at;
	now = d + SEC;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADVER, NULL, now), VRRP_ACT_SEND_ADV);
	assert_int_equal(f.adver_at, now + SEC);
	assert_int_equal(f.state, VRRP_MASTER);
}

/* Events that mean nothing in a state leave the machine exactly as it was. */
static void expect_ignored(struct vrrp_fsm *f, const struct vrrp_fsm_params *p, enum vrrp_event ev,
			   const struct vrrp_fsm_adv *a, uint64_t now)
{
	struct vrrp_fsm before;
	memcpy(&before, f, sizeof(before)); /* bytewise, padding included, for the memcmp */
	assert_int_equal(vrrp_fsm_event(f, p, ev, a, now), 0);
	assert_memory_equal(f, &before, sizeof(before));
}

static void test_events_that_do_not_apply(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1), owner = params(2, 255, 1);
	struct vrrp_fsm_adv hi = adv(200, ip4(10, 0, 0, 1), 100),
			    zero = adv(0, ip4(10, 0, 0, 1), 100);
	uint64_t t;

	vrrp_fsm_init(&f);
	expect_ignored(&f, &p, VRRP_EV_SHUTDOWN, NULL, T0);
	expect_ignored(&f, &p, VRRP_EV_MASTER_DOWN, NULL, T0);
	expect_ignored(&f, &p, VRRP_EV_ADVER, NULL, T0);
	expect_ignored(&f, &p, VRRP_EV_ADV_RCVD, &hi, T0);
	expect_ignored(&f, &p, VRRP_EV_ADV_RCVD, &zero, T0);
	expect_ignored(&f, &owner, VRRP_EV_PRIORITY, NULL, T0); /* even becoming owner */
	expect_ignored(&f, &p, VRRP_EV_INTERVAL, NULL, T0);

	start_backup(&f, &p);
	expect_ignored(&f, &p, VRRP_EV_STARTUP, NULL, T0 + 1);
	expect_ignored(&f, &p, VRRP_EV_ADVER, NULL, T0 + 1);
	expect_ignored(&f, &p, VRRP_EV_ADV_RCVD, NULL, T0 + 1); /* no advertisement given */

	start_master(&f, &p, &t);
	expect_ignored(&f, &p, VRRP_EV_STARTUP, NULL, t + 1);
	expect_ignored(&f, &p, VRRP_EV_MASTER_DOWN, NULL, t + 1);
	expect_ignored(&f, &p, VRRP_EV_PRIORITY, NULL, t + 1);
	expect_ignored(&f, &p, VRRP_EV_ADV_RCVD, NULL, t + 1);
	expect_ignored(&f, &p, VRRP_EV_COUNT, NULL, t + 1);
	expect_ignored(&f, &p, (enum vrrp_event)99, NULL, t + 1);
}

static void test_v3_learns_master_interval(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(3, 100, 1); /* we are configured with 100 cs */
	start_backup(&f, &p);
	/* v3 startup: Master_Adver_Interval = our Advertisement_Interval -> 3609375 us as v2 */
	assert_int_equal(f.master_adv_cs, 100);
	assert_int_equal(f.master_down_at, T0 + DOWN_100);
	/* the master advertises every 200 cs. Master_Down_Interval = 3 * 2 s + skew, skew =
	 * (256 - 100) * 2 s / 256 = 156 * 7812.5 us = 1218750 us -> 7218750 us */
	uint64_t t = T0 + SEC;
	struct vrrp_fsm_adv a = adv(150, ip4(10, 0, 0, 1), 200);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, t), 0);
	assert_int_equal(f.master_adv_cs, 200);
	assert_int_equal(f.master_down_at, t + 7218750);
	/* when it resigns, we wait its Skew_Time: 1218750 us (v2 would wait 609375) */
	t += SEC;
	a = adv(0, ip4(10, 0, 0, 1), 200);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, t), 0);
	assert_int_equal(f.master_down_at, t + 1218750);
	/* as master we advertise at our own interval, not the learned one */
	t = f.master_down_at;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_MASTER_DOWN, NULL, t),
			 VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER);
	assert_int_equal(f.adver_at, t + SEC);

	/* A discarded advertisement (preempt, lower priority) teaches nothing. */
	start_backup(&f, &p);
	a = adv(50, ip4(10, 0, 0, 9), 200);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, T0 + 1), 0);
	assert_int_equal(f.master_adv_cs, 100);
	assert_int_equal(f.master_down_at, T0 + DOWN_100);
}

static void test_v3_master_learns_on_yield(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(3, 128, 1);
	uint64_t t;
	start_master(&f, &p, &t);
	/* a higher priority master advertising every 50 cs: "Set Master_Adver_Interval to Adver
	 * Interval contained in the ADVERTISEMENT, Recompute the Skew_Time, Recompute the
	 * Master_Down_Interval": skew = (256 - 128) * 0.5 s / 256 = 250000 us;
	 * down = 3 * 0.5 s + 0.25 s = 1750000 us */
	struct vrrp_fsm_adv a = adv(200, ip4(10, 0, 0, 1), 50);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, t + 7), VRRP_ACT_RELEASE);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_adv_cs, 50);
	assert_int_equal(f.master_down_at, t + 7 + 1750000);
}

/* Preempt delay: for preempt_delay_us after Startup a lower-priority master's advertisements
 * are taken (the timer is reset, its interval learned), as with Preempt_Mode False; once the
 * delay is over they are discarded and our Master_Down_Timer preempts it. */
static void test_preempt_delay(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(3, 200, 1);
	p.preempt_delay_us = 10 * SEC;
	start_backup(&f, &p);
	assert_int_equal(f.started, T0);
	/* 1 s in, priority 100 at 200 cs: taken. Master_Down_Interval = 3 * 2 s + skew,
	 * skew = (256 - 200) * 2 s / 256 = 437500 us -> 6437500 us */
	uint64_t t = T0 + SEC;
	struct vrrp_fsm_adv a = adv(100, ip4(10, 0, 0, 1), 200);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, t), 0);
	assert_int_equal(f.master_down_at, t + 6437500);
	assert_int_equal(f.master_adv_cs, 200);
	assert_addr(&f.master_ip, ip4(10, 0, 0, 1));
	/* the last microsecond of the delay: still taken */
	t = T0 + 10 * SEC - 1;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, t), 0);
	assert_int_equal(f.master_down_at, t + 6437500);
	/* the delay is over: discarded, the timer keeps its deadline and preempts */
	uint64_t down = f.master_down_at;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, T0 + 10 * SEC), 0);
	assert_int_equal(f.master_down_at, down);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_MASTER_DOWN, NULL, down),
			 VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER);
	assert_int_equal(f.state, VRRP_MASTER);
	/* the delay runs from the last Startup: after Shutdown and Startup it applies again */
	vrrp_fsm_event(&f, &p, VRRP_EV_SHUTDOWN, NULL, down + 1);
	vrrp_fsm_event(&f, &p, VRRP_EV_STARTUP, NULL, down + 2);
	assert_int_equal(f.started, down + 2);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, down + 3), 0);
	assert_int_equal(f.master_down_at, down + 3 + 6437500);
}

/* The preempt delay does not hold back the Master_Down_Timer: a silent master is replaced
 * on time, during the delay too; and a delay of 0 is plain preemption. */
static void test_preempt_delay_master_down(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 200, 1);
	p.preempt_delay_us = 60 * SEC;
	start_backup(&f, &p);
	assert_int_equal(f.master_down_at, T0 + DOWN_200);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_MASTER_DOWN, NULL, T0 + DOWN_200),
			 VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER);
	p.preempt_delay_us = 0;
	start_backup(&f, &p);
	assert_int_equal(rx(&f, &p, 100, ip4(10, 0, 0, 1), T0 + 1), 0);
	assert_int_equal(f.master_down_at, T0 + DOWN_200); /* discarded at once */
}

/* RFC 9568 6.4 at the smallest interval, 1 cs (10 ms), in microseconds: priority 100:
 * skew = 156 * 10000 / 256 = 6093.75 -> 6093 us, down = 30000 + 6093 = 36093 us; priority
 * 200: skew = 56 * 10000 / 256 = 2187.5 -> 2187 us, down = 32187 us. */
static void test_v3_10ms(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(3, 100, 1);
	p.adv_interval_cs = 1;
	assert_int_equal(vrrp_skew_us(&p, 1), 6093);
	assert_int_equal(vrrp_master_down_us(&p, 1), 36093);
	p.priority = 200;
	assert_int_equal(vrrp_skew_us(&p, 1), 2187);
	assert_int_equal(vrrp_master_down_us(&p, 1), 32187);
	/* as Backup: down at startup, reset by each advertisement, skew after a priority 0 */
	p.priority = 100;
	start_backup(&f, &p);
	assert_int_equal(f.master_down_at, T0 + 36093);
	struct vrrp_fsm_adv a = adv(150, ip4(10, 0, 0, 1), 1);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, T0 + 10000), 0);
	assert_int_equal(f.master_down_at, T0 + 10000 + 36093);
	a.priority = 0;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, T0 + 20000), 0);
	assert_int_equal(f.master_down_at, T0 + 20000 + 6093);
	/* as Master: an advertisement every 10000 us */
	uint64_t t = f.master_down_at;
	vrrp_fsm_event(&f, &p, VRRP_EV_MASTER_DOWN, NULL, t);
	assert_int_equal(f.adver_at, t + 10000);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADVER, NULL, t + 10000), VRRP_ACT_SEND_ADV);
	assert_int_equal(f.adver_at, t + 20000);
}

/* A v3 Backup configured at 1 s adopts a master's 10 ms (RFC 9568 6.4.2) and so detects its
 * silence in 36093 us, not 3.6 s. */
static void test_v3_backup_adopts_fast_master(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(3, 100, 1);
	start_backup(&f, &p);
	struct vrrp_fsm_adv a = adv(200, ip4(10, 0, 0, 1), 1);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, T0 + 5), 0);
	assert_int_equal(f.master_adv_cs, 1);
	assert_int_equal(f.master_down_at, T0 + 5 + 36093);
}

static void test_v2_does_not_learn_interval(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	start_backup(&f, &p);
	/* RFC 3768 has no Master_Adver_Interval: the configured 1 s is used whatever the
	 * advertisement says (a mismatch is dropped before the state machine) */
	struct vrrp_fsm_adv a = adv(150, ip4(10, 0, 0, 1), 200);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, T0 + SEC), 0);
	assert_int_equal(f.master_down_at, T0 + SEC + DOWN_100);
	uint64_t t;
	start_master(&f, &p, &t);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, t + 1), VRRP_ACT_RELEASE);
	assert_int_equal(f.master_down_at, t + 1 + DOWN_100);
}

static void test_backup_priority_change(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	start_backup(&f, &p);
	/* an ordinary change does nothing at once; the next reset uses the new skew */
	p.priority = 200;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_PRIORITY, NULL, T0 + 1), 0);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_down_at, T0 + DOWN_100);
	assert_int_equal(rx(&f, &p, 220, ip4(10, 0, 0, 1), T0 + SEC), 0);
	assert_int_equal(f.master_down_at, T0 + SEC + DOWN_200);
	/* 254 is not ownership */
	p.priority = 254;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_PRIORITY, NULL, T0 + SEC + 1), 0);
	assert_int_equal(f.state, VRRP_BACKUP);
	/* becoming the address owner (priority 255) makes it master at once */
	p.priority = 255;
	uint64_t t = T0 + 2 * SEC;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_PRIORITY, NULL, t),
			 VRRP_ACT_SEND_ADV | VRRP_ACT_TAKE_OVER);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(f.master_down_at, 0);
	assert_int_equal(f.adver_at, t + SEC);
	assert_int_equal(f.master_transitions, 1);
}

/* The configured interval changes on a running group (`timers advertise` on both routers). */
static void test_v2_backup_interval_change(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	start_backup(&f, &p);
	assert_int_equal(rx(&f, &p, 200, ip4(10, 0, 0, 1), T0 + SEC), 0);
	/* 1 s -> 5 s: the master now advertises every 5 s, so the old 3.609375 s timer would
	 * expire between two of its advertisements. Master_Down_Interval = 3 * 5 s + 0.609375 s
	 * from the change on. */
	p.adv_interval_cs = 500;
	uint64_t t = T0 + 2 * SEC;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_INTERVAL, NULL, t), 0);
	assert_int_equal(f.state, VRRP_BACKUP);
	assert_int_equal(f.master_adv_cs, 500);
	assert_int_equal(f.master_down_at, t + 15 * SEC + SKEW_100);
	/* and each advertisement resets it with the new interval */
	struct vrrp_fsm_adv a = adv(200, ip4(10, 0, 0, 1), 500);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, t + 5 * SEC), 0);
	assert_int_equal(f.master_down_at, t + 5 * SEC + 15 * SEC + SKEW_100);
}

static void test_v3_backup_interval_change(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(3, 100, 1);
	/* no master heard yet: our own interval, from 1 s to 100 ms, times out from now: 3 *
	 * 100 ms + 156 * 100 ms / 256 = 300 ms + 60.9375 ms = 360937 us (not 3.6 s after T0) */
	start_backup(&f, &p);
	p.adv_interval_cs = 10;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_INTERVAL, NULL, T0 + 1000), 0);
	assert_int_equal(f.master_adv_cs, 10);
	assert_int_equal(f.master_down_at, T0 + 1000 + 360937);
	/* a master heard: Master_Adver_Interval is the master's (RFC 9568 6.4.2), whatever ours */
	struct vrrp_fsm_adv a = adv(200, ip4(10, 0, 0, 1), 50);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADV_RCVD, &a, T0 + 2000), 0);
	uint64_t down = f.master_down_at;
	p.adv_interval_cs = 20;
	expect_ignored(&f, &p, VRRP_EV_INTERVAL, NULL, T0 + 3000);
	assert_int_equal(f.master_adv_cs, 50);
	assert_int_equal(f.master_down_at, down);
}

static void test_master_interval_change(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(3, 100, 1);
	uint64_t t;
	start_master(&f, &p, &t);
	assert_int_equal(f.adver_at, t + SEC);
	/* 1 s -> 100 ms: the next advertisement 100 ms after the change, not at the old deadline */
	p.adv_interval_cs = 10;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_INTERVAL, NULL, t + 1000), 0);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(f.adver_at, t + 1000 + 100000);
	assert_int_equal(f.master_adv_cs, 10);
	/* 100 ms -> 1 s: the advertisement already due goes out; the ones after at 1 s */
	p.adv_interval_cs = 100;
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_INTERVAL, NULL, t + 2000), 0);
	assert_int_equal(f.adver_at, t + 1000 + 100000);
	assert_int_equal(vrrp_fsm_event(&f, &p, VRRP_EV_ADVER, NULL, f.adver_at),
			 VRRP_ACT_SEND_ADV);
	assert_int_equal(f.adver_at, t + 1000 + 100000 + SEC);
}

static void test_master_transitions(void **state)
{
	(void)state;
	struct vrrp_fsm f;
	struct vrrp_fsm_params p = params(2, 100, 1);
	uint64_t t;
	start_master(&f, &p, &t); /* 1 */
	assert_int_equal(f.master_transitions, 1);
	/* staying master (adver timer, discarded adverts) does not count */
	vrrp_fsm_event(&f, &p, VRRP_EV_ADVER, NULL, f.adver_at);
	rx(&f, &p, 50, ip4(10, 0, 0, 9), t + 2);
	assert_int_equal(f.master_transitions, 1);
	/* yield, and take over again when the other one falls silent: 2 */
	rx(&f, &p, 200, ip4(10, 0, 0, 1), t + 3);
	assert_int_equal(f.master_transitions, 1);
	vrrp_fsm_event(&f, &p, VRRP_EV_MASTER_DOWN, NULL, f.master_down_at);
	assert_int_equal(f.master_transitions, 2);
	/* shutdown and restart as owner: 3 */
	vrrp_fsm_event(&f, &p, VRRP_EV_SHUTDOWN, NULL, t + 10 * SEC);
	assert_int_equal(f.master_transitions, 2);
	p.priority = 255;
	vrrp_fsm_event(&f, &p, VRRP_EV_STARTUP, NULL, t + 11 * SEC);
	assert_int_equal(f.state, VRRP_MASTER);
	assert_int_equal(f.master_transitions, 3);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(vrrp_state_name(VRRP_INIT), "Initialize");
	assert_string_equal(vrrp_state_name(VRRP_BACKUP), "Backup");
	assert_string_equal(vrrp_state_name(VRRP_MASTER), "Master");
	assert_string_equal(vrrp_state_name(VRRP_STATE_COUNT), "?");
	for (int e = 0; e < VRRP_EV_COUNT; e++) {
		assert_non_null(vrrp_event_name((enum vrrp_event)e));
		assert_string_not_equal(vrrp_event_name((enum vrrp_event)e), "?");
	}
	assert_string_equal(vrrp_event_name(VRRP_EV_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formulas),
		cmocka_unit_test(test_init_to_backup),
		cmocka_unit_test(test_init_owner_to_master),
		cmocka_unit_test(test_backup_master_down),
		cmocka_unit_test(test_backup_adv_resets_timer),
		cmocka_unit_test(test_backup_preempt_discards_lower),
		cmocka_unit_test(test_backup_no_preempt_accepts_lower),
		cmocka_unit_test(test_backup_priority_zero),
		cmocka_unit_test(test_master_higher_priority),
		cmocka_unit_test(test_master_tie_break),
		cmocka_unit_test(test_master_tie_break_v6),
		cmocka_unit_test(test_master_lower_priority),
		cmocka_unit_test(test_master_priority_zero),
		cmocka_unit_test(test_shutdown),
		cmocka_unit_test(test_adver_timer),
		cmocka_unit_test(test_events_that_do_not_apply),
		cmocka_unit_test(test_v3_learns_master_interval),
		cmocka_unit_test(test_v3_master_learns_on_yield),
		cmocka_unit_test(test_v2_does_not_learn_interval),
		cmocka_unit_test(test_preempt_delay),
		cmocka_unit_test(test_preempt_delay_master_down),
		cmocka_unit_test(test_v3_10ms),
		cmocka_unit_test(test_v3_backup_adopts_fast_master),
		cmocka_unit_test(test_backup_priority_change),
		cmocka_unit_test(test_v2_backup_interval_change),
		cmocka_unit_test(test_v3_backup_interval_change),
		cmocka_unit_test(test_master_interval_change),
		cmocka_unit_test(test_master_transitions),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
