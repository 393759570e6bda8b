/* vrrpd: the n2os VRRP protocol process (RFC 3768 VRRPv2; RFC 9568 VRRPv3 for IPv4 and IPv6). On
 * SIGTERM it resigns every group it is master of (priority 0) before it exits, so backups take over
 * within Skew_Time; pifmgr removes the virtual addresses and MAC interfaces it created for us. This
 * file only starts it; see README.md and vrrpd.h for how it works. */
#include "vrrpd.h"
#include "daemon.h"
#include "privs.h"

/* The process's one context: here only because the daemon callbacks take no argument. */
static struct vrrpd vd;

static void on_exit_cb(struct n2_daemon *d)
{
	(void)d;
	vrrpd_fini(&vd);
}

static void on_shutdown(struct n2_daemon *d)
{
	group_resign_all(&vd, "vrrpd stopping");
	n2_daemon_exit(d);
}

int main(int argc, char **argv)
{
	static const char *const aliases[] = {"vrrp", NULL}; /* show memory vrrp, log vrrp ... */
	struct n2_daemon d = {.name = "vrrpd",
			      .aliases = aliases,
			      .summary = "n2os VRRP protocol process (RFC 3768 VRRPv2, RFC 9568 "
					 "VRRPv3 for IPv4 and IPv6).",
			      /* AF_PACKET sockets, opened whenever a group is configured */
			      .caps = N2_CAP(CAP_NET_RAW)};
	int r = n2_daemon_parse(&d, argc, argv, NULL);
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 1) < 0)
		return 1;
	d.on_shutdown = on_shutdown;
	d.on_exit = on_exit_cb;
	if (vrrpd_init(&vd, d.loop, d.ipc) < 0) {
		n2_log_err("out of memory");
		return 1;
	}
	return n2_daemon_run(&d);
}
