/* fuzz_vrrp_rx: feeds one whole IP datagram, as vrrpd's packet socket would hand it over, to the
 * VRRP receive pipeline (protocols/vrrp/vrrp_rx.c) and the codec under it (vrrp_packet.c).
 *
 * An IPv4 datagram goes through vrrp_rx() on an interface whose primary address is 192.0.2.1
 * and which runs four groups: VRID 1 (v2, 1 s, no authentication, 192.0.2.100), VRID 2 (v2, 3 s,
 * password "secret", 192.0.2.200 and .201), VRID 3 (v3, 192.0.2.30) and VRID 4 (v3, no
 * address). An IPv6 datagram (RFC 9568 over IPv6: the pipeline has no IPv6 header parser yet)
 * has its fixed header read here and its payload decoded by vrrp_adv_decode() as version 3.
 *
 * Beyond "no crash, no leak, no undefined behaviour", it checks:
 *   - vrrp_rx always gives exactly one verdict, a known reason, consistent with the other
 *     fields: accepted only when it is OK, or an address-list mismatch from the owner (priority
 *     255); OK only for a configured VRID; a VRID error only for an unknown one; "own" only for
 *     our own source address;
 *   - decode -> encode -> decode: every advertisement the codec accepts encodes again (to
 *     vrrp_adv_len() bytes) and decodes to the same advertisement (the password compared as
 *     the string the checks compare, and only with authentication type 1). */
#include <string.h>
#include <sys/socket.h>

#include "fuzz.h"
#include "vrrp_rx.h"

static struct n2_addr v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return (struct n2_addr){.family = AF_INET, .u.b = {a, b, c, d}};
}

static struct n2_addr vips1[1], vips2[2], vips3[1];
static struct vrrp_rx_expect groups[5];

static int find(void *arg, uint8_t vrid, struct vrrp_rx_expect *out)
{
	(void)arg;
	if (vrid < 1 || vrid > 4)
		return 0;
	*out = groups[vrid];
	return 1;
}

static void setup(void)
{
	vips1[0] = v4(192, 0, 2, 100);
	vips2[0] = v4(192, 0, 2, 200);
	vips2[1] = v4(192, 0, 2, 201);
	vips3[0] = v4(192, 0, 2, 30);
	groups[1] = (struct vrrp_rx_expect){2, 1, "", vips1, 1};
	groups[2] = (struct vrrp_rx_expect){2, 3, "secret", vips2, 2};
	groups[3] = (struct vrrp_rx_expect){3, 1, "", vips3, 1};
	groups[4] = (struct vrrp_rx_expect){3, 1, "", NULL, 0};
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

/* decode -> encode -> decode */
static void round_trip(const struct vrrp_adv *a, const struct n2_addr *src,
		       const struct n2_addr *dst)
{
	uint8_t buf[VRRP_HDR_LEN + 16 * VRRP_MAX_ADDRS + VRRP_AUTH_LEN];
	size_t n = vrrp_adv_encode(a, src, dst, buf, sizeof(buf));
	FUZZ_CHECK(n > 0 && n == vrrp_adv_len(a));
	struct vrrp_adv b;
	FUZZ_CHECK(vrrp_adv_decode(buf, n, VRRP_TTL, src, dst, a->version, &b) == VRRP_RX_OK);
	same_adv(a, &b);
}

static void fuzz_v4(const uint8_t *data, size_t size)
{
	struct vrrp_rx_ctx ctx = {.self = v4(192, 0, 2, 1), .find = find};
	struct vrrp_rx_result r;
	vrrp_rx(data, size, &ctx, &r);
	FUZZ_CHECK(r.err < VRRP_RX_COUNT && strcmp(vrrp_rx_err_name(r.err), "?"));
	FUZZ_CHECK(!r.accept || r.err == VRRP_RX_OK ||
		   (r.err == VRRP_RX_ADDR_LIST && r.adv.priority == 255));
	FUZZ_CHECK(!r.accept || r.known);
	FUZZ_CHECK(r.err != VRRP_RX_OK || (r.known && r.accept));
	FUZZ_CHECK(r.err != VRRP_RX_VRID || !r.known);
	FUZZ_CHECK(r.err != VRRP_RX_OWN || n2_addr_eq(&r.src, &ctx.self));
	switch (r.err) {
	case VRRP_RX_OK:
	case VRRP_RX_VRID:
	case VRRP_RX_AUTH_TYPE:
	case VRRP_RX_AUTH:
	case VRRP_RX_INTERVAL:
	case VRRP_RX_ADDR_LIST: /* the codec accepted it */
		FUZZ_CHECK(r.adv.vrid == r.vrid && r.adv.family == AF_INET);
		round_trip(&r.adv, &r.src, &r.dst);
		break;
	default:
		break;
	}
}

/* The fixed IPv6 header (RFC 8200 3): VRRP is the next header, without extension headers. */
static void fuzz_v6(const uint8_t *data, size_t size)
{
	if (size < 40 || data[6] != VRRP_PROTO)
		return;
	size_t plen = (size_t)(data[4] << 8 | data[5]);
	if (plen > size - 40)
		return;
	struct n2_addr src = n2_addr_from(AF_INET6, data + 8, 16);
	struct n2_addr dst = n2_addr_from(AF_INET6, data + 24, 16);
	struct vrrp_adv a;
	enum vrrp_rx_err e = vrrp_adv_decode(data + 40, plen, data[7], &src, &dst, 3, &a);
	FUZZ_CHECK(e < VRRP_RX_COUNT);
	if (e == VRRP_RX_OK) {
		FUZZ_CHECK(a.family == AF_INET6 && a.version == 3);
		round_trip(&a, &src, &dst);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		setup();
		ready = 1;
	}
	if (size && data[0] >> 4 == 6)
		fuzz_v6(data, size);
	else
		fuzz_v4(data, size);
	return 0;
}
