/* pifmgr: the PIF manager. See README.md in this directory for the overview.
 *
 * Data flow: netlink.c (the only file that includes libnl) feeds the interface table
 * (iftable.c, pure) with plain pif_link / address values; the table reports what changed through
 * its observer, which publishes events (bus.c, the only file that includes pif.pb-c.h) and wakes
 * the reconciler (jobs.c). Desired state = configuration (config.c) + what processes asked for
 * (state.c, which also remembers what each interface was like before n2os changed it); plan.c
 * (pure) turns desired vs. current state into kernel actions; jobs.c runs them, running the
 * going-down hook before an admin-down. */
#ifndef PIFMGR_H
#define PIFMGR_H
#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cmdreg.h"
#include "loop.h"
#include "prefix.h"

#ifndef IFF_LOWER_UP /* <linux/if.h> has them; <net/if.h> does not */
#define IFF_LOWER_UP 0x10000
#define IFF_DORMANT 0x20000
#endif

#define PIF_NAMSIZ IFNAMSIZ /* 16, with the NUL */
#define PIF_OWNSIZ 32       /* process names on the bus are shorter */
#define PIF_ALIASSIZ 256

/* ---- what netlink says about a link (iftable input) ---- */
struct pif_link {
	uint32_t ifindex;
	char name[PIF_NAMSIZ];
	unsigned flags;     /* IFF_* */
	int admin_up;       /* IFF_UP */
	int oper_up;        /* line protocol: IFF_UP and IFF_RUNNING */
	char operstate[32]; /* "up", "down", "lowerlayerdown", ... */
	uint32_t mtu;
	uint8_t mac[6];
	int maclen;      /* 0 when the link has no Ethernet address */
	char kind[16];   /* "veth", "macvlan", "" */
	uint32_t parent; /* lower device ifindex, 0 = none */
	char alias[PIF_ALIASSIZ];
};

struct pif_addr {
	struct pif_addr *next;
	struct n2_prefix p;
	int secondary;
	int mark;
};

struct pif_iface {
	struct pif_iface *next;
	struct pif_link l;
	struct pif_addr *addrs; /* in kernel order of arrival */
	int mark;               /* for mark-and-sweep resyncs */
};

enum pif_op { PIF_ADD, PIF_DEL, PIF_CHANGE };

/* What the table reports. Every callback may be NULL. */
struct pif_observer {
	void (*iface)(enum pif_op op, const struct pif_iface *ifp, void *arg);
	/* line protocol or admin state changed; rx_us: when netlink said so */
	void (*link)(const struct pif_iface *ifp, int old_admin, int old_oper, uint64_t rx_us,
		     void *arg);
	/* op is PIF_ADD (also for a change of the secondary flag) or PIF_DEL */
	void (*addr)(enum pif_op op, const struct pif_iface *ifp, const struct pif_addr *a,
		     void *arg);
	void *arg;
};

struct pif_table {
	struct pif_iface *ifs; /* sorted by ifindex */
	struct pif_observer obs;
	size_t count;
};

/* iftable.c */
void iftable_init(struct pif_table *t, const struct pif_observer *obs);
void iftable_fini(struct pif_table *t);
struct pif_iface *iftable_by_index(const struct pif_table *t, uint32_t ifindex);
struct pif_iface *iftable_by_name(const struct pif_table *t, const char *name);
/* New or updated link; reports ADD, CHANGE and link transitions. */
void iftable_link_update(struct pif_table *t, const struct pif_link *l, uint64_t rx_us);
/* Link gone: its addresses are reported deleted, then the interface. */
void iftable_link_del(struct pif_table *t, uint32_t ifindex);
void iftable_addr_update(struct pif_table *t, uint32_t ifindex, const struct n2_prefix *p,
			 int secondary);
void iftable_addr_del(struct pif_table *t, uint32_t ifindex, const struct n2_prefix *p);
struct pif_addr *iftable_addr_find(const struct pif_iface *ifp, const struct n2_prefix *p);
/* Resync: mark everything, feed the full state again, sweep what was not seen. */
void iftable_mark_all(struct pif_table *t);
void iftable_sweep(struct pif_table *t);
/* 1 when link (an operational state "up"/"unknown" and IFF_RUNNING) says line protocol up. */
int pif_oper_up(unsigned flags);

/* ---- configuration (config.c) ---- */
struct pif_cfg_addr {
	struct n2_prefix p;
	int secondary;
};

struct pif_cfg_if {
	struct pif_cfg_if *next;
	char name[PIF_NAMSIZ];
	char description[PIF_ALIASSIZ]; /* "" = not configured */
	uint32_t mtu;                   /* 0 = not configured */
	int enabled;
	size_t naddr;
	struct pif_cfg_addr *addrs; /* IPv4 then IPv6, primaries before secondaries */
};

struct pif_cfg {
	struct pif_cfg_if *ifs;
};

/* Parses and checks the module's JSON (libyang) into cfg. Returns 0, or -1 with err. */
int pif_cfg_parse(const char *json, struct pif_cfg *cfg, char *err, size_t errlen);
void pif_cfg_free(struct pif_cfg *cfg);
const struct pif_cfg_if *pif_cfg_find(const struct pif_cfg *cfg, const char *name);
/* Checks the rules YANG cannot say (one primary per subnet, a secondary needs a primary). */
int pif_cfg_check(const struct pif_cfg *cfg, char *err, size_t errlen);
/* The command table and the apply callback for lib/cmdreg. */
extern const struct n2_cmd_def pif_commands[];
extern const size_t pif_ncommands;
extern const char *const pif_modules[];

/* ---- what n2os changed (state.c) ---- */
enum pif_own_kind { OWN_ADDR, OWN_MACVLAN, OWN_ADMIN };

struct pif_own {
	struct pif_own *next;
	enum pif_own_kind kind;
	char owner[PIF_OWNSIZ]; /* "config" or the process name */
	char ifname[PIF_NAMSIZ];
	struct n2_prefix p; /* OWN_ADDR */
	int preexisting;    /* OWN_ADDR of config: was there before; left on stop */
	int noaccept;       /* OWN_ADDR: received packets for it are dropped (accept.c) */
	int up;             /* OWN_ADMIN: the state asked for */
};

/* An interface as it was before n2os first changed each attribute. */
struct pif_orig {
	struct pif_orig *next;
	char ifname[PIF_NAMSIZ];
	int has_admin, admin_up;
	int has_mtu;
	uint32_t mtu;
	int has_alias;
	char alias[PIF_ALIASSIZ];
};

struct pif_state {
	struct pif_own *own;
	struct pif_orig *orig;
	char path[4096]; /* where it is saved; "" = nowhere (tests) */
};

void state_init(struct pif_state *st, const char *path);
void state_fini(struct pif_state *st);
int state_load(struct pif_state *st);
void state_save(const struct pif_state *st);
void state_remove_file(const struct pif_state *st);
struct pif_own *state_own_add(struct pif_state *st, enum pif_own_kind kind, const char *owner,
			      const char *ifname);
struct pif_own *state_own_find_addr(const struct pif_state *st, const char *ifname,
				    const struct n2_prefix *p, const char *owner);
struct pif_own *state_own_find(const struct pif_state *st, enum pif_own_kind kind,
			       const char *ifname, const char *owner);
struct pif_own *state_own_find_kind(const struct pif_state *st, enum pif_own_kind kind);
/* How many objects pifmgr made for owner (see PIF_MAX_OWNED). */
size_t state_own_count(const struct pif_state *st, const char *owner);
void state_own_del(struct pif_state *st, struct pif_own *o);
/* The origin of an address for events and show: "config", a process name, or "". */
const char *state_addr_origin(const struct pif_state *st, const char *ifname,
			      const struct n2_prefix *p);
struct pif_orig *state_orig(struct pif_state *st, const char *ifname, int create);
void state_orig_free(struct pif_orig *o);
const char *state_macvlan_owner(const struct pif_state *st, const char *ifname);

/* ---- the plan: desired vs. current (plan.c, pure) ---- */
enum pif_act_kind {
	ACT_ADDR_DEL,   /* delete p from the kernel (and drop the config record) */
	ACT_ADDR_ADD,   /* add p (with owner config: record it) */
	ACT_ADDR_CLAIM, /* config names an address already there: record it as preexisting */
	ACT_ADMIN,      /* set admin state `up` */
	ACT_MTU,
	ACT_ALIAS,
};

struct pif_action {
	enum pif_act_kind kind;
	struct n2_prefix p;
	int up;
	uint32_t mtu;
	char alias[PIF_ALIASSIZ];
	const char *owner; /* ACT_ADDR_ADD/CLAIM: "config" or a process */
	unsigned flags;    /* ACT_ADDR_ADD: PIF_ADDR_NODAD */
};

#define PIF_PLAN_MAX 128
enum { PLAN_FULL = 0, PLAN_ADDRS = 1, PLAN_RESTORE = 2 };

/* Actions that bring ifp to what cfg (may be NULL) and st ask, in a safe order (address
 * deletions, admin up, MTU, alias, address additions, admin down last). PLAN_ADDRS: addresses
 * only; PLAN_RESTORE: back to what it was before n2os (n2os stop). Returns the count. */
size_t pif_plan(const struct pif_iface *ifp, const struct pif_cfg_if *cfg,
		const struct pif_state *st, int mode, struct pif_action *out, size_t max);
const char *pif_act_name(enum pif_act_kind k);

/* How pifmgr makes a macvlan for a process (plan.c, pure; netlink.c applies it). */
enum { PIF_MV_UP = 0x1, PIF_MV_IPV6_ONLY = 0x2 };
struct pif_mv_shape {
	unsigned ifflags;  /* IFF_* once created (IFF_UP) */
	int addr_gen_none; /* IN6_ADDR_GEN_MODE_NONE: no kernel link-local address */
	int arp_ignore;    /* on the macvlan itself: 1 own addresses only, 8 none */
};
void plan_macvlan_shape(unsigned flags, struct pif_mv_shape *sh);

/* ---- accept mode in the kernel (accept.c) ----
 * An address asked with PIF_ADDR_NOACCEPT (a VRRPv3 master that is not the address owner, with
 * Accept_Mode off: RFC 9568 6.4.3) gets policy rules that drop the packets the router receives
 * for it, ahead of the kernel's local table, which pifmgr moves from preference 0 to
 * PIF_PREF_LOCAL while it has such rules. */
enum { PIF_RULE_LOOKUP_LOCAL, PIF_RULE_BLACKHOLE };
#define PIF_PREF_PASS 100       /* exceptions: local traffic, ICMPv6 (Neighbor Discovery) */
#define PIF_PREF_DROP 101       /* the blackholes */
#define PIF_PREF_LOCAL 1000     /* where the local table's lookup goes */
#define PIF_RULE_PROTO 234      /* rtm_protocol of pifmgr's rules ("n2os", as ribmgr's routes) */
#define PIF_RULE_PROTO_KERNEL 2 /* RTPROT_KERNEL: the kernel's own "from all lookup local" */
#define PIF_RULES_PER_ADDR 8

struct pif_rule {
	uint8_t family;
	uint8_t action;  /* PIF_RULE_* */
	uint8_t ipproto; /* 0 = any */
	uint8_t proto;   /* rtm_protocol */
	int iif_lo;      /* only traffic this host sends (iif lo) */
	uint32_t prio;
	struct n2_prefix dst; /* plen 0 = any destination */
};

/* The rules a no-accept address needs, in the order they must be added (exceptions before the
 * blackhole; deleted in the reverse order). Returns their count. */
size_t pif_rules_noaccept(const struct n2_prefix *vip, struct pif_rule out[PIF_RULES_PER_ADDR]);
/* The local table's lookup rule for family: the kernel's (at 0) or pifmgr's (PIF_PREF_LOCAL). */
void pif_rule_local(uint8_t family, int moved, struct pif_rule *out);
/* "pref 101 to 192.0.2.1/32 blackhole", as ip rule shows it: logs and tests. */
const char *pif_rule_str(const struct pif_rule *r, char *buf, size_t len);
struct pif_mgr;
/* Rules follow the no-accept records: adds what a new one needs, removes what none needs. */
void accept_sync(struct pif_mgr *m);
/* Start-up: rules a pifmgr before this one left that no record needs are removed. */
void accept_adopt(struct pif_mgr *m);
/* n2os stop: every rule removed, the kernel's local rule back at 0. */
void accept_restore(struct pif_mgr *m);
/* Frees the in-memory list, kernel untouched. */
void accept_fini(struct pif_mgr *m);

/* ---- netlink.c: the kernel (libnl); kern_ so as not to clash with libnl names ---- */
struct pif_nl;
/* Opens the sockets and caches, feeds t with the current state, and follows changes. */
struct pif_nl *kern_open(struct n2_loop *loop, struct pif_table *t, char *err, size_t errlen);
void kern_close(struct pif_nl *nl);
/* Reads pending notifications now, so the table reflects what the kernel just did. */
void kern_drain(struct pif_nl *nl);
/* For the fuzzer (tests/fuzz/fuzz_pif_netlink.c): the same caches and change callbacks as
 * kern_open, without sockets (kern_close frees them; the kern_ changes must not be called),
 * fed by kern_feed with rtnetlink messages from a buffer as one read from the socket gives them. */
struct pif_nl *kern_open_feed(struct pif_table *t);
void kern_feed(struct pif_nl *nl, const void *buf, size_t len);
/* Its libnl caches, which the fuzzer compares the table with. */
struct nl_cache;
void kern_caches(struct pif_nl *nl, struct nl_cache **links, struct nl_cache **addrs);
/* Kernel changes. Each returns 0 or -1 with a precise reason in err. */
/* flags: PIF_ADDR_NODAD (IPv6 only) */
int kern_addr_add(struct pif_nl *nl, uint32_t ifindex, const struct n2_prefix *p, unsigned flags,
		  char *err, size_t errlen);
int kern_addr_del(struct pif_nl *nl, uint32_t ifindex, const struct n2_prefix *p, char *err,
		  size_t errlen);
int kern_link_set(struct pif_nl *nl, uint32_t ifindex, int admin /* -1 = keep */,
		  uint32_t mtu /* 0 = keep */, const char *alias /* NULL = keep */, char *err,
		  size_t errlen);
int kern_macvlan_add(struct pif_nl *nl, const char *name, uint32_t parent, const uint8_t mac[6],
		     const char *mode, const struct pif_mv_shape *sh, char *err, size_t errlen);
int kern_link_del(struct pif_nl *nl, uint32_t ifindex, char *err, size_t errlen);
/* Adds (already there: done) or deletes (not there: done) one policy rule. */
int kern_rule(struct pif_nl *nl, int add, const struct pif_rule *r, char *err, size_t errlen);
/* Deletes every rule of protocol PIF_RULE_PROTO at preference prio that keep (may be NULL)
 * does not want; returns how many. */
int kern_rules_prune(struct pif_nl *nl, uint32_t prio,
		     int (*keep)(const struct pif_rule *r, void *arg), void *arg);

/* ---- jobs.c: carrying out plans, the going-down hook ---- */
struct pif_mgr;
typedef void (*pif_done_fn)(struct pif_mgr *m, int rc, const char *err, void *arg);
/* Reconciles interface `ifname` (mode PLAN_*); reason is told to going-down subscribers;
 * `exclude` is a process not to ask (the requester); done (may be NULL) is called at the end. */
void jobs_reconcile(struct pif_mgr *m, const char *ifname, int mode, const char *reason,
		    const char *exclude, pif_done_fn done, void *arg);
/* Reconciles every interface that config or state mentions. */
void jobs_reconcile_all(struct pif_mgr *m, int mode, const char *reason, pif_done_fn done,
			void *arg);
int jobs_idle(const struct pif_mgr *m);
/* Jobs waiting for their turn (the running one not counted). */
unsigned jobs_waiting(const struct pif_mgr *m);
void jobs_fini(struct pif_mgr *m);

/* ---- requests from processes (ops.c) ----
 * Their limits (docs/limits.md); a request over one is refused with the reason. pifmgr's own
 * jobs (configuration, netlink events, an owner leaving) are never refused: dropping one would
 * leave an interface unreconciled. */
#define PIF_MAX_PENDING 64 /* pif.admin requests waiting behind the running job */
/* What one process may have pifmgr make for it (addresses, macvlans, admin states): room for
 * vrrpd's 512 groups with 16 virtual addresses and a macvlan each. */
#define PIF_MAX_OWNED 16384
/* flags: PIF_ADDR_* (the AddrRequest's booleans) */
enum { PIF_ADDR_SECONDARY = 0x1, PIF_ADDR_NODAD = 0x2, PIF_ADDR_NOACCEPT = 0x4 };
int ops_addr(struct pif_mgr *m, const char *owner, int add, const char *ifname, const char *prefix,
	     unsigned flags, char *err, size_t errlen);
/* flags: PIF_MV_* (the MacvlanRequest's booleans) */
int ops_macvlan_add(struct pif_mgr *m, const char *owner, const char *name, const char *parent,
		    const uint8_t *mac, size_t maclen, const char *mode, unsigned flags,
		    uint32_t *ifindex, char *err, size_t errlen);
int ops_macvlan_del(struct pif_mgr *m, const char *owner, const char *name, char *err,
		    size_t errlen);
/* Admin state for a process: async because of the hook; done is always called. */
void ops_admin(struct pif_mgr *m, const char *owner, const char *ifname, int up, pif_done_fn done,
	       void *arg);
/* Undoes everything done for `owner` (it left the bus). */
void ops_owner_gone(struct pif_mgr *m, const char *owner);
/* Config change from cmdmgr (already checked). */
void ops_config(struct pif_mgr *m, struct pif_cfg *cfg);

/* ---- bus.c: the bus edge (pif.pb-c.h) ---- */
int bus_init(struct pif_mgr *m);
void bus_fini(struct pif_mgr *m);
/* Asks each registered process (but `exclude`) about ifname going down; calls done when all
 * answered or after the bound. */
void bus_going_down(struct pif_mgr *m, const struct pif_iface *ifp, const char *reason,
		    const char *exclude, void (*done)(struct pif_mgr *m, void *arg), void *arg);
extern const struct pif_observer bus_observer_template;

/* ---- show.c: exec commands ---- */
void show_interface(const struct pif_mgr *m, const char *name, int json, struct n2_buf *out);
void show_ip_brief(const struct pif_mgr *m, int json, struct n2_buf *out);

/* ---- the manager ---- */
#define PIF_HOOK_MAX 16
#define PIF_HOOK_WAIT_US 50000

struct pif_job;
struct pif_noacc;

struct pif_mgr {
	struct n2_loop *loop;
	struct n2_ipc *ipc; /* NULL in unit tests */
	struct pif_table table;
	struct pif_nl *nl; /* NULL in unit tests: kernel actions then succeed */
	struct pif_state state;
	struct pif_cfg cfg;
	int have_cfg;
	uint64_t epoch, seq;                  /* event numbering */
	char hooks[PIF_HOOK_MAX][PIF_OWNSIZ]; /* going-down subscribers */
	struct pif_job *jobs, *jobs_tail;
	unsigned njobs; /* waiting in jobs */
	int job_running;
	struct n2_timer *t_job;
	struct n2_cmdreg *cmdreg;
	int stopping;
	void (*stopped)(struct pif_mgr *m); /* n2os stop finished restoring */
	struct pif_bus *bus;
	struct pif_noacc *noacc; /* addresses whose rules are in the kernel (accept.c) */
	int local_moved[2];      /* the local rule at PIF_PREF_LOCAL: [0] IPv4, [1] IPv6 */
	/* test hooks: replace netlink when nl is NULL */
	int (*fake_kernel)(struct pif_mgr *m, const struct pif_action *a, const char *ifname,
			   char *err, size_t errlen);
	int (*fake_rule)(struct pif_mgr *m, int add, const struct pif_rule *r, char *err,
			 size_t errlen);
};

/* arpguard.c: arp_ignore=1, arp_announce=2 on the parents of pifmgr's macvlans, restored after */
void arpguard_add(struct pif_mgr *m, const struct pif_iface *parent);
/* arp_ignore (1 or 8), arp_announce=2 on a macvlan pifmgr just made (still down), for good:
 * they go with the macvlan. */
void arpguard_macvlan(struct pif_mgr *m, const char *name, int arp_ignore);
/* Restores the parents that have no macvlan of ours left (all: every parent). */
void arpguard_sweep(struct pif_mgr *m, int all);

/* mgr.c */
int pif_mgr_init(struct pif_mgr *m, struct n2_loop *loop, struct n2_ipc *ipc,
		 const char *state_path, int use_netlink, char *err, size_t errlen);
/* n2os stop: undoes what n2os changed, then calls stopped. */
void pif_mgr_stop(struct pif_mgr *m, void (*stopped)(struct pif_mgr *m));
void pif_mgr_fini(struct pif_mgr *m);
int pif_apply(const char *module, const char *json, char *err, size_t errlen, void *arg);

/* the table's observer that jobs.c adds (interfaces appearing, admin up) */
void jobs_on_iface(struct pif_mgr *m, enum pif_op op, const struct pif_iface *ifp);
void jobs_on_link(struct pif_mgr *m, const struct pif_iface *ifp, int old_admin);
#endif
