/* vrrpd: the n2os VRRP protocol process (RFC 3768; RFC 5798 for IPv4). On SIGTERM it resigns
 * every group it is master of (priority 0) before it exits, so backups take over within
 * Skew_Time; pifmgr removes the virtual addresses and MAC interfaces it created for us. */
#include "vrrpd.h"
#include "log.h"

struct vrrpd V;

static void on_exit_cb(struct n2_daemon *d)
{
	(void)d;
	commands_unregister();
	group_free_all();
	trackdb_free_all();
	config_free();
	net_close_tx();
	pif_free();
}

static void on_shutdown(struct n2_daemon *d)
{
	group_resign_all("vrrpd stopping");
	n2_daemon_exit(d);
}

int main(int argc, char **argv)
{
	static const char *const aliases[] = {"vrrp", NULL}; /* show memory vrrp, log vrrp ... */
	struct n2_daemon d = {.name = "vrrpd",
			      .aliases = aliases,
			      .summary =
				      "n2os VRRP protocol process (RFC 3768, RFC 5798 for IPv4)."};
	int r = n2_daemon_parse(&d, argc, argv, NULL);
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 1) < 0)
		return 1;
	V.d = &d;
	d.on_shutdown = on_shutdown;
	d.on_exit = on_exit_cb;
	if (pif_init() < 0) {
		n2_log_err("out of memory");
		return 1;
	}
	commands_register();
	return n2_daemon_run(&d);
}
