/* fuzz_vrrp_rx: feeds one whole IP datagram, as vrrpd's packet socket would hand it over, to the
 * VRRP receive pipeline (protocols/vrrp/vrrp_rx.c) and the codec under it (vrrp_packet.c).
 *
 * IPv4 and IPv6 datagrams both go through vrrp_rx(), on an interface whose addresses are
 * 192.0.2.1 and fe80::1 and which runs these groups: over IPv4, VRID 1 (v2, 1 s, no
 * authentication, 192.0.2.100), VRID 2 (v2, 3 s, password "secret", 192.0.2.200 and .201),
 * VRID 3 (v3, checksum with the IPv4 pseudo-header as keepalived sends it, 192.0.2.30) and
 * VRID 4 (v3, RFC 9568's checksum, no address); over IPv6, VRID 3 (2001:db8::30) and VRID 5
 * (fe80::5, 2001:db8::5).
 *
 * Beyond "no crash, no leak, no undefined behaviour", it checks:
 *   - vrrp_rx always gives exactly one verdict, a known reason, consistent with the other
 *     fields: accepted only when it is OK, or an address-list mismatch from the owner (priority
 *     255); OK only for a configured VRID of the packet's family; a VRID error only for an
 *     unknown one; "own" only for our own source address of that family; an IPv6 packet
 *     accepted only from a link-local source to ff02::12;
 *   - decode -> encode -> decode: every advertisement the codec accepts encodes again (to
 *     vrrp_adv_len() bytes) under the group's checksum rule and decodes to the same
 *     advertisement (the password compared as the string the checks compare, and only with
 *     authentication type 1). */
#include <string.h>
#include <sys/socket.h>

#include "fuzz.h"
#include "vrrp_rx.h"

static struct n2_addr v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return (struct n2_addr){.family = AF_INET, .u.b = {a, b, c, d}};
}

static struct n2_addr v6(const char *s)
{
	struct n2_addr a;
	FUZZ_CHECK(n2_addr_parse(s, &a) == 0);
	return a;
}

static struct n2_addr vips1[1], vips2[2], vips3[1], vips6_3[1], vips6_5[2], self6;
static struct vrrp_rx_expect groups[6], groups6[6];

static int find(void *arg, uint8_t vrid, uint8_t family, struct vrrp_rx_expect *out)
{
	(void)arg;
	const struct vrrp_rx_expect *g = family == AF_INET6 ? groups6 : groups;
	if (vrid >= 6 || !g[vrid].version)
		return 0;
	*out = g[vrid];
	return 1;
}

static void setup(void)
{
	vips1[0] = v4(192, 0, 2, 100);
	vips2[0] = v4(192, 0, 2, 200);
	vips2[1] = v4(192, 0, 2, 201);
	vips3[0] = v4(192, 0, 2, 30);
	vips6_3[0] = v6("2001:db8::30");
	vips6_5[0] = v6("fe80::5");
	vips6_5[1] = v6("2001:db8::5");
	self6 = v6("fe80::1");
	groups[1] = (struct vrrp_rx_expect){
		.version = 2, .adv_cs = 100, .auth = "", .vips = vips1, .nvips = 1};
	groups[2] = (struct vrrp_rx_expect){
		.version = 2, .adv_cs = 300, .auth = "secret", .vips = vips2, .nvips = 2};
	groups[3] = (struct vrrp_rx_expect){.version = 3,
					    .adv_cs = 100,
					    .cksum_v4_pseudo = 1,
					    .auth = "",
					    .vips = vips3,
					    .nvips = 1};
	groups[4] = (struct vrrp_rx_expect){.version = 3, .adv_cs = 100, .auth = ""};
	groups6[3] = (struct vrrp_rx_expect){
		.version = 3, .adv_cs = 100, .auth = "", .vips = vips6_3, .nvips = 1};
	groups6[5] = (struct vrrp_rx_expect){
		.version = 3, .adv_cs = 10, .auth = "", .vips = vips6_5, .nvips = 2};
}

static void same_adv(const struct vrrp_adv *a, const struct vrrp_adv *b)
{
	FUZZ_CHECK(a->version == b->version && a->family == b->family && a->vrid == b->vrid);
	FUZZ_CHECK(a->priority == b->priority && a->naddr == b->naddr &&
		   a->interval == b->interval);
	for (int i = 0; i < a->naddr; i++)
		FUZZ_CHECK(n2_addr_eq(&a->addrs[i], &b->addrs[i]));
	if (a->version == 2) {
		FUZZ_CHECK(a->auth_type == b->auth_type);
		if (a->auth_type == VRRP_AUTH_TEXT)
			FUZZ_CHECK(!strncmp(a->auth, b->auth, VRRP_AUTH_LEN));
	}
}

/* decode -> encode -> decode, under the checksum rule the packet was accepted with */
static void round_trip(const struct vrrp_adv *a, const struct n2_addr *src,
		       const struct n2_addr *dst, int v4_pseudo)
{
	uint8_t buf[VRRP_HDR_LEN + 16 * VRRP_MAX_ADDRS + VRRP_AUTH_LEN];
	struct vrrp_adv c = *a;
	c.cksum_v4_pseudo = (uint8_t)v4_pseudo;
	size_t n = vrrp_adv_encode(&c, src, dst, buf, sizeof(buf));
	FUZZ_CHECK(n > 0 && n == vrrp_adv_len(a));
	struct vrrp_adv b;
	FUZZ_CHECK(vrrp_adv_decode(buf, n, VRRP_TTL, src, dst, a->version, v4_pseudo, &b) ==
		   VRRP_RX_OK);
	same_adv(a, &b);
}

static int link_local(const struct n2_addr *a)
{
	return a->family == AF_INET6 && a->u.b[0] == 0xfe && (a->u.b[1] & 0xc0) == 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		setup();
		ready = 1;
	}
	struct vrrp_rx_ctx ctx = {.self = v4(192, 0, 2, 1), .self6 = self6, .find = find};
	struct vrrp_rx_result r;
	vrrp_rx(data, size, &ctx, &r);
	FUZZ_CHECK(r.err < VRRP_RX_COUNT && strcmp(vrrp_rx_err_name(r.err), "?"));
	FUZZ_CHECK(!r.accept || r.err == VRRP_RX_OK ||
		   (r.err == VRRP_RX_ADDR_LIST && r.adv.priority == 255));
	FUZZ_CHECK(!r.accept || r.known);
	FUZZ_CHECK(r.err != VRRP_RX_OK || (r.known && r.accept));
	FUZZ_CHECK(r.err != VRRP_RX_VRID || !r.known);
	FUZZ_CHECK(r.err != VRRP_RX_OWN ||
		   n2_addr_eq(&r.src, r.family == AF_INET ? &ctx.self : &ctx.self6));
	struct n2_addr g6 = vrrp_group_addr(AF_INET6);
	FUZZ_CHECK(r.err == VRRP_RX_MALFORMED || r.family == AF_INET ||
		   (link_local(&r.src) && n2_addr_eq(&r.dst, &g6)));
	struct vrrp_rx_expect x = {0};
	switch (r.err) {
	case VRRP_RX_OK:
	case VRRP_RX_VRID:
	case VRRP_RX_AUTH_TYPE:
	case VRRP_RX_AUTH:
	case VRRP_RX_INTERVAL:
	case VRRP_RX_ADDR_LIST: /* the codec accepted it */
		FUZZ_CHECK(r.adv.vrid == r.vrid && r.adv.family == r.family);
		if (r.known)
			find(NULL, r.vrid, r.family, &x);
		round_trip(&r.adv, &r.src, &r.dst, r.known ? x.cksum_v4_pseudo : 0);
		break;
	default:
		break;
	}
	return 0;
}
