/* vrrpd: the VRRP protocol process of the paper (Fig. 2). See README.md in this directory.
 *
 * The VRRP engine holds an Interface Database (ifdb.c: every interface VRRP runs on, learned
 * from pifmgr, with the state it had before VRRP touched it) and a Tracking Database (trackdb.c:
 * track objects and the groups that use them). group.c drives each virtual router's state
 * machine (vrrp_fsm.c) and acts on its decisions; net.c owns the sockets (advertisements,
 * gratuitous ARP); bus.c follows pifmgr's table through lib/pifclient and asks pifmgr for
 * virtual addresses and the virtual-MAC macvlan; config.c
 * turns the n2os-vrrp configuration into groups and tracks; commands.c and show.c are the CLI.
 * vrrpd.c puts them together around one context, struct vrrpd, which every function is given:
 * the ones that act on the whole process take it first, the ones that act on an interface or a
 * group reach it through the interface (vif->vd), which is also how event-loop callbacks (timers,
 * sockets, whose argument is the object) find it. Outside it, the process has only what lib/
 * keeps per process: the log and the memory types (N2_MTYPE) that `show memory` counts. */
#ifndef VRRPD_H
#define VRRPD_H
#include <net/if.h>
#include <stdint.h>
#include <sys/socket.h>

#include "buf.h"
#include "cmdreg.h"
#include "log.h"
#include "loop.h"
#include "vrrp_fsm.h"
#include "vrrp_packet.h"

/* The configuration's limits (docs/limits.md), refused by config.c with the reason: virtual
 * addresses and tracked objects per group, groups in all (per interface the VRID's range,
 * 1-255, is the bound). */
#define VRRP_MAX_VIPS 16
#define VRRP_MAX_TRACKS 16
#define VRRP_MAX_GROUPS 512

/* RFC 8347 counter names; the auth ones follow the VRRP MIB (RFC 2787). */
struct vrrp_stats {
	uint64_t master_transitions, adv_rcvd, adv_sent, interval_errors, prio_zero_rcvd,
		prio_zero_sent, invalid_type, address_list_errors, packet_length_errors,
		auth_type_mismatch, auth_failures;
};

/* RFC 8347's global counters (of packets no group took), kept per family: [0] IPv4, [1] IPv6,
 * for `show ip|ipv6 vrrp statistics`; `show vrrp statistics` sums them. */
struct vrrp_global_stats {
	uint64_t checksum_errors, version_errors, vrid_errors, ip_ttl_errors;
};
#define VRRP_FAM(family) ((family) == AF_INET6)

/* The prefix of every log line naming a group: "eth1 vrid 1" for IPv4 (the format operators
 * and the lab know), "eth1 vrid 1 ipv6" for IPv6, so the two groups one VRID may run are told
 * apart. Use as n2_log_info(VRRP_GRP_FMT ": ...", VRRP_GRP_ARGS(ifname, &g->cfg), ...). */
#define VRRP_GRP_FMT "%s vrid %u%s"
#define VRRP_GRP_ARGS(ifname, cfg) (ifname), (cfg)->vrid, (cfg)->family == AF_INET6 ? " ipv6" : ""

struct group_track {
	uint16_t id;
	uint8_t decrement;
};

/* A group as configured: one virtual router of one address family. A vrrp-instance of the
 * configuration with IPv4 and IPv6 virtual addresses is two groups of one VRID (RFC 9568 makes
 * them separate virtual routers, each with its own state machine). */
struct group_cfg {
	uint8_t vrid, version, priority, garp_count;
	uint8_t family; /* of the virtual addresses: AF_INET or AF_INET6 (always version 3) */
	int preempt;
	uint16_t preempt_delay_s; /* wait this long after start-up before preempting */
	uint16_t adv_cs;     /* (Max_)Advertisement_Interval, centiseconds; v2: seconds x 100 */
	int accept_mode;     /* RFC 9568 Accept_Mode: a non-owner master takes packets for
			      * the virtual addresses */
	int cksum_v4_pseudo; /* v3 over IPv4: the checksum covers the IPv4 pseudo-header */
	int v2_compat;       /* v3 over IPv4: VRRPv2 advertisements too (RFC 9568 8.4.2) */
	char auth[VRRP_AUTH_LEN + 1]; /* "" = no authentication */
	int nvips;
	struct n2_addr vips[VRRP_MAX_VIPS];
	int ntracks;
	struct group_track tracks[VRRP_MAX_TRACKS];
};

struct vif;

/* A virtual router (VRRP group) on one interface. */
struct group {
	struct group *next;
	struct vif *vif;
	struct group_cfg cfg;
	struct vrrp_fsm fsm;
	uint8_t cur_priority; /* after tracking; 255 when we own the address */
	int owner;
	int running;       /* started on the FSM (interface usable) */
	char why_init[96]; /* why it is in Initialize */
	struct n2_timer *t_fsm, *t_garp;
	int garps_left;
	char mvname[IFNAMSIZ]; /* the virtual-MAC macvlan */
	uint32_t mvindex;      /* 0 until pifmgr has created it */
	int mv_pending;        /* asked pifmgr to create it */
	int mv_up;             /* we asked for it up */
	int vips_installed;
	struct vrrp_stats st;
	/* v2_compat: who last sent us VRRPv3 and when, to ignore its VRRPv2 duplicates */
	struct n2_addr v3_src;
	uint64_t v3_seen_us;
	uint64_t last_change_us; /* realtime ms of the last state change, for show */
};

/* An interface in the Interface Database. */
struct vif {
	struct vif *next;
	struct vrrpd *vd; /* the process it belongs to */
	char name[IFNAMSIZ];
	uint32_t ifindex; /* 0 while pifmgr does not know it */
	int oper_up;
	struct n2_addr primary; /* its first IPv4 address; none while it has none */
	struct n2_addr ll6;     /* its IPv6 link-local address: what a v6 group sends from */
	int naddrs;
	struct n2_addr addrs[32]; /* its own IPv4 and IPv6 addresses (owner detection) */
	uint8_t mac[6];
	/* saved when VRRP first used it, for show and to check restoration */
	int saved;
	struct n2_addr saved_primary;
	uint8_t saved_mac[6];
	int rx_fd; /* advertisement socket, -1 when closed */
	struct group *groups;
};

struct track {
	struct track *next;
	uint16_t id;
	char ifname[IFNAMSIZ];
	int known, up; /* interface known to pifmgr; line protocol up */
	uint64_t changes;
	uint64_t last_change_ms; /* realtime */
};

struct pifc;
struct n2_cmdreg;
struct ly_ctx;

/* The whole state of the process (one per process: main.c's; unit tests make their own). */
struct vrrpd {
	struct n2_loop *loop;
	struct n2_ipc *ipc;              /* NULL in unit tests: nothing talks to the bus */
	struct vif *vifs;                /* the Interface Database */
	struct track *tracks;            /* the Tracking Database */
	struct vrrp_global_stats gst[2]; /* by VRRP_FAM(family) */
	int pif_ready;                   /* the snapshot from pifmgr has arrived */
	struct pifc *pc;                 /* bus.c: pifmgr's table and requests */
	struct n2_cmdreg *cmdreg;        /* commands.c: the command table registered with cmdmgr */
	struct ly_ctx *ly;               /* config.c: the libyang context of n2os-vrrp */
	int tx_fd;      /* net.c: the one sending socket, -1 until the first frame */
	uint16_t ip_id; /* group.c: IPv4 identification of the last advertisement */
	struct n2_ratelimit rl_rx, rl_tx; /* logs of bad advertisements, of send errors */
};

/* vrrpd.c: the context's life cycle. With ipc, follows pifmgr and registers the commands.
 * Returns 0, or -1 (out of memory). */
int vrrpd_init(struct vrrpd *vd, struct n2_loop *loop, struct n2_ipc *ipc);
/* At exit, after resigning: frees everything without another word on the wire. */
void vrrpd_fini(struct vrrpd *vd);

/* ifdb.c: the Interface Database */
struct vif *ifdb_get(struct vrrpd *vd, const char *name, int create);
void ifdb_maybe_free(struct vif *v);
/* An interface's state changed (from pifmgr): re-evaluate its groups and the tracks. */
void ifdb_update(struct vrrpd *vd, const char *name, uint32_t ifindex, int oper_up,
		 const uint8_t *mac, const struct n2_addr *addrs, int naddrs,
		 const struct n2_addr *primary, const struct n2_addr *ll6);
void ifdb_gone(struct vrrpd *vd, const char *name);

/* trackdb.c: the Tracking Database */
struct track *trackdb_find(const struct vrrpd *vd, uint16_t id);
void trackdb_set(struct vrrpd *vd, uint16_t id, const char *ifname);
void trackdb_remove_unlisted(struct vrrpd *vd, const uint16_t *ids, int n);
/* An interface's line protocol as pifmgr says (known = 0: it does not exist). */
void trackdb_link(struct vrrpd *vd, const char *ifname, int known, int up);
/* Sums the decrements of a group's down tracks into its current priority. */
uint8_t trackdb_priority(const struct group *g);
void trackdb_free_all(struct vrrpd *vd);

/* group.c */
/* The group of one family (AF_INET, AF_INET6) for vrid: a VRID may run one of each. */
struct group *group_find(struct vif *v, uint8_t vrid, uint8_t family);
struct group *group_create(struct vif *v, const struct group_cfg *cfg);
void group_update(struct group *g, const struct group_cfg *cfg);
void group_delete(struct group *g);
/* Starts or stops groups according to what their interface allows now. */
void group_evaluate(struct group *g);
/* Priority may have changed (tracking). */
void group_reprioritize(struct group *g);
void group_rx(struct vif *v, const uint8_t *ip, size_t len);
/* Resign every master group on an interface now (priority 0), e.g. before it goes down. */
void group_resign_iface(struct vif *v, const char *why);
void group_resign_all(struct vrrpd *vd, const char *why);
void group_mv_created(struct group *g, uint32_t ifindex);
void group_free_all(struct vrrpd *vd);
const char *group_state_name(const struct group *g);
void group_vmac(const struct group *g, uint8_t mac[6]);

/* net.c: the sockets */
int net_open_rx(struct vif *v);
void net_close_rx(struct vif *v);
/* Sends a whole Ethernet frame (vrrp_frame.c) from the group's interface. */
int net_send_frame(const struct group *g, const uint8_t *frame, size_t len);
void net_close_tx(struct vrrpd *vd);

/* bus.c: pifmgr, through lib/pifclient */
int vrrp_bus_init(struct vrrpd *vd);
void vrrp_bus_fini(struct vrrpd *vd);
void vrrp_bus_macvlan_create(struct group *g);
void vrrp_bus_macvlan_delete(struct group *g);
void vrrp_bus_macvlan_admin(struct group *g, int up);
void vrrp_bus_vip(struct group *g, const struct n2_addr *vip, int add);
/* Reports an interface's current state from pifmgr's table (through ifdb_update / ifdb_gone);
 * nothing before the table is in sync, which then reports every interface. */
void vrrp_bus_query(struct vrrpd *vd, const char *ifname);

/* config.c */
int config_apply(const char *module, const char *json, char *err, size_t errlen, void *arg);
void config_free(struct vrrpd *vd);

/* commands.c: the command table (registered by vrrpd.c; test_render renders it) */
extern const struct n2_cmd_def vrrp_commands[];
extern const size_t vrrp_ncommands;
extern const char *const vrrp_modules[];

/* show.c: family AF_INET (`show ip vrrp`), AF_INET6 (`show ipv6 vrrp`) or AF_UNSPEC (`show
 * vrrp`: both, brief with a family column) chooses the groups listed. */
int show_status(const struct vrrpd *vd, struct n2_buf *out, int json, int brief, int family);
int show_statistics(const struct vrrpd *vd, struct n2_buf *out, int json, int family);
int show_object(const struct vrrpd *vd, struct n2_buf *out, int json);

/* Logs a group's transition (info) */
void vrrp_log_transition(const struct group *g, enum vrrp_state from, const char *cause);
#endif
