/* BFD control packet encode/decode (see bfd_packet.h): RFC 5880 4.1 format, 6.8.6 checks,
 * RFC 5881 4-5 single-hop rules. */
#include "bfd_packet.h"
#include <string.h>

static const char *const rx_names[BFD_RX_COUNT] = {
	[BFD_RX_OK] = "ok",
	[BFD_RX_TTL] = "bad-ttl",
	[BFD_RX_SRC_PORT] = "bad-source-port",
	[BFD_RX_VERSION] = "bad-version",
	[BFD_RX_LENGTH] = "bad-length",
	[BFD_RX_DETECT_MULT] = "bad-detect-mult",
	[BFD_RX_MULTIPOINT] = "multipoint",
	[BFD_RX_MY_DISC] = "zero-my-disc",
	[BFD_RX_YOUR_DISC] = "zero-your-disc",
	[BFD_RX_AUTH] = "auth-unsupported",
	[BFD_RX_NO_SESSION] = "no-session",
};
static const char *const state_names[BFD_STATE_COUNT] = {
	[BFD_ADMIN_DOWN] = "admin-down", [BFD_DOWN] = "down", [BFD_INIT] = "init", [BFD_UP] = "up"};
/* RFC 5880 4.1, in the words FRR prints. */
static const char *const diag_names[BFD_DIAG_COUNT] = {
	[BFD_DIAG_NONE] = "none",
	[BFD_DIAG_DETECT_EXPIRED] = "control-detection-time-expired",
	[BFD_DIAG_ECHO_FAILED] = "echo-function-failed",
	[BFD_DIAG_NEIGHBOR_DOWN] = "neighbor-signaled-down",
	[BFD_DIAG_FWD_RESET] = "forwarding-plane-reset",
	[BFD_DIAG_PATH_DOWN] = "path-down",
	[BFD_DIAG_CONCAT_PATH_DOWN] = "concatenated-path-down",
	[BFD_DIAG_ADMIN_DOWN] = "administratively-down",
	[BFD_DIAG_REV_CONCAT_PATH_DOWN] = "reverse-concatenated-path-down",
};

const char *bfd_rx_err_name(enum bfd_rx_err e)
{
	return e < BFD_RX_COUNT ? rx_names[e] : "?";
}

const char *bfd_state_name(enum bfd_state s)
{
	return s < BFD_STATE_COUNT ? state_names[s] : "?";
}

const char *bfd_diag_name(enum bfd_diag d)
{
	return d < BFD_DIAG_COUNT ? diag_names[d] : "?";
}

static void put32(uint8_t *b, uint32_t v)
{
	b[0] = v >> 24, b[1] = v >> 16, b[2] = v >> 8, b[3] = v;
}

static uint32_t get32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* RFC 5880 4.1: Vers(3) Diag(5) | Sta(2) P F C A D M | Detect Mult | Length | My Discriminator |
 * Your Discriminator | Desired Min TX | Required Min RX | Required Min Echo RX. */
size_t bfd_pkt_encode(const struct bfd_pkt *p, uint8_t *buf, size_t len)
{
	if (len < BFD_PKT_LEN)
		return 0;
	buf[0] = (uint8_t)((p->version & 7) << 5 | (p->diag & 0x1f));
	buf[1] = (uint8_t)((p->state & 3) << 6 | !!p->poll << 5 | !!p->final << 4 | !!p->cpi << 3 |
			   !!p->auth << 2 | !!p->demand << 1 | !!p->multipoint);
	buf[2] = p->detect_mult;
	buf[3] = BFD_PKT_LEN;
	put32(buf + 4, p->my_disc);
	put32(buf + 8, p->your_disc);
	put32(buf + 12, p->desired_min_tx_us);
	put32(buf + 16, p->required_min_rx_us);
	put32(buf + 20, p->required_min_echo_rx_us);
	return BFD_PKT_LEN;
}

static void parse(const uint8_t *buf, struct bfd_pkt *o)
{
	o->version = buf[0] >> 5;
	o->diag = buf[0] & 0x1f;
	o->state = buf[1] >> 6;
	o->poll = buf[1] >> 5 & 1;
	o->final = buf[1] >> 4 & 1;
	o->cpi = buf[1] >> 3 & 1;
	o->auth = buf[1] >> 2 & 1;
	o->demand = buf[1] >> 1 & 1;
	o->multipoint = buf[1] & 1;
	o->detect_mult = buf[2];
	o->length = buf[3];
	o->my_disc = get32(buf + 4);
	o->your_disc = get32(buf + 8);
	o->desired_min_tx_us = get32(buf + 12);
	o->required_min_rx_us = get32(buf + 16);
	o->required_min_echo_rx_us = get32(buf + 20);
}

/* RFC 5880 6.8.6, in its order, up to "select the session". */
enum bfd_rx_err bfd_pkt_decode(const uint8_t *buf, size_t len, struct bfd_pkt *out)
{
	memset(out, 0, sizeof(*out));
	if (len < BFD_PKT_LEN)
		return BFD_RX_LENGTH;
	parse(buf, out);
	if (out->version != BFD_VERSION)
		return BFD_RX_VERSION;
	/* "less than the minimum correct value (24 if the A bit is clear, 26 if set)" and
	 * "greater than the payload of the encapsulating protocol" */
	if (out->length < (out->auth ? 26 : BFD_PKT_LEN) || out->length > len)
		return BFD_RX_LENGTH;
	if (out->detect_mult == 0)
		return BFD_RX_DETECT_MULT;
	if (out->multipoint)
		return BFD_RX_MULTIPOINT;
	if (out->my_disc == 0)
		return BFD_RX_MY_DISC;
	if (out->your_disc == 0 && out->state != BFD_DOWN && out->state != BFD_ADMIN_DOWN)
		return BFD_RX_YOUR_DISC;
	/* "If the A bit is set and no authentication is in use (bfd.AuthType is zero), the packet
	 * MUST be discarded." We never use authentication. */
	if (out->auth)
		return BFD_RX_AUTH;
	return BFD_RX_OK;
}

enum bfd_rx_err bfd_rx_meta_check(uint8_t ttl, uint16_t src_port)
{
	if (ttl != BFD_TTL) /* RFC 5881 5 */
		return BFD_RX_TTL;
	if (src_port < BFD_SRC_PORT_MIN) /* RFC 5881 4 */
		return BFD_RX_SRC_PORT;
	return BFD_RX_OK;
}
