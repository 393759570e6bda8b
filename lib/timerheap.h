/* Binary min-heap of timers ordered by expiry: O(log n) insert, cancel and pop.
 * Pure data structure with no clock reads, so it is unit-tested with made-up times. */
#ifndef N2_TIMERHEAP_H
#define N2_TIMERHEAP_H
#include <stddef.h>
#include <stdint.h>

struct n2_theap_node {
	uint64_t expiry; /* monotonic microseconds */
	uint64_t order;  /* insertion counter: equal expiries fire in insertion order */
	size_t index;    /* position in the heap, SIZE_MAX when not queued */
};

struct n2_theap {
	struct n2_theap_node **v;
	size_t len, cap;
	uint64_t counter;
};

void n2_theap_init(struct n2_theap *h);
void n2_theap_fini(struct n2_theap *h);
int n2_theap_push(struct n2_theap *h, struct n2_theap_node *n);
void n2_theap_remove(struct n2_theap *h, struct n2_theap_node *n);
struct n2_theap_node *n2_theap_peek(const struct n2_theap *h);
/* Removes and returns the earliest node if it expires at or before `now`, else NULL. */
struct n2_theap_node *n2_theap_pop_due(struct n2_theap *h, uint64_t now);
static inline int n2_theap_queued(const struct n2_theap_node *n)
{
	return n->index != SIZE_MAX;
}
#endif
