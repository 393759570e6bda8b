/* Unit tests for the timer min-heap (lib/timerheap.c): ordering, ties, removal anywhere, and
 * pop_due's respect of `now`. The heap never reads a clock, so all times here are made up. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include "timerheap.h"

#define MANY 5000

/* Checks the heap invariants directly: every node knows its index and no child is earlier than
 * its parent (expiry first, then insertion order). */
static void check_heap(const struct n2_theap *h)
{
	for (size_t i = 0; i < h->len; i++) {
		const struct n2_theap_node *n = h->v[i];
		assert_int_equal(n->index, i);
		if (i == 0)
			continue;
		const struct n2_theap_node *p = h->v[(i - 1) / 2];
		assert_true(p->expiry < n->expiry ||
			    (p->expiry == n->expiry && p->order < n->order));
	}
}

/* Pops everything and checks the sequence is sorted by (expiry, insertion order). */
static size_t drain_sorted(struct n2_theap *h)
{
	struct n2_theap_node *n, *prev = NULL;
	size_t count = 0;
	while ((n = n2_theap_pop_due(h, UINT64_MAX))) {
		assert_false(n2_theap_queued(n));
		if (prev) {
			assert_true(prev->expiry <= n->expiry);
			if (prev->expiry == n->expiry)
				assert_true(prev->order < n->order);
		}
		prev = n;
		count++;
	}
	assert_int_equal(h->len, 0);
	return count;
}

static void test_random_order(void **state)
{
	(void)state;
	static struct n2_theap_node nodes[MANY];
	struct n2_theap h;
	n2_theap_init(&h);
	srand(12345);
	/* A small range makes many equal expiries, so ties are exercised as well. */
	for (int i = 0; i < MANY; i++) {
		nodes[i].expiry = (uint64_t)(rand() % 1000);
		assert_int_equal(n2_theap_push(&h, &nodes[i]), 0);
		assert_true(n2_theap_queued(&nodes[i]));
	}
	check_heap(&h);
	assert_int_equal(drain_sorted(&h), MANY);
	n2_theap_fini(&h);
}

static void test_equal_expiries_fifo(void **state)
{
	(void)state;
	struct n2_theap_node nodes[200];
	struct n2_theap h;
	n2_theap_init(&h);
	for (int i = 0; i < 200; i++) {
		nodes[i].expiry = 42;
		n2_theap_push(&h, &nodes[i]);
	}
	for (int i = 0; i < 200; i++)
		assert_ptr_equal(n2_theap_pop_due(&h, 42), &nodes[i]);
	assert_null(n2_theap_peek(&h));

	/* Ties broken by insertion order even when pushed between earlier and later expiries. */
	struct n2_theap_node a = {.expiry = 5}, b = {.expiry = 1}, c = {.expiry = 5},
			     d = {.expiry = 9}, e = {.expiry = 5};
	n2_theap_push(&h, &a);
	n2_theap_push(&h, &d);
	n2_theap_push(&h, &c);
	n2_theap_push(&h, &b);
	n2_theap_push(&h, &e);
	struct n2_theap_node *want[] = {&b, &a, &c, &e, &d};
	for (int i = 0; i < 5; i++)
		assert_ptr_equal(n2_theap_pop_due(&h, UINT64_MAX), want[i]);
	n2_theap_fini(&h);
}

static void test_remove_keeps_order(void **state)
{
	(void)state;
	static struct n2_theap_node nodes[MANY];
	struct n2_theap h;
	n2_theap_init(&h);
	srand(777);
	for (int i = 0; i < MANY; i++) {
		nodes[i].expiry = (uint64_t)(rand() % 100000);
		n2_theap_push(&h, &nodes[i]);
	}
	size_t removed = 0;
	/* head */
	struct n2_theap_node *head = n2_theap_peek(&h);
	n2_theap_remove(&h, head);
	assert_false(n2_theap_queued(head));
	removed++;
	check_heap(&h);
	/* tail (the last array slot: the no-move path) */
	struct n2_theap_node *tail = h.v[h.len - 1];
	n2_theap_remove(&h, tail);
	assert_false(n2_theap_queued(tail));
	removed++;
	check_heap(&h);
	/* the middle of the array, and random nodes, checking the invariant each time */
	n2_theap_remove(&h, h.v[h.len / 2]);
	removed++;
	check_heap(&h);
	for (int k = 0; k < 1000; k++) {
		struct n2_theap_node *n = &nodes[rand() % MANY];
		size_t before = h.len;
		n2_theap_remove(&h, n); /* removing a node twice is a no-op */
		if (h.len != before)
			removed++;
		assert_false(n2_theap_queued(n));
		if (k % 100 == 0)
			check_heap(&h);
	}
	check_heap(&h);
	/* removing something that was never queued changes nothing */
	struct n2_theap_node stray = {.expiry = 0, .index = SIZE_MAX};
	size_t before = h.len;
	n2_theap_remove(&h, &stray);
	assert_int_equal(h.len, before);
	assert_int_equal(drain_sorted(&h), MANY - removed);
	n2_theap_fini(&h);
}

static void test_pop_due_respects_now(void **state)
{
	(void)state;
	struct n2_theap_node a = {.expiry = 10}, b = {.expiry = 20}, c = {.expiry = 30};
	struct n2_theap h;
	n2_theap_init(&h);
	assert_null(n2_theap_pop_due(&h, UINT64_MAX)); /* empty */
	n2_theap_push(&h, &c);
	n2_theap_push(&h, &a);
	n2_theap_push(&h, &b);
	assert_null(n2_theap_pop_due(&h, 0));
	assert_null(n2_theap_pop_due(&h, 9));
	assert_ptr_equal(n2_theap_pop_due(&h, 10), &a); /* due exactly at its expiry */
	assert_null(n2_theap_pop_due(&h, 19));
	assert_ptr_equal(n2_theap_pop_due(&h, 25), &b);
	assert_null(n2_theap_pop_due(&h, 25));
	assert_ptr_equal(n2_theap_peek(&h), &c);
	assert_int_equal(h.len, 1);
	/* a popped node can be pushed again */
	a.expiry = 15;
	n2_theap_push(&h, &a);
	assert_ptr_equal(n2_theap_pop_due(&h, 100), &a);
	assert_ptr_equal(n2_theap_pop_due(&h, 100), &c);
	assert_null(n2_theap_pop_due(&h, 100));
	/* fini marks what was still queued as unqueued */
	n2_theap_push(&h, &b);
	n2_theap_fini(&h);
	assert_false(n2_theap_queued(&b));
	assert_int_equal(h.len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_order),
		cmocka_unit_test(test_equal_expiries_fifo),
		cmocka_unit_test(test_remove_keeps_order),
		cmocka_unit_test(test_pop_due_respects_now),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
