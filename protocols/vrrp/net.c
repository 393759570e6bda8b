/* vrrpd's sockets, the only file that touches them. Advertisements are received per interface
 * on one packet socket for both families (every frame of the interface, ETH_P_ALL, filtered in
 * the kernel to IPv4 protocol 112 for 224.0.0.18 and IPv6 next header 112 for ff02::12: one
 * socket, one callback and one filter that says what is taken, rather than a socket per family
 * per interface), not through the IP stack: that stack drops an advertisement whose source is one
 * of our own addresses as a martian, and a master holding a virtual address that is the other
 * router's real address (the address owner coming back) would never hear the owner. group_rx()
 * (vrrp_rx.c) checks the IP header itself. Advertisements and gratuitous ARPs (built by
 * vrrp_frame.c) are sent as whole Ethernet frames from the interface itself with the virtual MAC
 * as source, so they are on the wire the moment the state machine decides, without waiting for
 * the macvlan that will carry the traffic. */
#include "vrrpd.h"
#include "log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void on_rx(struct n2_loop *loop, int fd, unsigned ev, void *arg)
{
	(void)loop, (void)ev;
	struct vif *v = arg;
	uint8_t buf[2048];
	for (;;) {
		struct sockaddr_ll from;
		socklen_t flen = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from,
				     &flen);
		if (n <= 0)
			return;
		if (from.sll_pkttype == PACKET_OTHERHOST || from.sll_pkttype == PACKET_OUTGOING)
			continue; /* promiscuous leftovers; not for us */
		group_rx(v, buf, (size_t)n);
		if (v->rx_fd != fd) /* the callback closed it */
			return;
	}
}

int net_open_rx(struct vif *v)
{
	if (v->rx_fd >= 0 || !v->ifindex)
		return 0;
	/* the socket sees the frame from the network header on, its EtherType in the ancillary
	 * protocol word: keep IPv4 protocol 112 to 224.0.0.18 and IPv6 next header 112 (no
	 * extension header: RFC 9568 sends none) to ff02::12 (never written; not const only
	 * because sock_fprog's pointer is not). Jumps count the instructions skipped: 18 is the
	 * refusal, 17 the acceptance, 7 the IPv6 branch. */
	static struct sock_filter code[] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_H | BPF_ABS, (uint32_t)SKF_AD_OFF + SKF_AD_PROTOCOL),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IPV6, 5, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 15),
		/* 3: IPv4 protocol, destination */
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VRRP_PROTO, 0, 13),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VRRP_GROUP_V4, 10, 11),
		/* 7: IPv6 next header at 6, destination at 24..39 = ff02:0:..:0:12 */
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 6),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VRRP_PROTO, 0, 9),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 24),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xff020000u, 0, 7),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 28),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 32),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 36),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x12, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	static const struct sock_fprog prog = {.len = sizeof(code) / sizeof(code[0]),
					       .filter = code};
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (fd < 0) {
		n2_log_err("%s: packet socket: %s", v->name, strerror(errno));
		return -1;
	}
	struct sockaddr_ll sll = {.sll_family = AF_PACKET,
				  .sll_protocol = htons(ETH_P_ALL),
				  .sll_ifindex = (int)v->ifindex};
	/* the NIC must pass 01:00:5e:00:00:12 and 33:33:00:00:00:12 up (RFC 1112 6.4 and RFC 2464
	 * 7 mappings of 224.0.0.18 and ff02::12) */
	struct packet_mreq mr = {.mr_ifindex = (int)v->ifindex,
				 .mr_type = PACKET_MR_MULTICAST,
				 .mr_alen = 6,
				 .mr_address = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12}};
	struct packet_mreq mr6 = mr;
	memcpy(mr6.mr_address, "\x33\x33\x00\x00\x00\x12", 6);
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr6, sizeof(mr6)) < 0 ||
	    n2_fd_add(v->vd->loop, fd, N2_READ, on_rx, v) < 0) {
		n2_log_err("%s: cannot listen for advertisements: %s", v->name, strerror(errno));
		close(fd);
		return -1;
	}
	v->rx_fd = fd;
	return 0;
}

void net_close_rx(struct vif *v)
{
	if (v->rx_fd < 0)
		return;
	n2_fd_del(v->vd->loop, v->rx_fd);
	close(v->rx_fd);
	v->rx_fd = -1;
}

static int tx_socket(struct vrrpd *vd)
{
	if (vd->tx_fd < 0)
		vd->tx_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	return vd->tx_fd;
}

int net_send_frame(const struct group *g, const uint8_t *frame, size_t len)
{
	/* destination and EtherType as the frame says */
	struct sockaddr_ll sll = {.sll_family = AF_PACKET,
				  .sll_protocol = htons((uint16_t)(frame[12] << 8 | frame[13])),
				  .sll_ifindex = (int)g->vif->ifindex,
				  .sll_halen = 6};
	memcpy(sll.sll_addr, frame, 6);
	struct vrrpd *vd = g->vif->vd;
	if (tx_socket(vd) < 0 || sendto(vd->tx_fd, frame, len, 0, (struct sockaddr *)&sll,
					sizeof(sll)) != (ssize_t)len) {
		n2_log_rl(&vd->rl_tx, LOG_ERR, VRRP_GRP_FMT ": send: %s",
			  VRRP_GRP_ARGS(g->vif->name, &g->cfg), strerror(errno));
		return -1;
	}
	return 0;
}

void net_close_tx(struct vrrpd *vd)
{
	if (vd->tx_fd >= 0)
		close(vd->tx_fd);
	vd->tx_fd = -1;
}
