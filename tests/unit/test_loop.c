/* Unit tests for the event loop (lib/loop.c) on a real epoll/timerfd/signalfd: timer order,
 * cancellation (also from inside callbacks), periodic timers, handle clearing, fd callbacks and
 * signal delivery. Absence ("never fired") is checked with a later marker timer: timers fire in
 * expiry order, so once the marker has fired an earlier timer would have fired too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "loop.h"
#include "testutil.h"

#define DEADLINE_MS 5000

struct rec {
	int order[16];
	int n;
};

struct tstate {
	struct rec *rec;
	int id;
	struct n2_timer *t;           /* this timer's handle */
	int handle_was_null;          /* the handle was already cleared when the callback ran */
	struct n2_timer **victims[4]; /* handles to cancel from the callback */
	int nvictims;
	int fired;
};

static void on_timer(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct tstate *s = arg;
	s->fired++;
	s->handle_was_null = s->t == NULL;
	if (s->rec && s->rec->n < 16)
		s->rec->order[s->rec->n++] = s->id;
	for (int i = 0; i < s->nvictims; i++)
		n2_timer_cancel(s->victims[i]);
}

static int setup(void **state)
{
	struct n2_loop *loop = n2_loop_new();
	if (!loop)
		return -1;
	*state = loop;
	return 0;
}

static int teardown(void **state)
{
	n2_loop_free(*state);
	return 0;
}

static void test_oneshot_order(void **state)
{
	struct n2_loop *loop = *state;
	struct rec rec = {0};
	/* ids are the expected firing order; delays are given out of order */
	static const unsigned delay_ms[] = {0, 5, 10, 20, 30};
	static const int add_order[] = {3, 0, 4, 2, 1};
	struct tstate s[5];
	memset(s, 0, sizeof(s));
	uint64_t start = n2_now_us();
	for (int k = 0; k < 5; k++) {
		int i = add_order[k];
		s[i].rec = &rec;
		s[i].id = i;
		n2_timer_add(loop, &s[i].t, delay_ms[i] * 1000u, on_timer, &s[i]);
		assert_non_null(s[i].t);
	}
	assert_int_equal(n2_loop_timer_count(loop), 5);
	assert_true(TU_RUN_UNTIL(loop, rec.n == 5, DEADLINE_MS));
	for (int i = 0; i < 5; i++) {
		assert_int_equal(rec.order[i], i);
		assert_int_equal(s[i].fired, 1);
		assert_null(s[i].t);               /* cleared when it fired ... */
		assert_true(s[i].handle_was_null); /* ... before its callback ran */
	}
	/* none fired early: the last is due 30 ms after the first was added */
	assert_true(n2_now_us() - start >= 30000);
	assert_int_equal(n2_loop_timer_count(loop), 0);
}

static void test_earlier_timer_rearms(void **state)
{
	struct n2_loop *loop = *state;
	struct tstate late = {0}, soon = {0};
	/* The timerfd is armed for the late timer; adding an earlier one must re-arm it. The wait
	 * is bounded by epoll timeouts here, not by an n2 timer, since timers are under test. */
	n2_timer_add(loop, &late.t, 30000000, on_timer, &late);
	n2_timer_add(loop, &soon.t, 5000, on_timer, &soon);
	uint64_t t0 = n2_now_us();
	while (!soon.fired && n2_now_us() - t0 < 2000000)
		n2_loop_once(loop, 50000);
	assert_int_equal(soon.fired, 1);
	assert_int_equal(late.fired, 0);
	assert_true(n2_now_us() - t0 < 1000000);
	n2_timer_cancel(&late.t);
}

static void test_remaining(void **state)
{
	struct n2_loop *loop = *state;
	struct tstate s = {0};
	n2_timer_add(loop, &s.t, 500000, on_timer, &s);
	uint64_t r = n2_timer_remaining(s.t);
	assert_true(r > 0 && r <= 500000);
	/* re-adding through the same handle replaces the timer rather than adding a second one */
	n2_timer_add(loop, &s.t, 1000, on_timer, &s);
	assert_int_equal(n2_loop_timer_count(loop), 1);
	assert_true(n2_timer_remaining(s.t) <= 1000);
	assert_true(TU_RUN_UNTIL(loop, s.fired, DEADLINE_MS));
	assert_int_equal(s.fired, 1);
	assert_int_equal(n2_loop_timer_count(loop), 0);
}

static void test_cancel_before_firing(void **state)
{
	struct n2_loop *loop = *state;
	struct tstate victim = {0}, marker = {0};
	/* the victim is the heap's head, so the timerfd is armed for it when it is cancelled */
	n2_timer_add(loop, &victim.t, 5000, on_timer, &victim);
	n2_timer_add(loop, &marker.t, 40000, on_timer, &marker);
	assert_int_equal(n2_loop_timer_count(loop), 2);
	n2_timer_cancel(&victim.t);
	assert_null(victim.t);
	assert_int_equal(n2_loop_timer_count(loop), 1);
	n2_timer_cancel(&victim.t); /* twice is harmless */
	n2_timer_cancel(NULL);
	assert_true(TU_RUN_UNTIL(loop, marker.fired, DEADLINE_MS));
	assert_int_equal(victim.fired, 0);
}

static void test_cancel_from_callback(void **state)
{
	struct n2_loop *loop = *state;
	struct rec rec = {0};
	struct tstate a = {.rec = &rec, .id = 1}, b = {.rec = &rec, .id = 2},
		      c = {.rec = &rec, .id = 3}, marker = {.rec = &rec, .id = 4};
	/* b is due together with a (same round of the timer heap), c later: a cancels both */
	a.victims[a.nvictims++] = &b.t;
	a.victims[a.nvictims++] = &c.t;
	n2_timer_add(loop, &a.t, 2000, on_timer, &a);
	n2_timer_add(loop, &b.t, 2000, on_timer, &b);
	n2_timer_add(loop, &c.t, 20000, on_timer, &c);
	n2_timer_add(loop, &marker.t, 60000, on_timer, &marker);
	assert_true(TU_RUN_UNTIL(loop, marker.fired, DEADLINE_MS));
	assert_int_equal(a.fired, 1);
	assert_int_equal(b.fired, 0);
	assert_int_equal(c.fired, 0);
	assert_null(b.t);
	assert_null(c.t);
	assert_int_equal(rec.n, 2);
	assert_int_equal(rec.order[0], 1);
	assert_int_equal(rec.order[1], 4);
	assert_int_equal(n2_loop_timer_count(loop), 0);
}

struct periodic {
	struct n2_timer *t;
	uint64_t start, interval;
	int fired, stop_at, early;
	int handle_kept;
};

static void on_periodic(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct periodic *p = arg;
	p->fired++;
	/* tick k is due at start + k * interval; it may be late, never early */
	if (n2_now_us() < p->start + (uint64_t)p->fired * p->interval)
		p->early++;
	if (p->t)
		p->handle_kept++;
	if (p->fired == p->stop_at)
		n2_timer_cancel(&p->t); /* a periodic timer cancelling itself */
}

static void test_periodic(void **state)
{
	struct n2_loop *loop = *state;
	struct periodic p = {.interval = 3000, .stop_at = 5};
	struct tstate marker = {0};
	p.start = n2_now_us();
	n2_timer_add_periodic(loop, &p.t, p.interval, on_periodic, &p);
	assert_true(TU_RUN_UNTIL(loop, p.fired >= 5, DEADLINE_MS));
	assert_null(p.t);
	assert_int_equal(p.handle_kept, 5); /* periodic handles stay valid while firing */
	assert_int_equal(p.early, 0);
	/* after cancel: a marker ten intervals later fires, the periodic timer does not */
	n2_timer_add(loop, &marker.t, 10 * p.interval, on_timer, &marker);
	assert_true(TU_RUN_UNTIL(loop, marker.fired, DEADLINE_MS));
	assert_int_equal(p.fired, 5);

	/* cancelled from outside, between ticks */
	struct periodic q = {.interval = 2000, .stop_at = -1};
	q.start = n2_now_us();
	n2_timer_add_periodic(loop, &q.t, q.interval, on_periodic, &q);
	assert_true(TU_RUN_UNTIL(loop, q.fired >= 3, DEADLINE_MS));
	n2_timer_cancel(&q.t);
	assert_null(q.t);
	int seen = q.fired;
	marker.fired = 0;
	n2_timer_add(loop, &marker.t, 10 * q.interval, on_timer, &marker);
	assert_true(TU_RUN_UNTIL(loop, marker.fired, DEADLINE_MS));
	assert_int_equal(q.fired, seen);
	assert_int_equal(q.early, 0);
	assert_int_equal(n2_loop_timer_count(loop), 0);
}

struct fdstate {
	int fd, calls;
	unsigned events;
	char buf[64];
	ssize_t got;
	struct n2_loop *loop;
	int *other_fd; /* fd to remove from the loop when called */
};

static void on_fd(struct n2_loop *loop, int fd, unsigned ev, void *arg)
{
	struct fdstate *s = arg;
	s->calls++;
	s->events = ev;
	assert_int_equal(fd, s->fd);
	if (ev & N2_READ)
		s->got = read(fd, s->buf, sizeof(s->buf));
	if (s->other_fd)
		n2_fd_del(loop, *s->other_fd);
}

static void test_fd_callbacks(void **state)
{
	struct n2_loop *loop = *state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
	struct fdstate s = {.fd = sv[0]};
	assert_int_equal(n2_fd_add(loop, sv[0], N2_READ, on_fd, &s), 0);
	assert_int_equal(n2_loop_once(loop, 0), 0); /* nothing to read yet */
	assert_int_equal(s.calls, 0);

	assert_int_equal(write(sv[1], "hello", 5), 5);
	assert_true(TU_RUN_UNTIL(loop, s.calls > 0, DEADLINE_MS));
	assert_true(s.events & N2_READ);
	assert_false(s.events & N2_WRITE);
	assert_int_equal(s.got, 5);
	assert_memory_equal(s.buf, "hello", 5);

	/* write interest is reported at once on an idle socket, and goes away with fd_mod */
	s.calls = 0;
	assert_int_equal(n2_fd_mod(loop, sv[0], N2_READ | N2_WRITE), 0);
	assert_true(TU_RUN_UNTIL(loop, s.calls > 0, DEADLINE_MS));
	assert_true(s.events & N2_WRITE);
	assert_int_equal(n2_fd_mod(loop, sv[0], N2_READ), 0);
	s.calls = 0;
	assert_int_equal(n2_loop_once(loop, 0), 0);
	assert_int_equal(s.calls, 0);

	/* hang-up is reported as readable, and read returns end of file */
	close(sv[1]);
	assert_true(TU_RUN_UNTIL(loop, s.calls > 0, DEADLINE_MS));
	assert_true(s.events & N2_READ);
	assert_int_equal(s.got, 0);

	/* after fd_del no callback, though the fd is still at end of file */
	n2_fd_del(loop, sv[0]);
	s.calls = 0;
	assert_int_equal(n2_loop_once(loop, 0), 0);
	assert_int_equal(s.calls, 0);
	assert_int_equal(n2_fd_mod(loop, sv[0], N2_READ), -1);
	close(sv[0]);
}

static void test_fd_removed_in_same_batch(void **state)
{
	struct n2_loop *loop = *state;
	int a[2], b[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b), 0);
	/* both readable in the same epoll batch; whichever runs first removes the other */
	struct fdstate sa = {.fd = a[0], .other_fd = &b[0]};
	struct fdstate sb = {.fd = b[0], .other_fd = &a[0]};
	assert_int_equal(n2_fd_add(loop, a[0], N2_READ, on_fd, &sa), 0);
	assert_int_equal(n2_fd_add(loop, b[0], N2_READ, on_fd, &sb), 0);
	assert_int_equal(write(a[1], "x", 1), 1);
	assert_int_equal(write(b[1], "y", 1), 1);
	assert_int_equal(n2_loop_once(loop, 1000000), 2); /* epoll reported both */
	assert_int_equal(sa.calls + sb.calls, 1);
	n2_fd_del(loop, a[0]);
	n2_fd_del(loop, b[0]);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
}

struct sigstate {
	int count[65];
	int last;
};

static void on_signal(struct n2_loop *loop, int signo, void *arg)
{
	(void)loop;
	struct sigstate *s = arg;
	s->count[signo]++;
	s->last = signo;
}

static void test_signals(void **state)
{
	struct n2_loop *loop = *state;
	struct sigstate s = {0};
	assert_int_equal(n2_signal_add(loop, SIGUSR1, on_signal, &s), 0);
	assert_int_equal(raise(SIGUSR1), 0); /* blocked: delivered through the loop, not fatal */
	assert_true(TU_RUN_UNTIL(loop, s.count[SIGUSR1] == 1, DEADLINE_MS));
	assert_int_equal(s.last, SIGUSR1);

	/* a second signal shares the signalfd; both are delivered to their callbacks */
	assert_int_equal(n2_signal_add(loop, SIGUSR2, on_signal, &s), 0);
	assert_int_equal(raise(SIGUSR2), 0);
	assert_int_equal(raise(SIGUSR1), 0);
	assert_true(
		TU_RUN_UNTIL(loop, s.count[SIGUSR1] == 2 && s.count[SIGUSR2] == 1, DEADLINE_MS));
	assert_int_equal(n2_signal_add(loop, 0, on_signal, &s), -1);
	assert_int_equal(n2_signal_add(loop, 65, on_signal, &s), -1);
}

int main(void)
{
	tu_log_init("test_loop");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_oneshot_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_earlier_timer_rearms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remaining, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_before_firing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_from_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_periodic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fd_callbacks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fd_removed_in_same_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signals, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
