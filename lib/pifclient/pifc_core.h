/* pifc_core: the pure half of pifclient. It holds the copy of pifmgr's interface table and
 * applies the rules of pifmgr's snapshot-plus-sequence protocol (proto/pif.proto): which event
 * to apply, which to drop, when to ask for the snapshot again. Every change to the copy is
 * reported through the pifc_ops callbacks. There is no I/O and there are no wire types here:
 * pifclient.c decodes the messages into these values and does whatever a verdict asks for. The
 * unit tests (tests/unit/test_pifclient.c) drive this file directly. */
#ifndef PIFC_CORE_H
#define PIFC_CORE_H
#include <stddef.h>
#include <stdint.h>

#include "pifclient.h"

/* What happened to one event. */
enum pifc_verdict {
	PIFC_APPLIED, /* the next one in sequence: now in the copy, changes reported */
	PIFC_DROPPED, /* already in the copy (old or duplicate), or in the snapshot on its way */
	PIFC_RESYNC,  /* a gap, or a new pifmgr (epoch): the caller asks for the snapshot again */
};

struct pifc_core {
	const struct pifc_ops *ops;
	struct pifc *c; /* handed to the callbacks as their first argument */
	void *arg;
	struct pifc_iface **ifs; /* in pifmgr's order as far as the events tell it */
	size_t n, cap;
	uint64_t epoch, seq; /* of the last event the copy contains */
	int synced;          /* the copy is pifmgr's table as of (epoch, seq) */
	int asking;          /* a snapshot request is on its way */
};

void pifc_core_init(struct pifc_core *k, const struct pifc_ops *ops, struct pifc *c, void *arg);
/* Frees the copy without reporting anything. */
void pifc_core_free(struct pifc_core *k);

/* An interface with room for naddr addresses (naddr set to 0), for pifc_core_snapshot and
 * pifc_core_iface, which take it over. NULL when out of memory. */
struct pifc_iface *pifc_iface_alloc(size_t naddr);
void pifc_iface_free(struct pifc_iface *ifp);

/* The snapshot request was sent: until its answer, events are dropped (it contains them). */
void pifc_core_asking(struct pifc_core *k);
/* The request got no usable answer: nothing is on its way any more. */
void pifc_core_unanswered(struct pifc_core *k);
/* pifmgr left the bus, or our connection dropped: the copy may be stale (ops->lost is told). */
void pifc_core_lost(struct pifc_core *k);

/* A snapshot reply: the copy becomes ifs[0..n) (taken over, the array itself stays the
 * caller's), each difference is reported, then ops->synced. seq: that of the last event the
 * snapshot contains. */
void pifc_core_snapshot(struct pifc_core *k, uint64_t epoch, uint64_t seq, struct pifc_iface **ifs,
			size_t n);

/* Events. nw is taken over; its addresses are ignored (they come as their own events). For
 * PIFC_DEL only nw->ifindex counts. */
enum pifc_verdict pifc_core_iface(struct pifc_core *k, uint64_t epoch, uint64_t seq,
				  enum pifc_op op, struct pifc_iface *nw);
enum pifc_verdict pifc_core_link(struct pifc_core *k, uint64_t epoch, uint64_t seq,
				 uint32_t ifindex, int admin_up, int oper_up, uint64_t netlink_us);
/* op PIFC_ADD (a new address, or a change of its flags) or PIFC_DEL */
enum pifc_verdict pifc_core_addr(struct pifc_core *k, uint64_t epoch, uint64_t seq, enum pifc_op op,
				 uint32_t ifindex, const struct pifc_addr *a);

const struct pifc_iface *pifc_core_by_index(const struct pifc_core *k, uint32_t ifindex);
const struct pifc_iface *pifc_core_by_name(const struct pifc_core *k, const char *name);
#endif
