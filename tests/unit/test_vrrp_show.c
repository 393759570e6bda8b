/* Unit tests for vrrpd's show commands (protocols/vrrp/show.c): a vrrpd context built through the
 * databases' own functions (ifdb_get, trackdb_set, group_create), with groups in every state
 * (Initialize with its reason, Backup, Master, the address owner, VRRPv3 with the master's
 * learned interval), tracked objects up, down and unknown, and non-zero counters; every show
 * (status, brief, statistics, object; text and JSON) must produce exactly these bytes, which
 * pin what operators and the integration tests read. Also the empty context. */
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

static struct n2_addr a4(const char *s)
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
		c.vips[c.nvips++] = a4(vip);
	return c;
}

/* The interface as pifmgr would have reported it (no ifindex: no socket is opened). */
static struct vif *iface(const char *name, const char *primary)
{
	struct vif *v = ifdb_get(&vd, name, 1);
	assert_non_null(v);
	if (primary) {
		v->primary = a4(primary);
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
	c.vips[c.nvips++] = a4("192.0.2.2");
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
	g->fsm.master_ip = a4("192.0.2.20");
	g->st.prio_zero_rcvd = 1;
	g->st.adv_rcvd = 99;

	struct vif *e0 = iface("eth0", "198.51.100.2");
	c = cfg(9, 3, 100, "198.51.100.1");
	c.cksum_v4_pseudo = 0; /* for a peer that computes it as VRRPv2 does */
	c.preempt_delay_s = 30;
	c.accept_mode = 1;
	g = group(e0, &c, VRRP_BACKUP);
	g->fsm.master_adv_cs = 150; /* learned from the master (RFC 9568 6.4.2) */
	g->fsm.master_ip = a4("198.51.100.3");

	/* not known to pifmgr and no virtual address: Initialize, with why */
	c = cfg(4, 2, 100, NULL);
	group(iface("eth10", NULL), &c, VRRP_INIT);

	vd.gst = (struct vrrp_global_stats){.checksum_errors = 11,
					    .version_errors = 12,
					    .vrid_errors = 13,
					    .ip_ttl_errors = 14};
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
	return show_status(v, out, json, brief);
}

static int statistics(const struct vrrpd *v, struct n2_buf *out, int json, int brief)
{
	(void)brief;
	return show_statistics(v, out, json);
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

#define STATUS_TEXT                                                              \
	"Interface eth1, VRID 1 (VRRPv2)\n"                                      \
	"  State                 : Master\n"                                     \
	"  Virtual IP            : 192.0.2.1 192.0.2.2\n"                        \
	"  Virtual MAC           : 00:00:5e:00:01:01\n"                          \
	"  Advertisement interval: 1 s\n"                                        \
	"  Priority              : 170 (configured 200)\n"                       \
	"  Preempt               : on, delay 0 s\n"                              \
	"  Accept mode           : off\n"                                        \
	"  Authentication        : text\n"                                       \
	"  Master                : 192.0.2.10 (this router)\n"                   \
	"  Master down interval  : 3.336 s (skew 0.336 s)\n"                     \
	"  Tracked objects       :\n"                                            \
	"    track 1: eth2 line-protocol down, decrement 20\n"                   \
	"    track 7: we\"ird\\ line-protocol down, decrement 10\n"              \
	"\n"                                                                     \
	"Interface eth1, VRID 2 (VRRPv3)\n"                                      \
	"  State                 : Master\n"                                     \
	"  Virtual IP            : 192.0.2.10 (address owner)\n"                 \
	"  Virtual MAC           : 00:00:5e:00:01:02\n"                          \
	"  Advertisement interval: 2 s\n"                                        \
	"  Priority              : 255 (configured 100)\n"                       \
	"  Preempt               : off, delay 0 s\n"                             \
	"  Accept mode           : off\n"                                        \
	"  Authentication        : none\n"                                       \
	"  Checksum              : with the IPv4 pseudo-header\n"                \
	"  Master                : 192.0.2.10 (this router)\n"                   \
	"  Master down interval  : 6.008 s (skew 0.008 s)\n"                     \
	"  Tracked objects       : none\n"                                       \
	"\n"                                                                     \
	"Interface eth1, VRID 3 (VRRPv2)\n"                                      \
	"  State                 : Backup\n"                                     \
	"  Virtual IP            : 192.0.2.3\n"                                  \
	"  Virtual MAC           : 00:00:5e:00:01:03\n"                          \
	"  Advertisement interval: 1 s\n"                                        \
	"  Priority              : 90 (configured 90)\n"                         \
	"  Preempt               : on, delay 0 s\n"                              \
	"  Accept mode           : off\n"                                        \
	"  Authentication        : none\n"                                       \
	"  Master                : 192.0.2.20\n"                                 \
	"  Master down interval  : 3.648 s (skew 0.648 s)\n"                     \
	"  Tracked objects       :\n"                                            \
	"    track 3: eth3 line-protocol up, decrement 50\n"                     \
	"\n"                                                                     \
	"Interface eth0, VRID 9 (VRRPv3)\n"                                      \
	"  State                 : Backup\n"                                     \
	"  Virtual IP            : 198.51.100.1\n"                               \
	"  Virtual MAC           : 00:00:5e:00:01:09\n"                          \
	"  Advertisement interval: 1 s\n"                                        \
	"  Priority              : 100 (configured 100)\n"                       \
	"  Preempt               : on, delay 30 s\n"                             \
	"  Accept mode           : on\n"                                         \
	"  Authentication        : none\n"                                       \
	"  Checksum              : without the IPv4 pseudo-header (as VRRPv2)\n" \
	"  Master                : 198.51.100.3\n"                               \
	"  Master down interval  : 5.414 s (skew 0.914 s)\n"                     \
	"  Tracked objects       : none\n"                                       \
	"\n"                                                                     \
	"Interface eth10, VRID 4 (VRRPv2)\n"                                     \
	"  State                 : Initialize (waiting for pifmgr)\n"            \
	"  Virtual IP            :\n"                                            \
	"  Virtual MAC           : 00:00:5e:00:01:04\n"                          \
	"  Advertisement interval: 1 s\n"                                        \
	"  Priority              : 100 (configured 100)\n"                       \
	"  Preempt               : on, delay 0 s\n"                              \
	"  Accept mode           : off\n"                                        \
	"  Authentication        : none\n"                                       \
	"  Master                : -\n"                                          \
	"  Master down interval  : 3.609 s (skew 0.609 s)\n"                     \
	"  Tracked objects       : none\n"

#define STATUS_JSON                                                                                \
	"{\"groups\":[{\"interface\":\"eth1\",\"vrid\":1,\"version\":2,\"state\":\"Master\","      \
	"\"reason\":\"\","                                                                         \
	"\"virtual_ips\":[\"192.0.2.1\",\"192.0.2.2\"],\"owner\":false,"                           \
	"\"virtual_mac\":\"00:00:5e:00:01:01\",\"advertise_interval_s\":1,\"priority\":170,"       \
	"\"configured_priority\":200,\"preempt\":true,\"preempt_delay_s\":0,\"accept_mode\":"      \
	"false,\"authentication\":\"text\","                                                       \
	"\"master\":\"192.0.2.10\",\"master_down_interval_us\":3335937,\"skew_time_us\":335937,"   \
	"\"tracks\":[{\"id\":1,\"interface\":\"eth2\",\"up\":false,\"decrement\":20},{\"id\":7,"   \
	"\"interface\":\"we\\\"ird\\\\\",\"up\":false,\"decrement\":10}]},{\"interface\":"         \
	"\"eth1\",\"vrid\":2,"                                                                     \
	"\"version\":3,\"state\":\"Master\",\"reason\":\"\",\"virtual_ips\":[\"192.0.2.10\"],"     \
	"\"owner\":true,"                                                                          \
	"\"virtual_mac\":\"00:00:5e:00:01:02\",\"advertise_interval_s\":2,\"priority\":255,"       \
	"\"configured_priority\":100,\"preempt\":false,\"preempt_delay_s\":0,\"accept_mode\":"     \
	"false,\"authentication\":\"none\",\"checksum_ipv4_pseudoheader\":true,"                   \
	"\"master\":\"192.0.2.10\",\"master_down_interval_us\":6007812,\"skew_time_us\":7812,"     \
	"\"tracks\":[]},{\"interface\":\"eth1\",\"vrid\":3,\"version\":2,\"state\":\"Backup\","    \
	"\"reason\":\"\","                                                                         \
	"\"virtual_ips\":[\"192.0.2.3\"],\"owner\":false,\"virtual_mac\":\"00:00:5e:00:01:03\","   \
	"\"advertise_interval_s\":1,\"priority\":90,\"configured_priority\":90,\"preempt\":true,"  \
	"\"preempt_delay_s\":0,\"accept_mode\":false,"                                             \
	"\"authentication\":\"none\",\"master\":\"192.0.2.20\",\"master_down_interval_us\":"       \
	"3648437,"                                                                                 \
	"\"skew_time_us\":648437,\"tracks\":[{\"id\":3,\"interface\":\"eth3\",\"up\":true,"        \
	"\"decrement\":50}]},{\"interface\":\"eth0\",\"vrid\":9,\"version\":3,\"state\":"          \
	"\"Backup\","                                                                              \
	"\"reason\":\"\",\"virtual_ips\":[\"198.51.100.1\"],\"owner\":false,"                      \
	"\"virtual_mac\":\"00:00:5e:00:01:09\",\"advertise_interval_s\":1,\"priority\":100,"       \
	"\"configured_priority\":100,\"preempt\":true,\"preempt_delay_s\":30,\"accept_mode\":"     \
	"true,\"authentication\":\"none\",\"checksum_ipv4_pseudoheader\":false,"                   \
	"\"master\":\"198.51.100.3\",\"master_down_interval_us\":5414062,\"skew_time_us\":914062," \
	"\"tracks\":[]},{\"interface\":\"eth10\",\"vrid\":4,\"version\":2,\"state\":"              \
	"\"Initialize\","                                                                          \
	"\"reason\":\"waiting for pifmgr\",\"virtual_ips\":[],\"owner\":false,"                    \
	"\"virtual_mac\":\"00:00:5e:00:01:04\",\"advertise_interval_s\":1,\"priority\":100,"       \
	"\"configured_priority\":100,\"preempt\":true,\"preempt_delay_s\":0,\"accept_mode\":"      \
	"false,\"authentication\":\"none\",\"master\":\"-"                                         \
	"\","                                                                                      \
	"\"master_down_interval_us\":3609375,\"skew_time_us\":609375,\"tracks\":[]}]}\n"

#define BRIEF_TEXT                                                                     \
	"Interface  VRID State       Prio Virtual IP       Master          \n"         \
	"eth1          1 Master       170 192.0.2.1        192.0.2.10 (this router)\n" \
	"eth1          2 Master       255 192.0.2.10       192.0.2.10 (this router)\n" \
	"eth1          3 Backup        90 192.0.2.3        192.0.2.20      \n"         \
	"eth0          9 Backup       100 198.51.100.1     198.51.100.3    \n"         \
	"eth10         4 Initialize   100 -                -               \n"

#define STATISTICS_TEXT                                                                     \
	"Global: checksum-errors 11, version-errors 12, vrid-errors 13, ip-ttl-errors 14\n" \
	"Interface eth1, VRID 1\n"                                                          \
	"  master-transitions       3\n"                                                    \
	"  advertisement-rcvd       12\n"                                                   \
	"  advertisement-sent       345\n"                                                  \
	"  interval-errors          1\n"                                                    \
	"  priority-zero-pkts-rcvd  2\n"                                                    \
	"  priority-zero-pkts-sent  1\n"                                                    \
	"  invalid-type-pkts-rcvd   4\n"                                                    \
	"  address-list-errors      5\n"                                                    \
	"  packet-length-errors     6\n"                                                    \
	"  auth-type-mismatch       7\n"                                                    \
	"  auth-failures            8\n"                                                    \
	"Interface eth1, VRID 2\n"                                                          \
	"  master-transitions       0\n"                                                    \
	"  advertisement-rcvd       0\n"                                                    \
	"  advertisement-sent       0\n"                                                    \
	"  interval-errors          0\n"                                                    \
	"  priority-zero-pkts-rcvd  0\n"                                                    \
	"  priority-zero-pkts-sent  0\n"                                                    \
	"  invalid-type-pkts-rcvd   0\n"                                                    \
	"  address-list-errors      0\n"                                                    \
	"  packet-length-errors     0\n"                                                    \
	"  auth-type-mismatch       0\n"                                                    \
	"  auth-failures            0\n"                                                    \
	"Interface eth1, VRID 3\n"                                                          \
	"  master-transitions       0\n"                                                    \
	"  advertisement-rcvd       99\n"                                                   \
	"  advertisement-sent       0\n"                                                    \
	"  interval-errors          0\n"                                                    \
	"  priority-zero-pkts-rcvd  1\n"                                                    \
	"  priority-zero-pkts-sent  0\n"                                                    \
	"  invalid-type-pkts-rcvd   0\n"                                                    \
	"  address-list-errors      0\n"                                                    \
	"  packet-length-errors     0\n"                                                    \
	"  auth-type-mismatch       0\n"                                                    \
	"  auth-failures            0\n"                                                    \
	"Interface eth0, VRID 9\n"                                                          \
	"  master-transitions       0\n"                                                    \
	"  advertisement-rcvd       0\n"                                                    \
	"  advertisement-sent       0\n"                                                    \
	"  interval-errors          0\n"                                                    \
	"  priority-zero-pkts-rcvd  0\n"                                                    \
	"  priority-zero-pkts-sent  0\n"                                                    \
	"  invalid-type-pkts-rcvd   0\n"                                                    \
	"  address-list-errors      0\n"                                                    \
	"  packet-length-errors     0\n"                                                    \
	"  auth-type-mismatch       0\n"                                                    \
	"  auth-failures            0\n"                                                    \
	"Interface eth10, VRID 4\n"                                                         \
	"  master-transitions       0\n"                                                    \
	"  advertisement-rcvd       0\n"                                                    \
	"  advertisement-sent       0\n"                                                    \
	"  interval-errors          0\n"                                                    \
	"  priority-zero-pkts-rcvd  0\n"                                                    \
	"  priority-zero-pkts-sent  0\n"                                                    \
	"  invalid-type-pkts-rcvd   0\n"                                                    \
	"  address-list-errors      0\n"                                                    \
	"  packet-length-errors     0\n"                                                    \
	"  auth-type-mismatch       0\n"                                                    \
	"  auth-failures            0\n"

#define STATISTICS_JSON                                                                           \
	"{\"checksum-errors\":11,\"version-errors\":12,\"vrid-errors\":13,\"ip-ttl-errors\":14,"  \
	"\"groups\":[{\"interface\":\"eth1\",\"vrid\":1,\"master-transitions\":3,"                \
	"\"advertisement-rcvd\":12,\"advertisement-sent\":345,\"interval-errors\":1,"             \
	"\"priority-zero-pkts-rcvd\":2,\"priority-zero-pkts-sent\":1,\"invalid-type-pkts-rcvd\":" \
	"4,"                                                                                      \
	"\"address-list-errors\":5,\"packet-length-errors\":6,\"auth-type-mismatch\":7,"          \
	"\"auth-failures\":8},{\"interface\":\"eth1\",\"vrid\":2,\"master-transitions\":0,"       \
	"\"advertisement-rcvd\":0,\"advertisement-sent\":0,\"interval-errors\":0,"                \
	"\"priority-zero-pkts-rcvd\":0,\"priority-zero-pkts-sent\":0,\"invalid-type-pkts-rcvd\":" \
	"0,"                                                                                      \
	"\"address-list-errors\":0,\"packet-length-errors\":0,\"auth-type-mismatch\":0,"          \
	"\"auth-failures\":0},{\"interface\":\"eth1\",\"vrid\":3,\"master-transitions\":0,"       \
	"\"advertisement-rcvd\":99,\"advertisement-sent\":0,\"interval-errors\":0,"               \
	"\"priority-zero-pkts-rcvd\":1,\"priority-zero-pkts-sent\":0,\"invalid-type-pkts-rcvd\":" \
	"0,"                                                                                      \
	"\"address-list-errors\":0,\"packet-length-errors\":0,\"auth-type-mismatch\":0,"          \
	"\"auth-failures\":0},{\"interface\":\"eth0\",\"vrid\":9,\"master-transitions\":0,"       \
	"\"advertisement-rcvd\":0,\"advertisement-sent\":0,\"interval-errors\":0,"                \
	"\"priority-zero-pkts-rcvd\":0,\"priority-zero-pkts-sent\":0,\"invalid-type-pkts-rcvd\":" \
	"0,"                                                                                      \
	"\"address-list-errors\":0,\"packet-length-errors\":0,\"auth-type-mismatch\":0,"          \
	"\"auth-failures\":0},{\"interface\":\"eth10\",\"vrid\":4,\"master-transitions\":0,"      \
	"\"advertisement-rcvd\":0,\"advertisement-sent\":0,\"interval-errors\":0,"                \
	"\"priority-zero-pkts-rcvd\":0,\"priority-zero-pkts-sent\":0,\"invalid-type-pkts-rcvd\":" \
	"0,"                                                                                      \
	"\"address-list-errors\":0,\"packet-length-errors\":0,\"auth-type-mismatch\":0,"          \
	"\"auth-failures\":0}]}\n"

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
		cmocka_unit_test_setup_teardown(test_object_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_object_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
