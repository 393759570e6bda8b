/* pifmgr: the n2os PIF manager: the interface table (netlink) and the only writer of interface
 * state. This file only starts it; see README.md and pifmgr.h for how it works. */
#include "daemon.h"
#include "log.h"
#include "pifmgr.h"
#include "privs.h"

#include <stdio.h>

static struct n2_daemon d = {
	.name = "pifmgr",
	.summary = "n2os PIF manager: the interface table (netlink) and the "
		   "only writer of interface state.",
	.caps = N2_CAP(CAP_NET_ADMIN)}; /* links, addresses, macvlans, sysctls */
static struct pif_mgr mgr;

static void stopped(struct pif_mgr *m)
{
	(void)m;
	n2_daemon_exit(&d);
}

static void on_shutdown(struct n2_daemon *dd)
{
	(void)dd;
	pif_mgr_stop(&mgr, stopped);
}

static void on_exit_cb(struct n2_daemon *dd)
{
	(void)dd;
	pif_mgr_fini(&mgr);
}

int main(int argc, char **argv)
{
	int r = n2_daemon_parse(&d, argc, argv, NULL);
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 1) < 0)
		return 1;
	char state[PATH_MAX], err[256];
	if (n2_rundir_path(&d, "pifmgr.state", state, sizeof(state)) < 0 ||
	    pif_mgr_init(&mgr, d.loop, d.ipc, state, 1, err, sizeof(err)) < 0) {
		n2_log_err("cannot start: %s", err);
		return 1;
	}
	d.on_shutdown = on_shutdown;
	d.on_exit = on_exit_cb;
	return n2_daemon_run(&d);
}
