/* pifclient: a process's copy of pifmgr's interface table, kept current from the pif.* events,
 * plus the requests a process can make. Every process that needs interfaces links it (library
 * `pifclient`: ribmgr, vrrpd, pifctl, bench/pif_latency) instead of handling pif.proto itself:
 * it subscribes before asking for the snapshot, drops what the snapshot already contains, asks
 * again when pifmgr restarts or an event was lost, and reports every difference through the
 * callbacks, so a consumer sees one consistent stream of changes.
 *
 * pifc_core.c is the pure part (the copy and the sequence rules, unit-tested); pifclient.c is
 * the bus I/O around it (the only file that includes pif.pb-c.h).
 *
 * Everything here runs on the caller's loop; callbacks are called from it. Pointers handed to
 * callbacks are valid during the call only. */
#ifndef PIFCLIENT_H
#define PIFCLIENT_H
#include <stddef.h>
#include <stdint.h>

#include "ipc.h"
#include "prefix.h"

struct pifc_addr {
	struct n2_prefix p;
	int secondary;
	char origin[32]; /* "", "config" or the process pifmgr added it for */
};

struct pifc_iface {
	uint32_t ifindex;
	char name[16];
	int admin_up, oper_up; /* oper_up: line protocol */
	char oper_state[32];
	uint32_t mtu;
	uint8_t mac[6];
	int maclen;
	char kind[16];
	uint32_t parent;
	char description[256];
	unsigned flags;
	char owner[32];
	size_t naddr;
	struct pifc_addr *addrs;
};

enum pifc_op { PIFC_ADD, PIFC_DEL, PIFC_CHANGE };

struct pifc;
struct pifc_ack;

struct pifc_ops {
	/* interface added, removed (its addresses were reported removed before), or changed */
	void (*iface)(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp, void *arg);
	/* line protocol or admin state changed; netlink_us: when pifmgr read it (0 if unknown) */
	void (*link)(struct pifc *c, const struct pifc_iface *ifp, uint64_t netlink_us, void *arg);
	/* op PIFC_ADD (also a change of the secondary flag) or PIFC_DEL */
	void (*addr)(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp,
		     const struct pifc_addr *a, void *arg);
	/* the copy matches pifmgr's table (after each snapshot) */
	void (*synced)(struct pifc *c, void *arg);
	/* pifmgr left the bus or the connection dropped: the copy may be stale until the next
	 * synced (not called for a lost event: the copy stays as it is until the new snapshot) */
	void (*lost)(struct pifc *c, void *arg);
	/* Set it to take part in the going-down hook: pifmgr is about to set ifp admin down.
	 * Call pifc_going_down_done(ack) when ready (now or later; pifmgr waits 50 ms at most). */
	void (*going_down)(struct pifc *c, const struct pifc_iface *ifp, const char *reason,
			   struct pifc_ack *ack, void *arg);
};

/* Starts following pifmgr on ipc (now if connected, and after every reconnect). */
struct pifc *pifc_new(struct n2_loop *loop, struct n2_ipc *ipc, const struct pifc_ops *ops,
		      void *arg);
void pifc_free(struct pifc *c);
int pifc_synced(const struct pifc *c);
const struct pifc_iface *pifc_by_name(const struct pifc *c, const char *name);
const struct pifc_iface *pifc_by_index(const struct pifc *c, uint32_t ifindex);
void pifc_foreach(const struct pifc *c, void (*fn)(const struct pifc_iface *ifp, void *arg),
		  void *arg);
void pifc_going_down_done(struct pifc_ack *ack);

/* What a request came to: ok, or why not (pifmgr's reason, or that it did not answer). */
struct pifc_result {
	int ok;
	const char *err;  /* "" when ok */
	uint32_t ifindex; /* pifc_macvlan_add: the new interface; 0 otherwise */
};

/* Requests. cb (may be NULL) gets the result. Return -1 when the request could not be sent
 * (not connected), and then cb is not called. */
typedef void (*pifc_result_fn)(struct pifc *c, const struct pifc_result *r, void *arg);
/* pifc_addr's flags (AddrRequest in proto/pif.proto): */
#define PIFC_ADDR_SECONDARY 0x1u /* IPv4: never the primary of its subnet */
#define PIFC_ADDR_NODAD 0x2u     /* IPv6: no Duplicate Address Detection */
#define PIFC_ADDR_NOACCEPT 0x4u  /* received packets for it dropped (RFC 9568 6.4.3) */
int pifc_addr(struct pifc *c, int add, const char *ifname, const char *prefix, unsigned flags,
	      pifc_result_fn cb, void *arg);
/* pifc_macvlan_add's flags (MacvlanRequest in proto/pif.proto): */
#define PIFC_MACVLAN_UP 0x1u        /* bring it up once created */
#define PIFC_MACVLAN_IPV6_ONLY 0x2u /* never answers ARP (a VRRP IPv6 virtual router's) */
int pifc_macvlan_add(struct pifc *c, const char *name, const char *parent, const uint8_t mac[6],
		     const char *mode, unsigned flags, pifc_result_fn cb, void *arg);
int pifc_macvlan_del(struct pifc *c, const char *name, pifc_result_fn cb, void *arg);
int pifc_admin(struct pifc *c, const char *ifname, int up, pifc_result_fn cb, void *arg);
#endif
