/* ribmgr: the RIB manager. See README.md in this directory for the overview.
 *
 * rib.c is the pure core: candidate routes per prefix (connected from interface addresses,
 * static from the configuration, protocol routes from other processes), next-hop resolution
 * through up interfaces, best-path selection, and the differences to push to the kernel, handed
 * to a FIB callback. kernel.c (the only libnl file) carries those out with route protocol 234.
 * bus.c (the only rib.pb-c.h file) serves protocol processes; pifclient feeds interfaces. */
#ifndef RIBMGR_H
#define RIBMGR_H
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cmdreg.h"
#include "prefix.h"

#define RIB_PROTO_N2OS                                                                            \
	234                  /* rtm_protocol of every route ribmgr installs: clear of the numbers \
			      * iproute2, FRR (186-198), BIRD and keepalived use */
#define RIB_KERNEL_METRIC 20 /* rtm priority, as FRR: user routes (metric 0) stay preferred */
#define RIB_MAX_NH 8
#define RIB_NAMSIZ 16
#define RIB_DEFAULT_PROTO_DISTANCE 150
/* Protocol routes the RIB holds, from all processes together (docs/limits.md): every change
 * recomputes the whole table, so its size is what one change costs; an add beyond it is
 * refused with the reason (a route replacing the sender's own for a prefix always fits). */
#define RIB_MAX_PROTO_ROUTES 512
/* Static routes in the configuration of each family (route, ipv6-route), for the same reason;
 * the n2os-routing module says it (max-elements), so a configuration over it never reaches
 * ribmgr. */
#define RIB_MAX_STATIC_ROUTES 512

enum rib_type { RIB_CONNECTED, RIB_STATIC, RIB_PROTO };

struct rib_nh {
	struct n2_prefix gw; /* family 0: no gateway */
	char ifname[RIB_NAMSIZ];
	/* resolution */
	int active;
	char via[RIB_NAMSIZ];
	uint32_t via_ifindex;
};

struct rib_route {
	struct rib_route *next;
	enum rib_type type;
	char proto[16];  /* "connected", "static", or the protocol name */
	char source[32]; /* "pifmgr", "config", or the process */
	uint8_t distance;
	uint32_t metric;
	size_t nnh;
	struct rib_nh nh[RIB_MAX_NH];
	int active, selected;
	uint64_t changed_us;
};

struct rib_fib { /* what is in the kernel for a prefix */
	size_t nnh;
	struct rib_nh nh[RIB_MAX_NH];
};

struct rib_dest {
	struct rib_dest *next;
	struct n2_prefix prefix; /* network, host bits clear */
	struct rib_route *routes;
	int installed;     /* our route is in the kernel */
	char best_sig[96]; /* what the selected route was, to report changes */
	struct rib_fib fib;
};

struct rib_if {
	struct rib_if *next;
	char name[RIB_NAMSIZ];
	uint32_t ifindex;
	int up;
	size_t naddr;
	struct n2_prefix addrs[32];
};

/* Kernel operations; install replaces what the kernel had for the prefix. 0 or -1. */
struct rib_fib_ops {
	int (*install)(const struct n2_prefix *p, const struct rib_fib *f, void *arg);
	int (*remove)(const struct n2_prefix *p, void *arg);
	/* the selected route of a prefix changed (best NULL: no route any more) */
	void (*changed)(const struct rib_dest *d, const struct rib_route *best, void *arg);
	void *arg;
};

struct rib {
	struct rib_dest *dests; /* sorted by prefix */
	struct rib_if *ifs;
	struct rib_fib_ops ops;
	int frozen;    /* no kernel changes (while stopping) */
	size_t nproto; /* protocol routes held (RIB_MAX_PROTO_ROUTES) */
};

/* rib.c */
void rib_init(struct rib *r, const struct rib_fib_ops *ops);
void rib_fini(struct rib *r);
/* Interfaces (from pifmgr). */
void rib_if_update(struct rib *r, const char *name, uint32_t ifindex, int up);
void rib_if_del(struct rib *r, const char *name);
void rib_if_addrs(struct rib *r, const char *name, const struct n2_prefix *addrs, size_t n);
/* Static routes: replaces them all with the given list (route structs are copied). */
struct rib_static {
	struct n2_prefix prefix;
	struct rib_nh nh; /* gateway or ifname */
	uint8_t distance;
};
void rib_static_set(struct rib *r, const struct rib_static *s, size_t n);
/* 1 for an IPv6 link-local address (fe80::/10). */
int rib_addr_linklocal(const struct n2_prefix *a);
/* A next hop of a route of family (AF_INET, AF_INET6): a gateway of that family or an
 * interface, and an interface with a link-local gateway. 0 or -1 with the reason in err. */
int rib_nh_check(int family, const struct rib_nh *nh, char *err, size_t errlen);
/* Protocol routes: one per (source, prefix), either family. */
int rib_proto_add(struct rib *r, const char *source, const char *proto,
		  const struct n2_prefix *prefix, uint8_t distance, uint32_t metric,
		  const struct rib_nh *nh, size_t nnh, char *err, size_t errlen);
int rib_proto_del(struct rib *r, const char *source, const struct n2_prefix *prefix, char *err,
		  size_t errlen);
void rib_source_gone(struct rib *r, const char *source);
/* Removes every route ribmgr installed (n2os stop). */
void rib_flush(struct rib *r);
/* Re-resolves every next hop and reselects every prefix (after any input change). */
void rib_recompute(struct rib *r);
/* Longest-prefix match over prefixes with an active route; NULL when none. */
const struct rib_dest *rib_lookup(const struct rib *r, const struct n2_prefix *addr);
const struct rib_dest *rib_exact(const struct rib *r, const struct n2_prefix *prefix);
const struct rib_route *rib_best(const struct rib_dest *d);
/* 1 when the kernel has the route (connected: the kernel's own). */
int rib_route_installed(const struct rib_dest *d, const struct rib_route *rt);

/* config.c */
extern const struct n2_cmd_def rib_commands[];
extern const size_t rib_ncommands;
extern const char *const rib_modules[];
/* Parses n2os-routing JSON into a static route list (malloc'd in *out) and, when fwd is not
 * NULL, the forwarding switches (fwd_apply's want). 0 or -1 with err. */
int rib_cfg_parse(const char *json, struct rib_static **out, size_t *n, int *fwd, char *err,
		  size_t errlen);

/* forwarding.c: the kernel's forwarding switches, [0] IPv4, [1] IPv6 */
struct rib_fwd {
	char root[256];  /* "/proc/sys"; a directory of the same shape in tests */
	int found[2];    /* the value before ribmgr wrote it */
	int touched[2];  /* ribmgr wrote it (and restores found) */
	char state[256]; /* where found is kept while touched; "" for none */
};
void fwd_init(struct rib_fwd *f, const char *root /* NULL: /proc/sys */);
/* Keeps what was found in the file at path, and takes it from there when a previous ribmgr
 * left it (it crashed while a switch was changed). */
void fwd_state(struct rib_fwd *f, const char *path);
/* want[i]: 1 on, 0 off, -1 not configured (back to what was found). 0 or -1 with err. */
int fwd_apply(struct rib_fwd *f, const int want[2], char *err, size_t errlen);
/* n2os stop: every switch back to what was found. */
void fwd_restore(struct rib_fwd *f);

/* show.c */
/* The routes of family (AF_INET: show ip route, AF_INET6: show ipv6 route). */
void show_ip_route(const struct rib *r, int family, int json, struct n2_buf *out);
/* An address or a prefix of family; returns -1 with a message in out when malformed. */
int show_ip_route_match(const struct rib *r, int family, const char *what, int json,
			struct n2_buf *out);

/* ---- the manager (mgr.c, bus.c) ---- */
struct n2_loop;
struct n2_ipc;
struct n2_timer;
struct pifc;
struct rib_kernel;

struct rib_mgr {
	struct n2_loop *loop;
	struct n2_ipc *ipc;
	struct rib rib;
	struct rib_kernel *k;
	struct rib_fwd fwd;
	struct pifc *pc;
	struct n2_cmdreg *cmdreg;
	struct n2_timer *t_recompute, *t_sweep;
	int cfg_applied, swept, stopping;
};

/* mgr.c */
int rib_mgr_init(struct rib_mgr *m, struct n2_loop *loop, struct n2_ipc *ipc, char *err,
		 size_t errlen);
/* n2os stop: removes what ribmgr installed. */
void rib_mgr_stop(struct rib_mgr *m);
void rib_mgr_fini(struct rib_mgr *m);
/* Recomputes soon (coalesces bursts of interface events). */
void rib_mgr_schedule(struct rib_mgr *m);
/* Removes stale n2os routes once interfaces and configuration are known. */
void rib_mgr_try_sweep(struct rib_mgr *m);

/* bus.c */
int rbus_init(struct rib_mgr *m);
void rbus_changed(const struct rib_dest *d, const struct rib_route *best, void *arg);
#endif
