/* Unit tests for vrrpd's show commands (protocols/vrrp/show.c): a vrrpd context built through the
 * databases' own functions (ifdb_get, trackdb_set, group_create), with groups in every state
 * (Initialize with its reason, Backup, Master, the address owner, VRRPv3 with the master's
 * learned interval), IPv6 virtual routers (one beside an IPv4 one of the same VRID, one with its
 * virtual link-local address configured), tracked objects up, down and unknown, and non-zero
 * counters of both families; every show (status, brief, statistics of IPv4 (`show ip vrrp`),
 * IPv6 and both (`show vrrp`), and object; text and JSON) must produce exactly these bytes, which
 * pin what operators and the integration tests read. VRRPv2 groups keep the paper's text. Also
 * the empty context and a family with no group. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "testutil.h"
#include "vrrpd.h"

static struct vrrpd vd;
/* The family of the show (`show ip vrrp` unless a test says otherwise) */
static int fam = AF_INET;

static struct n2_addr addr(const char *s)
{
	struct n2_addr a;
	assert_int_equal(n2_addr_parse(s, &a), 0);
	return a;
}

static struct group_cfg cfg(uint8_t vrid, uint8_t version, uint8_t priority, const char *vip)
{
	struct group_cfg c = {.vrid = vrid,
			      .version = version,
			      .priority = priority,
			      .garp_count = 3,
			      .family = AF_INET,
			      .preempt = 1,
			      .cksum_v4_pseudo = 1,
			      .adv_cs = 100};
	if (vip)
		c.vips[c.nvips++] = addr(vip);
	return c;
}

/* The interface as pifmgr would have reported it (no ifindex: no socket is opened). */
static struct vif *iface(const char *name, const char *primary)
{
	struct vif *v = ifdb_get(&vd, name, 1);
	assert_non_null(v);
	if (primary) {
		v->primary = addr(primary);
		v->addrs[v->naddrs++] = v->primary;
		v->oper_up = 1;
	}
	return v;
}

static struct group *group(struct vif *v, const struct group_cfg *c, enum vrrp_state st)
{
	struct group *g = group_create(v, c);
	assert_non_null(g);
	g->fsm.state = st;
	if (st != VRRP_INIT) {
		g->running = 1;
		g->why_init[0] = 0;
	}
	return g;
}

static int setup(void **state)
{
	(void)state;
	fam = AF_INET;
	assert_int_equal(vrrpd_init(&vd, NULL, NULL), 0);
	/* tracks first, as config.c applies them */
	trackdb_set(&vd, 1, "eth2");
	trackdb_set(&vd, 7, "we\"ird\\");
	trackdb_set(&vd, 3, "eth3");
	trackdb_link(&vd, "eth2", 1, 1);
	trackdb_link(&vd, "eth2", 1, 0); /* 2 changes, down */
	trackdb_link(&vd, "eth3", 1, 1);

	struct vif *e1 = iface("eth1", "192.0.2.10");
	struct group_cfg c = cfg(1, 2, 200, "192.0.2.1");
	c.vips[c.nvips++] = addr("192.0.2.2");
	snprintf(c.auth, sizeof(c.auth), "s3cret");
	c.tracks[c.ntracks++] = (struct group_track){1, 20};
	c.tracks[c.ntracks++] = (struct group_track){7, 10};
	struct group *g = group(e1, &c, VRRP_MASTER);
	assert_int_equal(g->cur_priority, 170); /* 200 - 20 (down) - 10 (no such interface) */
	g->st = (struct vrrp_stats){.master_transitions = 3,
				    .adv_rcvd = 12,
				    .adv_sent = 345,
				    .interval_errors = 1,
				    .prio_zero_rcvd = 2,
				    .prio_zero_sent = 1,
				    .invalid_type = 4,
				    .address_list_errors = 5,
				    .packet_length_errors = 6,
				    .auth_type_mismatch = 7,
				    .auth_failures = 8};

	c = cfg(2, 3, 100, "192.0.2.10"); /* the interface's own address */
	c.preempt = 0;
	c.adv_cs = 200;
	g = group(e1, &c, VRRP_MASTER);
	g->owner = 1;
	g->cur_priority = 255;

	c = cfg(3, 2, 90, "192.0.2.3");
	c.tracks[c.ntracks++] = (struct group_track){3, 50};
	g = group(e1, &c, VRRP_BACKUP);
	g->fsm.master_ip = addr("192.0.2.20");
	g->st.prio_zero_rcvd = 1;
	g->st.adv_rcvd = 99;

	struct vif *e0 = iface("eth0", "198.51.100.2");
	c = cfg(9, 3, 100, "198.51.100.1");
	c.cksum_v4_pseudo = 0; /* for a peer that computes it as VRRPv2 does */
	c.preempt_delay_s = 30;
	c.accept_mode = 1;
	c.v2_compat = 1; /* RFC 9568 8.4.2 */
	g = group(e0, &c, VRRP_BACKUP);
	g->fsm.master_adv_cs = 150; /* learned from the master (RFC 9568 6.4.2) */
	g->fsm.master_ip = addr("198.51.100.3");

	/* VRID 9's IPv6 virtual router on the same interface (RFC 9568 1: a separate one), Master
	 * at 100 ms, its virtual link-local address derived from the VRID */
	e0->ll6 = addr("fe80::2");
	c = cfg(9, 3, 150, "2001:db8:1::1");
	c.family = AF_INET6;
	c.adv_cs = 10;
	g = group(e0, &c, VRRP_MASTER);
	g->fsm.master_adv_cs = 10;
	g->st.adv_sent = 77;

	/* an IPv6 Backup whose virtual link-local address is configured after a global one (it
	 * is advertised first), the master's interval learnt */
	c = cfg(5, 3, 100, "2001:db8::5");
	c.family = AF_INET6;
	c.vips[c.nvips++] = addr("fe80::5");
	g = group(e1, &c, VRRP_BACKUP);
	g->fsm.master_adv_cs = 20;
	g->fsm.master_ip = addr("fe80::20");
	g->st.adv_rcvd = 5;

	/* not known to pifmgr and no virtual address: Initialize, with why */
	c = cfg(4, 2, 100, NULL);
	group(iface("eth10", NULL), &c, VRRP_INIT);

	vd.gst[0] = (struct vrrp_global_stats){.checksum_errors = 11,
					       .version_errors = 12,
					       .vrid_errors = 13,
					       .ip_ttl_errors = 14};
	vd.gst[1] = (struct vrrp_global_stats){
		.checksum_errors = 1, .version_errors = 2, .vrid_errors = 3, .ip_ttl_errors = 4};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vrrpd_fini(&vd);
	return 0;
}

typedef int (*show_fn)(const struct vrrpd *vd, struct n2_buf *out, int json, int brief);

static int status(const struct vrrpd *v, struct n2_buf *out, int json, int brief)
{
	return show_status(v, out, json, brief, fam);
}

static int statistics(const struct vrrpd *v, struct n2_buf *out, int json, int brief)
{
	(void)brief;
	return show_statistics(v, out, json, fam);
}

static int object(const struct vrrpd *v, struct n2_buf *out, int json, int brief)
{
	(void)brief;
	return show_object(v, out, json);
}

static void expect(show_fn fn, int json, int brief, const char *want)
{
	struct n2_buf b;
	n2_buf_init(&b);
	assert_int_equal(fn(&vd, &b, json, brief), 0);
	if (strcmp(n2_buf_str(&b), want))
		fail_msg("got:\n%s\nexpected:\n%s", n2_buf_str(&b), want);
	n2_buf_fini(&b);
}

/* Every group's block, as each show prints it: text and JSON of status, then of statistics. */
#define STATUS_E1_1                                            \
	"Interface eth1, VRID 1 (VRRPv2)\n"                    \
	"  State                 : Master\n"                   \
	"  Virtual IP            : 192.0.2.1 192.0.2.2\n"      \
	"  Virtual MAC           : 00:00:5e:00:01:01\n"        \
	"  Advertisement interval: 1 s\n"                      \
	"  Priority              : 170 (configured 200)\n"     \
	"  Preempt               : on, delay 0 s\n"            \
	"  Accept mode           : off\n"                      \
	"  Authentication        : text\n"                     \
	"  Master                : 192.0.2.10 (this router)\n" \
	"  Master down interval  : 3.336 s (skew 0.336 s)\n"   \
	"  Tracked objects       :\n"                          \
	"    track 1: eth2 line-protocol down, decrement 20\n" \
	"    track 7: we\"ird\\ line-protocol down, decrement 10\n"

#define STATUS_E1_2                                               \
	"Interface eth1, VRID 2 (VRRPv3, IPv4)\n"                 \
	"  State                 : Master\n"                      \
	"  Virtual IP            : 192.0.2.10 (address owner)\n"  \
	"  Virtual MAC           : 00:00:5e:00:01:02\n"           \
	"  Advertisement interval: 2000 ms\n"                     \
	"  Priority              : 255 (configured 100)\n"        \
	"  Preempt               : off, delay 0 s\n"              \
	"  Accept mode           : off\n"                         \
	"  Authentication        : none\n"                        \
	"  Checksum              : with the IPv4 pseudo-header\n" \
	"  VRRPv2 compatibility  : off\n"                         \
	"  Master                : 192.0.2.10 (this router)\n"    \
	"  Master down interval  : 6007.812 ms (skew 7.812 ms)\n" \
	"  Tracked objects       : none\n"

#define STATUS_E1_3                                          \
	"Interface eth1, VRID 3 (VRRPv2)\n"                  \
	"  State                 : Backup\n"                 \
	"  Virtual IP            : 192.0.2.3\n"              \
	"  Virtual MAC           : 00:00:5e:00:01:03\n"      \
	"  Advertisement interval: 1 s\n"                    \
	"  Priority              : 90 (configured 90)\n"     \
	"  Preempt               : on, delay 0 s\n"          \
	"  Accept mode           : off\n"                    \
	"  Authentication        : none\n"                   \
	"  Master                : 192.0.2.20\n"             \
	"  Master down interval  : 3.648 s (skew 0.648 s)\n" \
	"  Tracked objects       :\n"                        \
	"    track 3: eth3 line-protocol up, decrement 50\n"

#define STATUS_E1_5                                                \
	"Interface eth1, VRID 5 (VRRPv3, IPv6)\n"                  \
	"  State                 : Backup\n"                       \
	"  Virtual IP            : fe80::5 2001:db8::5\n"          \
	"  Virtual MAC           : 00:00:5e:00:02:05\n"            \
	"  Advertisement interval: 1000 ms (master's: 200 ms)\n"   \
	"  Priority              : 100 (configured 100)\n"         \
	"  Preempt               : on, delay 0 s\n"                \
	"  Accept mode           : off\n"                          \
	"  Authentication        : none\n"                         \
	"  Master                : fe80::20\n"                     \
	"  Master down interval  : 721.875 ms (skew 121.875 ms)\n" \
	"  Tracked objects       : none\n"

#define STATUS_E0_9                                                                    \
	"Interface eth0, VRID 9 (VRRPv3, IPv4)\n"                                      \
	"  State                 : Backup\n"                                           \
	"  Virtual IP            : 198.51.100.1\n"                                     \
	"  Virtual MAC           : 00:00:5e:00:01:09\n"                                \
	"  Advertisement interval: 1000 ms (master's: 1500 ms)\n"                      \
	"  Priority              : 100 (configured 100)\n"                             \
	"  Preempt               : on, delay 30 s\n"                                   \
	"  Accept mode           : on\n"                                               \
	"  Authentication        : none\n"                                             \
	"  Checksum              : without the IPv4 pseudo-header (as VRRPv2)\n"       \
	"  VRRPv2 compatibility  : on (VRRPv2 advertisements sent and accepted too)\n" \
	"  Master                : 198.51.100.3\n"                                     \
	"  Master down interval  : 5414.062 ms (skew 914.062 ms)\n"                    \
	"  Tracked objects       : none\n"

#define STATUS_E0_9V6                                                       \
	"Interface eth0, VRID 9 (VRRPv3, IPv6)\n"                           \
	"  State                 : Master\n"                                \
	"  Virtual IP            : fe80::200:5eff:fe00:209 2001:db8:1::1\n" \
	"  Virtual MAC           : 00:00:5e:00:02:09\n"                     \
	"  Advertisement interval: 100 ms\n"                                \
	"  Priority              : 150 (configured 150)\n"                  \
	"  Preempt               : on, delay 0 s\n"                         \
	"  Accept mode           : off\n"                                   \
	"  Authentication        : none\n"                                  \
	"  Master                : fe80::2 (this router)\n"                 \
	"  Master down interval  : 341.406 ms (skew 41.406 ms)\n"           \
	"  Tracked objects       : none\n"

#define STATUS_E10_4                                                  \
	"Interface eth10, VRID 4 (VRRPv2)\n"                          \
	"  State                 : Initialize (waiting for pifmgr)\n" \
	"  Virtual IP            :\n"                                 \
	"  Virtual MAC           : 00:00:5e:00:01:04\n"               \
	"  Advertisement interval: 1 s\n"                             \
	"  Priority              : 100 (configured 100)\n"            \
	"  Preempt               : on, delay 0 s\n"                   \
	"  Accept mode           : off\n"                             \
	"  Authentication        : none\n"                            \
	"  Master                : -\n"                               \
	"  Master down interval  : 3.609 s (skew 0.609 s)\n"          \
	"  Tracked objects       : none\n"

#define JSON_E1_1                                                                                  \
	"{\"interface\":\"eth1\",\"vrid\":1,\"version\":2,\"family\":\"ipv4\","                    \
	"\"state\":\"Master\",\"reason\":\"\",\"virtual_ips\":[\"192.0.2.1\",\"192.0.2.2\"],"      \
	"\"owner\":false,\"virtual_mac\":\"00:00:5e:00:01:01\",\"advertise_interval_s\":1,"        \
	"\"interval_ms\":1000,\"master_adver_interval_ms\":1000,\"priority\":170,"                 \
	"\"configured_priority\":200,\"preempt\":true,\"preempt_delay_s\":0,"                      \
	"\"accept_mode\":false,\"authentication\":\"text\",\"master\":\"192.0.2.10\","             \
	"\"master_down_interval_us\":3335937,\"skew_time_us\":335937,\"master_down_ms\":3335.937," \
	"\"skew_ms\":335.937,\"tracks\":[{\"id\":1,\"interface\":\"eth2\",\"up\":false,"           \
	"\"decrement\":20},{\"id\":7,\"interface\":\"we\\\"ird\\\\\",\"up\":false,"                \
	"\"decrement\":10}]}"

#define JSON_E1_2                                                                                  \
	"{\"interface\":\"eth1\",\"vrid\":2,\"version\":3,\"family\":\"ipv4\","                    \
	"\"state\":\"Master\",\"reason\":\"\",\"virtual_ips\":[\"192.0.2.10\"],\"owner\":true,"    \
	"\"virtual_mac\":\"00:00:5e:00:01:02\",\"advertise_interval_s\":2,\"interval_ms\":2000,"   \
	"\"master_adver_interval_ms\":2000,\"priority\":255,\"configured_priority\":100,"          \
	"\"preempt\":false,\"preempt_delay_s\":0,\"accept_mode\":false,"                           \
	"\"authentication\":\"none\",\"checksum_ipv4_pseudoheader\":true,\"v2_compatible\":false," \
	"\"master\":\"192.0.2.10\",\"master_down_interval_us\":6007812,\"skew_time_us\":7812,"     \
	"\"master_down_ms\":6007.812,\"skew_ms\":7.812,\"tracks\":[]}"

#define JSON_E1_3                                                                                  \
	"{\"interface\":\"eth1\",\"vrid\":3,\"version\":2,\"family\":\"ipv4\","                    \
	"\"state\":\"Backup\",\"reason\":\"\",\"virtual_ips\":[\"192.0.2.3\"],\"owner\":false,"    \
	"\"virtual_mac\":\"00:00:5e:00:01:03\",\"advertise_interval_s\":1,\"interval_ms\":1000,"   \
	"\"master_adver_interval_ms\":1000,\"priority\":90,\"configured_priority\":90,"            \
	"\"preempt\":true,\"preempt_delay_s\":0,\"accept_mode\":false,"                            \
	"\"authentication\":\"none\",\"master\":\"192.0.2.20\","                                   \
	"\"master_down_interval_us\":3648437,\"skew_time_us\":648437,\"master_down_ms\":3648.437," \
	"\"skew_ms\":648.437,\"tracks\":[{\"id\":3,\"interface\":\"eth3\",\"up\":true,"            \
	"\"decrement\":50}]}"

#define JSON_E1_5                                                                                \
	"{\"interface\":\"eth1\",\"vrid\":5,\"version\":3,\"family\":\"ipv6\","                  \
	"\"state\":\"Backup\",\"reason\":\"\",\"virtual_ips\":[\"fe80::5\",\"2001:db8::5\"],"    \
	"\"owner\":false,\"virtual_mac\":\"00:00:5e:00:02:05\",\"advertise_interval_s\":1,"      \
	"\"interval_ms\":1000,\"master_adver_interval_ms\":200,\"priority\":100,"                \
	"\"configured_priority\":100,\"preempt\":true,\"preempt_delay_s\":0,"                    \
	"\"accept_mode\":false,\"authentication\":\"none\",\"master\":\"fe80::20\","             \
	"\"master_down_interval_us\":721875,\"skew_time_us\":121875,\"master_down_ms\":721.875," \
	"\"skew_ms\":121.875,\"tracks\":[]}"

#define JSON_E0_9                                                                                  \
	"{\"interface\":\"eth0\",\"vrid\":9,\"version\":3,\"family\":\"ipv4\","                    \
	"\"state\":\"Backup\",\"reason\":\"\",\"virtual_ips\":[\"198.51.100.1\"],\"owner\":false," \
	"\"virtual_mac\":\"00:00:5e:00:01:09\",\"advertise_interval_s\":1,\"interval_ms\":1000,"   \
	"\"master_adver_interval_ms\":1500,\"priority\":100,\"configured_priority\":100,"          \
	"\"preempt\":true,\"preempt_delay_s\":30,\"accept_mode\":true,"                            \
	"\"authentication\":\"none\",\"checksum_ipv4_pseudoheader\":false,\"v2_compatible\":true," \
	"\"master\":\"198.51.100.3\",\"master_down_interval_us\":5414062,\"skew_time_us\":914062," \
	"\"master_down_ms\":5414.062,\"skew_ms\":914.062,\"tracks\":[]}"

#define JSON_E0_9V6                                                                             \
	"{\"interface\":\"eth0\",\"vrid\":9,\"version\":3,\"family\":\"ipv6\","                 \
	"\"state\":\"Master\",\"reason\":\"\",\"virtual_ips\":[\"fe80::200:5eff:fe00:209\","    \
	"\"2001:db8:1::1\"],\"owner\":false,\"virtual_mac\":\"00:00:5e:00:02:09\","             \
	"\"advertise_interval_s\":0,\"interval_ms\":100,\"master_adver_interval_ms\":100,"      \
	"\"priority\":150,\"configured_priority\":150,\"preempt\":true,\"preempt_delay_s\":0,"  \
	"\"accept_mode\":false,\"authentication\":\"none\",\"master\":\"fe80::2\","             \
	"\"master_down_interval_us\":341406,\"skew_time_us\":41406,\"master_down_ms\":341.406," \
	"\"skew_ms\":41.406,\"tracks\":[]}"

#define JSON_E10_4                                                                                 \
	"{\"interface\":\"eth10\",\"vrid\":4,\"version\":2,\"family\":\"ipv4\","                   \
	"\"state\":\"Initialize\",\"reason\":\"waiting for pifmgr\",\"virtual_ips\":[],"           \
	"\"owner\":false,\"virtual_mac\":\"00:00:5e:00:01:04\",\"advertise_interval_s\":1,"        \
	"\"interval_ms\":1000,\"master_adver_interval_ms\":1000,\"priority\":100,"                 \
	"\"configured_priority\":100,\"preempt\":true,\"preempt_delay_s\":0,"                      \
	"\"accept_mode\":false,\"authentication\":\"none\",\"master\":\"-\","                      \
	"\"master_down_interval_us\":3609375,\"skew_time_us\":609375,\"master_down_ms\":3609.375," \
	"\"skew_ms\":609.375,\"tracks\":[]}"

/* A group's RFC 8347 counters, in text and in JSON, in show.c's order */
#define COUNTERS(a, b, c, d, e, f, g, h, i, j, k) \
	"  master-transitions       " a "\n"      \
	"  advertisement-rcvd       " b "\n"      \
	"  advertisement-sent       " c "\n"      \
	"  interval-errors          " d "\n"      \
	"  priority-zero-pkts-rcvd  " e "\n"      \
	"  priority-zero-pkts-sent  " f "\n"      \
	"  invalid-type-pkts-rcvd   " g "\n"      \
	"  address-list-errors      " h "\n"      \
	"  packet-length-errors     " i "\n"      \
	"  auth-type-mismatch       " j "\n"      \
	"  auth-failures            " k "\n"

#define COUNTERS_JSON(a, b, c, d, e, f, g, h, i, j, k)                                            \
	"\"master-transitions\":" a ",\"advertisement-rcvd\":" b ",\"advertisement-sent\":" c     \
	",\"interval-errors\":" d ",\"priority-zero-pkts-rcvd\":" e                               \
	",\"priority-zero-pkts-sent\":" f ",\"invalid-type-pkts-rcvd\":" g                        \
	",\"address-list-errors\":" h ",\"packet-length-errors\":" i ",\"auth-type-mismatch\":" j \
	",\"auth-failures\":" k

#define STATS_E1_1                                                                               \
	"Interface eth1, VRID 1\n" COUNTERS("3", "12", "345", "1", "2", "1", "4", "5", "6", "7", \
					    "8")

#define STATS_E1_2                                                                                 \
	"Interface eth1, VRID 2 (VRRPv3, IPv4)\n" COUNTERS("0", "0", "0", "0", "0", "0", "0", "0", \
							   "0", "0", "0")

#define STATS_E1_3 \
	"Interface eth1, VRID 3\n" COUNTERS("0", "99", "0", "0", "1", "0", "0", "0", "0", "0", "0")

#define STATS_E1_5                                                                                 \
	"Interface eth1, VRID 5 (VRRPv3, IPv6)\n" COUNTERS("0", "5", "0", "0", "0", "0", "0", "0", \
							   "0", "0", "0")

#define STATS_E0_9                                                                                 \
	"Interface eth0, VRID 9 (VRRPv3, IPv4)\n" COUNTERS("0", "0", "0", "0", "0", "0", "0", "0", \
							   "0", "0", "0")

#define STATS_E0_9V6                                                                           \
	"Interface eth0, VRID 9 (VRRPv3, IPv6)\n" COUNTERS("0", "0", "77", "0", "0", "0", "0", \
							   "0", "0", "0", "0")

#define STATS_E10_4 \
	"Interface eth10, VRID 4\n" COUNTERS("0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0")

#define STATSJ_E1_1                                                                            \
	"{\"interface\":\"eth1\",\"vrid\":1,\"version\":2,\"family\":\"ipv4\"," COUNTERS_JSON( \
		"3", "12", "345", "1", "2", "1", "4", "5", "6", "7", "8") "}"

#define STATSJ_E1_2                                                                            \
	"{\"interface\":\"eth1\",\"vrid\":2,\"version\":3,\"family\":\"ipv4\"," COUNTERS_JSON( \
		"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0") "}"

#define STATSJ_E1_3                                                                            \
	"{\"interface\":\"eth1\",\"vrid\":3,\"version\":2,\"family\":\"ipv4\"," COUNTERS_JSON( \
		"0", "99", "0", "0", "1", "0", "0", "0", "0", "0", "0") "}"

#define STATSJ_E1_5                                                                            \
	"{\"interface\":\"eth1\",\"vrid\":5,\"version\":3,\"family\":\"ipv6\"," COUNTERS_JSON( \
		"0", "5", "0", "0", "0", "0", "0", "0", "0", "0", "0") "}"

#define STATSJ_E0_9                                                                            \
	"{\"interface\":\"eth0\",\"vrid\":9,\"version\":3,\"family\":\"ipv4\"," COUNTERS_JSON( \
		"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0") "}"

#define STATSJ_E0_9V6                                                                          \
	"{\"interface\":\"eth0\",\"vrid\":9,\"version\":3,\"family\":\"ipv6\"," COUNTERS_JSON( \
		"0", "0", "77", "0", "0", "0", "0", "0", "0", "0", "0") "}"

#define STATSJ_E10_4                                                                            \
	"{\"interface\":\"eth10\",\"vrid\":4,\"version\":2,\"family\":\"ipv4\"," COUNTERS_JSON( \
		"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0") "}"

/* `show ip vrrp status`: the IPv4 virtual routers only, v2 exactly as the paper's (Fig. 3), v3
 * with its version, family and timers in milliseconds */
#define STATUS_TEXT STATUS_E1_1 "\n" STATUS_E1_2 "\n" STATUS_E1_3 "\n" STATUS_E0_9 "\n" STATUS_E10_4
#define STATUS_JSON \
	"{\"groups\":[" JSON_E1_1 "," JSON_E1_2 "," JSON_E1_3 "," JSON_E0_9 "," JSON_E10_4 "]}\n"
/* `show ipv6 vrrp status`: the IPv6 ones, the virtual link-local address first */
#define STATUS6_TEXT STATUS_E1_5 "\n" STATUS_E0_9V6
#define STATUS6_JSON "{\"groups\":[" JSON_E1_5 "," JSON_E0_9V6 "]}\n"
/* `show vrrp`: both, in the Interface Database's order (VRID 9 of eth0 twice) */
#define STATUS_ALL_TEXT                                                                 \
	STATUS_E1_1 "\n" STATUS_E1_2 "\n" STATUS_E1_3 "\n" STATUS_E1_5 "\n" STATUS_E0_9 \
		    "\n" STATUS_E0_9V6 "\n" STATUS_E10_4
#define STATUS_ALL_JSON                                                                   \
	"{\"groups\":[" JSON_E1_1 "," JSON_E1_2 "," JSON_E1_3 "," JSON_E1_5 "," JSON_E0_9 \
	"," JSON_E0_9V6 "," JSON_E10_4 "]}\n"

#define BRIEF_TEXT                                                                     \
	"Interface  VRID State       Prio Virtual IP       Master          \n"         \
	"eth1          1 Master       170 192.0.2.1        192.0.2.10 (this router)\n" \
	"eth1          2 Master       255 192.0.2.10       192.0.2.10 (this router)\n" \
	"eth1          3 Backup        90 192.0.2.3        192.0.2.20      \n"         \
	"eth0          9 Backup       100 198.51.100.1     198.51.100.3    \n"         \
	"eth10         4 Initialize   100 -                -               \n"

/* the virtual address column as wide as the IPv6 link-local addresses */
#define BRIEF6_TEXT                                                                   \
	"Interface  VRID State       Prio Virtual IP              Master          \n" \
	"eth1          5 Backup       100 fe80::5                 fe80::20        \n" \
	"eth0          9 Master       150 fe80::200:5eff:fe00:209 fe80::2 (this router)\n"

/* a family column when both are listed */
#define BRIEF_ALL_TEXT                                                                            \
	"Interface  VRID Family State       Prio Virtual IP              Master          \n"      \
	"eth1          1 IPv4   Master       170 192.0.2.1               192.0.2.10 (this "       \
	"router)\n"                                                                               \
	"eth1          2 IPv4   Master       255 192.0.2.10              192.0.2.10 (this "       \
	"router)\n"                                                                               \
	"eth1          3 IPv4   Backup        90 192.0.2.3               192.0.2.20      \n"      \
	"eth1          5 IPv6   Backup       100 fe80::5                 fe80::20        \n"      \
	"eth0          9 IPv4   Backup       100 198.51.100.1            198.51.100.3    \n"      \
	"eth0          9 IPv6   Master       150 fe80::200:5eff:fe00:209 fe80::2 (this router)\n" \
	"eth10         4 IPv4   Initialize   100 -                       -               \n"

/* statistics: the global counters of the family (of both in `show vrrp statistics`), then the
 * groups of the family; a v3 group's header names its version and family */
#define GLOBAL_TEXT(c, v, r, t)                                                                    \
	"Global: checksum-errors " c ", version-errors " v ", vrid-errors " r ", ip-ttl-errors " t \
	"\n"
#define GLOBAL_JSON(c, v, r, t)                                                  \
	"{\"checksum-errors\":" c ",\"version-errors\":" v ",\"vrid-errors\":" r \
	",\"ip-ttl-errors\":" t ",\"groups\":["
#define STATISTICS_TEXT                     \
	GLOBAL_TEXT("11", "12", "13", "14") \
	STATS_E1_1 STATS_E1_2 STATS_E1_3 STATS_E0_9 STATS_E10_4
#define STATISTICS_JSON                     \
	GLOBAL_JSON("11", "12", "13", "14") \
	STATSJ_E1_1 "," STATSJ_E1_2 "," STATSJ_E1_3 "," STATSJ_E0_9 "," STATSJ_E10_4 "]}\n"
#define STATISTICS6_TEXT GLOBAL_TEXT("1", "2", "3", "4") STATS_E1_5 STATS_E0_9V6
#define STATISTICS6_JSON GLOBAL_JSON("1", "2", "3", "4") STATSJ_E1_5 "," STATSJ_E0_9V6 "]}\n"
#define STATISTICS_ALL_TEXT                 \
	GLOBAL_TEXT("12", "14", "16", "18") \
	STATS_E1_1 STATS_E1_2 STATS_E1_3 STATS_E1_5 STATS_E0_9 STATS_E0_9V6 STATS_E10_4
#define STATISTICS_ALL_JSON                                                         \
	GLOBAL_JSON("12", "14", "16", "18")                                         \
	STATSJ_E1_1 "," STATSJ_E1_2 "," STATSJ_E1_3 "," STATSJ_E1_5 "," STATSJ_E0_9 \
		    "," STATSJ_E0_9V6 "," STATSJ_E10_4 "]}\n"

#define OBJECT_TEXT                             \
	"Track 3\n"                             \
	"  Interface eth3 line-protocol\n"      \
	"  State: up\n"                         \
	"  Changes: 1\n"                        \
	"  Used by 1 VRRP group(s)\n"           \
	"    eth1 vrid 3, decrement 50\n"       \
	"Track 7\n"                             \
	"  Interface we\"ird\\ line-protocol\n" \
	"  State: down (no such interface)\n"   \
	"  Changes: 0\n"                        \
	"  Used by 1 VRRP group(s)\n"           \
	"    eth1 vrid 1, decrement 10\n"       \
	"Track 1\n"                             \
	"  Interface eth2 line-protocol\n"      \
	"  State: down\n"                       \
	"  Changes: 2\n"                        \
	"  Used by 1 VRRP group(s)\n"           \
	"    eth1 vrid 1, decrement 20\n"

#define OBJECT_JSON                                                                                \
	"{\"objects\":[{\"id\":3,\"interface\":\"eth3\",\"up\":true,\"known\":true,\"changes\":1," \
	"\"groups\":1},{\"id\":7,\"interface\":\"we\\\"ird\\\\\",\"up\":false,\"known\":false,"    \
	"\"changes\":0,"                                                                           \
	"\"groups\":1},{\"id\":1,\"interface\":\"eth2\",\"up\":false,\"known\":true,\"changes\":"  \
	"2,"                                                                                       \
	"\"groups\":1}]}\n"

static void test_status_text(void **state)
{
	(void)state;
	expect(status, 0, 0, STATUS_TEXT);
}

static void test_status_json(void **state)
{
	(void)state;
	expect(status, 1, 0, STATUS_JSON);
}

static void test_brief_text(void **state)
{
	(void)state;
	expect(status, 0, 1, BRIEF_TEXT);
}

static void test_brief_json(void **state)
{
	(void)state;
	/* the same document as status (brief only shortens the text) */
	expect(status, 1, 1, STATUS_JSON);
}

static void test_statistics_text(void **state)
{
	(void)state;
	expect(statistics, 0, 0, STATISTICS_TEXT);
}

static void test_statistics_json(void **state)
{
	(void)state;
	expect(statistics, 1, 0, STATISTICS_JSON);
}

/* show ipv6 vrrp ...: the IPv6 virtual routers and the IPv6 global counters only */
static void test_ipv6(void **state)
{
	(void)state;
	fam = AF_INET6;
	expect(status, 0, 0, STATUS6_TEXT);
	expect(status, 1, 0, STATUS6_JSON);
	expect(status, 0, 1, BRIEF6_TEXT);
	expect(status, 1, 1, STATUS6_JSON);
	expect(statistics, 0, 0, STATISTICS6_TEXT);
	expect(statistics, 1, 0, STATISTICS6_JSON);
}

/* show vrrp ...: both families, VRID 9 of eth0 as two virtual routers */
static void test_both(void **state)
{
	(void)state;
	fam = AF_UNSPEC;
	expect(status, 0, 0, STATUS_ALL_TEXT);
	expect(status, 1, 0, STATUS_ALL_JSON);
	expect(status, 0, 1, BRIEF_ALL_TEXT);
	expect(status, 1, 1, STATUS_ALL_JSON);
	expect(statistics, 0, 0, STATISTICS_ALL_TEXT);
	expect(statistics, 1, 0, STATISTICS_ALL_JSON);
}

/* A family with no group configured says so, as an empty daemon does. */
static void test_family_empty(void **state)
{
	(void)state;
	vrrpd_fini(&vd);
	assert_int_equal(vrrpd_init(&vd, NULL, NULL), 0);
	struct vif *v = iface("eth1", "192.0.2.10");
	struct group_cfg c = cfg(1, 2, 100, "192.0.2.1");
	group(v, &c, VRRP_BACKUP);
	fam = AF_INET6;
	expect(status, 0, 0, "No VRRP group is configured.\n");
	expect(status, 1, 0, "{\"groups\":[]}\n");
	expect(statistics, 1, 0,
	       "{\"checksum-errors\":0,\"version-errors\":0,\"vrid-errors\":0,\"ip-ttl-errors\":0,"
	       "\"groups\":[]}\n");
}

static void test_object_text(void **state)
{
	(void)state;
	expect(object, 0, 0, OBJECT_TEXT);
}

static void test_object_json(void **state)
{
	(void)state;
	expect(object, 1, 0, OBJECT_JSON);
}

/* Nothing configured: what each show says then. */
static void test_empty(void **state)
{
	(void)state;
	vrrpd_fini(&vd);
	assert_int_equal(vrrpd_init(&vd, NULL, NULL), 0);
	expect(status, 0, 0, "No VRRP group is configured.\n");
	expect(status, 0, 1,
	       "Interface  VRID State       Prio Virtual IP       Master          \nNo VRRP group "
	       "is configured.\n");
	expect(status, 1, 0, "{\"groups\":[]}\n");
	expect(status, 1, 1, "{\"groups\":[]}\n");
	expect(statistics, 0, 0,
	       "Global: checksum-errors 0, version-errors 0, vrid-errors 0, ip-ttl-errors 0\n");
	expect(statistics, 1, 0,
	       "{\"checksum-errors\":0,\"version-errors\":0,\"vrid-errors\":0,\"ip-ttl-errors\":0,"
	       "\"groups\":[]}\n");
	expect(object, 0, 0, "No track object is configured.\n");
	expect(object, 1, 0, "{\"objects\":[]}\n");
}

int main(void)
{
	tu_log_init("test_vrrp_show");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_status_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brief_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brief_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statistics_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statistics_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipv6, setup, teardown),
		cmocka_unit_test_setup_teardown(test_both, setup, teardown),
		cmocka_unit_test_setup_teardown(test_family_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_object_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_object_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
