/* fuzz_bfd_rx: feeds one BFD datagram as bfdd's UDP socket hands it over - a TTL byte, the UDP
 * source port (2 bytes, big-endian), then the UDP payload - to the single-hop checks and the
 * control packet decoder (protocols/bfd/bfd_packet.c), and every accepted packet to a session's
 * state machine (bfd_fsm.c).
 *
 * Beyond "no crash, no leak, no undefined behaviour", it checks:
 *   - one known reason per datagram;
 *   - decode -> encode -> decode: an accepted packet encodes to 24 bytes that decode to the same
 *     packet (length 24, since we never send authentication);
 *   - the state machine, fed the packet in each state, stays in a valid state with deadlines
 *     not in the past. */
#include <string.h>

#include "bfd_fsm.h"
#include "fuzz.h"

static void feed_fsm(const struct bfd_pkt *k)
{
	static const struct bfd_params p = {
		.desired_min_tx_us = 50000, .required_min_rx_us = 50000, .detect_mult = 3};
	for (int s = 0; s < BFD_STATE_COUNT; s++) {
		struct bfd_fsm f;
		bfd_fsm_init(&f, &p, 1, 2000);
		f.state = s;
		bfd_fsm_event(&f, &p, BFD_EV_RX, k, 2000, k->my_disc);
		FUZZ_CHECK(f.state < BFD_STATE_COUNT);
		FUZZ_CHECK(f.remote_disc == k->my_disc);
		uint64_t next = bfd_fsm_next(&f, NULL);
		FUZZ_CHECK(next == 0 || next >= 2000);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	uint8_t ttl = data[0];
	uint16_t port = (uint16_t)(data[1] << 8 | data[2]);
	enum bfd_rx_err e = bfd_rx_meta_check(ttl, port);
	FUZZ_CHECK(e < BFD_RX_COUNT);
	struct bfd_pkt a, b;
	enum bfd_rx_err d = bfd_pkt_decode(data + 3, size - 3, &a);
	FUZZ_CHECK(d < BFD_RX_COUNT && d != BFD_RX_NO_SESSION);
	if (d != BFD_RX_OK)
		return 0;
	uint8_t buf[BFD_PKT_LEN];
	FUZZ_CHECK(bfd_pkt_encode(&a, buf, sizeof(buf)) == BFD_PKT_LEN);
	FUZZ_CHECK(bfd_pkt_decode(buf, sizeof(buf), &b) == BFD_RX_OK);
	a.length = BFD_PKT_LEN;
	FUZZ_CHECK(memcmp(&a, &b, sizeof(a)) == 0);
	if (e == BFD_RX_OK)
		feed_fsm(&a);
	return 0;
}
