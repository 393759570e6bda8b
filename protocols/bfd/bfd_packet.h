/* BFD control packets on the wire (RFC 5880 4.1) and the receive checks of RFC 5880 6.8.6's
 * first part and RFC 5881's single-hop rules. Pure code: bytes in, a struct or one precise
 * reason out, which the caller counts. No authentication is supported: a packet with the A bit
 * is refused with its own reason. */
#ifndef BFD_PACKET_H
#define BFD_PACKET_H
#include <stddef.h>
#include <stdint.h>

#define BFD_PORT 3784          /* RFC 5881 4: single-hop control packets */
#define BFD_SRC_PORT_MIN 49152 /* RFC 5881 4: the source port range */
#define BFD_TTL 255            /* RFC 5881 5 (GTSM): TTL / hop limit sent and required */
#define BFD_PKT_LEN 24         /* the mandatory section, without authentication */
#define BFD_VERSION 1

enum bfd_state { BFD_ADMIN_DOWN = 0, BFD_DOWN = 1, BFD_INIT = 2, BFD_UP = 3, BFD_STATE_COUNT };

/* RFC 5880 4.1 diagnostic codes. */
enum bfd_diag {
	BFD_DIAG_NONE = 0,
	BFD_DIAG_DETECT_EXPIRED = 1,
	BFD_DIAG_ECHO_FAILED = 2,
	BFD_DIAG_NEIGHBOR_DOWN = 3,
	BFD_DIAG_FWD_RESET = 4,
	BFD_DIAG_PATH_DOWN = 5,
	BFD_DIAG_CONCAT_PATH_DOWN = 6,
	BFD_DIAG_ADMIN_DOWN = 7,
	BFD_DIAG_REV_CONCAT_PATH_DOWN = 8,
	BFD_DIAG_COUNT
};

struct bfd_pkt {
	uint8_t version, diag, state;                       /* state: enum bfd_state */
	uint8_t poll, final, cpi, auth, demand, multipoint; /* P F C A D M, 0 or 1 */
	uint8_t detect_mult;
	uint8_t length;
	uint32_t my_disc, your_disc;
	uint32_t desired_min_tx_us, required_min_rx_us, required_min_echo_rx_us;
};

/* Why a received packet was dropped: one reason per packet, each counted under its name. */
enum bfd_rx_err {
	BFD_RX_OK = 0,
	BFD_RX_TTL,         /* RFC 5881 5: TTL / hop limit not 255 */
	BFD_RX_SRC_PORT,    /* RFC 5881 4: source port not in 49152-65535 */
	BFD_RX_VERSION,     /* 6.8.6: version not 1 */
	BFD_RX_LENGTH,      /* 6.8.6: length field < 24, or more than the datagram */
	BFD_RX_DETECT_MULT, /* 6.8.6: detect mult 0 */
	BFD_RX_MULTIPOINT,  /* 6.8.6: M bit set */
	BFD_RX_MY_DISC,     /* 6.8.6: my discriminator 0 */
	BFD_RX_YOUR_DISC,   /* 6.8.6: your discriminator 0 in a state other than Down/AdminDown */
	BFD_RX_AUTH,        /* 6.8.6: A bit set; we support no authentication */
	BFD_RX_NO_SESSION, /* 6.8.6: no session for the discriminator / peer (the caller's check) */
	BFD_RX_COUNT
};

const char *bfd_rx_err_name(enum bfd_rx_err e);
const char *bfd_state_name(enum bfd_state s); /* "admin-down", "down", "init", "up" */
const char *bfd_diag_name(enum bfd_diag d);   /* "control-detection-time-expired"... */

/* Encodes p (length forced to 24, no authentication) into buf. Returns 24, or 0 if len < 24. */
size_t bfd_pkt_encode(const struct bfd_pkt *p, uint8_t *buf, size_t len);
/* Decodes the UDP payload buf of len bytes and runs the checks of 6.8.6 up to the session
 * lookup. out is filled whenever at least 24 bytes were there. */
enum bfd_rx_err bfd_pkt_decode(const uint8_t *buf, size_t len, struct bfd_pkt *out);
/* RFC 5881 single-hop checks on the datagram's metadata: ttl (IPv6: hop limit) and the UDP
 * source port (host order). */
enum bfd_rx_err bfd_rx_meta_check(uint8_t ttl, uint16_t src_port);
#endif
