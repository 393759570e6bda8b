/* pif_latency: line-protocol event latency, from the moment an interface is set down (or up) in
 * the kernel to the pif.link event delivered to a subscriber through pifmgr and the bus.
 * Run inside the namespace of a running instance:
 *   pif_latency --rundir DIR IFNAME [ROUNDS]
 * IFNAME must have carrier (e.g. one end of a veth whose peer is up). It is toggled down and up
 * ROUNDS times (default 200) with SIOCSIFFLAGS; each transition is timed with CLOCK_MONOTONIC. */
#include "ipc.h"
#include "log.h"
#include "loop.h"
#include "pifclient.h"

#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static struct n2_loop *loop;
static const char *ifname;
static int want_oper = -1, got;
static uint64_t t0, netlink_us;

static void on_link(struct pifc *c, const struct pifc_iface *ifp, uint64_t nl_us, void *arg)
{
	(void)c;
	(void)arg;
	if (!strcmp(ifp->name, ifname) && ifp->oper_up == want_oper && !got) {
		got = 1;
		netlink_us = nl_us;
	}
}

static int set_up(int fd, int up)
{
	struct ifreq ifr = {0};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	ifr.ifr_flags = (short)(up ? ifr.ifr_flags | IFF_UP : ifr.ifr_flags & ~IFF_UP);
	return ioctl(fd, SIOCSIFFLAGS, &ifr);
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	printf("%-28s n=%d  median %6.1f us  p90 %6.1f us  p99 %6.1f us  max %6.1f us\n", what, n,
	       (double)v[n / 2], (double)v[n * 9 / 10], (double)v[n * 99 / 100], (double)v[n - 1]);
}

int main(int argc, char **argv)
{
	if (argc < 4 || strcmp(argv[1], "--rundir")) {
		fprintf(stderr, "usage: pif_latency --rundir DIR IFNAME [ROUNDS]\n");
		return 2;
	}
	ifname = argv[3];
	int rounds = argc > 4 ? atoi(argv[4]) : 200;
	n2_log_init("pif_latency", N2_LOG_STDERR, LOG_WARNING);
	char path[256];
	loop = n2_loop_new();
	n2_ipc_sock_path(argv[2], path, sizeof(path));
	struct n2_ipc *ipc = n2_ipc_new(loop, path, "pif_latency");
	if (n2_ipc_connect_wait(ipc, 5000) < 0) {
		fprintf(stderr, "pif_latency: cannot join the bus\n");
		return 1;
	}
	struct pifc_ops ops = {.link = on_link};
	struct pifc *pc = pifc_new(loop, ipc, &ops, NULL);
	while (!pifc_synced(pc))
		n2_loop_once(loop, 100000);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	uint64_t *total = calloc((size_t)rounds * 2, sizeof(*total));
	uint64_t *bus = calloc((size_t)rounds * 2, sizeof(*bus));
	int n = 0;
	for (int i = 0; i < rounds * 2; i++) {
		int up = i % 2;
		want_oper = up;
		got = 0;
		t0 = n2_now_us();
		if (set_up(fd, up) < 0) {
			perror("pif_latency: SIOCSIFFLAGS");
			return 1;
		}
		uint64_t deadline = t0 + 2000000u;
		while (!got && n2_now_us() < deadline)
			n2_loop_once(loop, 100000);
		uint64_t t1 = n2_now_us();
		if (!got) {
			fprintf(stderr, "pif_latency: no event within 2 s (round %d)\n", i);
			continue;
		}
		total[n] = t1 - t0;
		bus[n] = netlink_us ? t1 - netlink_us : 0;
		n++;
	}
	set_up(fd, 1);
	printf("pif_latency: %s, %d transitions\n", ifname, n);
	report("kernel change -> subscriber", total, n);
	report("pifmgr read -> subscriber", bus, n);
	pifc_free(pc);
	n2_ipc_free(ipc);
	n2_loop_free(loop);
	return 0;
}
