/* vrrpd's sockets, the only file that touches them. Advertisements are received per interface
 * on a packet socket (IPv4 frames of the interface, filtered in the kernel to protocol 112 for
 * 224.0.0.18), not through the IP stack: that stack drops an advertisement whose source is one
 * of our own addresses as a martian, and a master holding a virtual address that is the other
 * router's real address (the address owner coming back) would never hear the owner. group_rx()
 * checks the IP header itself. Advertisements and gratuitous ARPs are sent as whole Ethernet
 * frames from the interface itself with the virtual MAC as source, so they are on the wire the
 * moment the state machine decides, without waiting for the macvlan that will carry the
 * traffic. */
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

static int tx_fd = -1;
static uint16_t ip_id;
static struct n2_ratelimit rl_tx = N2_RATELIMIT_INIT(1000, 5);

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
	/* the socket sees IPv4 from the network header on: keep protocol 112 to 224.0.0.18 */
	static struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VRRP_PROTO, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, VRRP_GROUP_V4, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	static const struct sock_fprog prog = {.len = sizeof(code) / sizeof(code[0]),
					       .filter = code};
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_IP));
	if (fd < 0) {
		n2_log_err("%s: packet socket: %s", v->name, strerror(errno));
		return -1;
	}
	struct sockaddr_ll sll = {.sll_family = AF_PACKET,
				  .sll_protocol = htons(ETH_P_IP),
				  .sll_ifindex = (int)v->ifindex};
	/* the NIC must pass 01:00:5e:00:00:12 up (RFC 1112 mapping of 224.0.0.18) */
	struct packet_mreq mr = {.mr_ifindex = (int)v->ifindex,
				 .mr_type = PACKET_MR_MULTICAST,
				 .mr_alen = 6,
				 .mr_address = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12}};
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0 ||
	    n2_fd_add(V.d->loop, fd, N2_READ, on_rx, v) < 0) {
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
	n2_fd_del(V.d->loop, v->rx_fd);
	close(v->rx_fd);
	v->rx_fd = -1;
}

static int tx_socket(void)
{
	if (tx_fd < 0)
		tx_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	return tx_fd;
}

static int send_frame(const struct group *g, const uint8_t *dst, uint16_t type,
		      const uint8_t *frame, size_t len)
{
	struct sockaddr_ll sll = {.sll_family = AF_PACKET,
				  .sll_protocol = htons(type),
				  .sll_ifindex = (int)g->vif->ifindex,
				  .sll_halen = 6};
	memcpy(sll.sll_addr, dst, 6);
	if (tx_socket() < 0 ||
	    sendto(tx_fd, frame, len, 0, (struct sockaddr *)&sll, sizeof(sll)) != (ssize_t)len) {
		n2_log_rl(&rl_tx, LOG_ERR, "%s vrid %u: send: %s", g->vif->name, g->cfg.vrid,
			  strerror(errno));
		return -1;
	}
	return 0;
}

int net_send_adv(const struct group *g, uint8_t priority)
{
	static const uint8_t mcast[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12};
	uint8_t f[14 + 20 + VRRP_HDR_LEN + 4 * VRRP_MAX_ADDRS + VRRP_AUTH_LEN];
	struct vrrp_adv a = {.version = g->cfg.version,
			     .vrid = g->cfg.vrid,
			     .priority = priority,
			     .naddr = (uint8_t)g->cfg.nvips};
	if (!g->vif->ifindex || !g->vif->primary)
		return -1;
	if (a.version == 2) {
		a.interval = g->cfg.adv_sec;
		a.auth_type = g->cfg.auth[0] ? VRRP_AUTH_TEXT : VRRP_AUTH_NONE;
		memcpy(a.auth, g->cfg.auth, sizeof(a.auth));
	} else {
		a.interval = (uint16_t)(g->cfg.adv_sec * 100u);
	}
	memcpy(a.addrs, g->cfg.vips, sizeof(a.addrs[0]) * (size_t)g->cfg.nvips);
	uint32_t src = g->vif->primary, dst = htonl(VRRP_GROUP_V4);
	size_t vlen = vrrp_adv_encode(&a, src, dst, f + 34, sizeof(f) - 34);
	if (!vlen)
		return -1;
	memcpy(f, mcast, 6);
	group_vmac(g, f + 6);
	f[12] = 0x08;
	f[13] = 0x00;
	uint8_t *ip = f + 14;
	uint16_t tot = (uint16_t)(20 + vlen);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	ip[1] = 0xc0; /* internetwork control */
	ip[2] = (uint8_t)(tot >> 8);
	ip[3] = (uint8_t)tot;
	ip_id++;
	ip[4] = (uint8_t)(ip_id >> 8);
	ip[5] = (uint8_t)ip_id;
	ip[8] = VRRP_TTL;
	ip[9] = VRRP_PROTO;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	uint16_t ck = vrrp_cksum(ip, 20, 0);
	ip[10] = (uint8_t)(ck >> 8);
	ip[11] = (uint8_t)ck;
	return send_frame(g, mcast, ETH_P_IP, f, 34 + vlen);
}

int net_send_garp(const struct group *g, uint32_t vip)
{
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	uint8_t f[42], mac[6];
	group_vmac(g, mac);
	memcpy(f, bcast, 6);
	memcpy(f + 6, mac, 6);
	f[12] = 0x08;
	f[13] = 0x06;
	uint8_t *a = f + 14;
	a[0] = 0, a[1] = 1;    /* Ethernet */
	a[2] = 0x08, a[3] = 0; /* IPv4 */
	a[4] = 6, a[5] = 4;
	a[6] = 0, a[7] = 1; /* request: the gratuitous ARP of RFC 5798 */
	memcpy(a + 8, mac, 6);
	memcpy(a + 14, &vip, 4);
	memset(a + 18, 0, 6);
	memcpy(a + 24, &vip, 4);
	return send_frame(g, bcast, ETH_P_ARP, f, sizeof(f));
}

void net_close_tx(void)
{
	if (tx_fd >= 0)
		close(tx_fd);
	tx_fd = -1;
}
