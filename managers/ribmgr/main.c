/* ribmgr: the n2os RIB manager: the routing table (connected, static and protocol routes). This
 * file only starts it; see README.md and ribmgr.h for how it works. */
#include "daemon.h"
#include "log.h"
#include "ribmgr.h"
#include "privs.h"

static struct n2_daemon d = {
	.name = "ribmgr",
	.summary = "n2os RIB manager: the routing table (connected, static and protocol routes).",
	.caps = N2_CAP(CAP_NET_ADMIN)}; /* routes in the kernel */
static struct rib_mgr mgr;

static void on_shutdown(struct n2_daemon *dd)
{
	rib_mgr_stop(&mgr);
	n2_daemon_exit(dd);
}

static void on_exit_cb(struct n2_daemon *dd)
{
	(void)dd;
	rib_mgr_fini(&mgr);
}

int main(int argc, char **argv)
{
	int r = n2_daemon_parse(&d, argc, argv, NULL);
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 1) < 0)
		return 1;
	char err[256], fwd[512];
	if (rib_mgr_init(&mgr, d.loop, d.ipc, err, sizeof(err)) < 0) {
		n2_log_err("cannot start: %s", err);
		return 1;
	}
	if (n2_rundir_path(&d, "ribmgr.forwarding", fwd, sizeof(fwd)) == 0)
		fwd_state(&mgr.fwd, fwd);
	d.on_shutdown = on_shutdown;
	d.on_exit = on_exit_cb;
	return n2_daemon_run(&d);
}
