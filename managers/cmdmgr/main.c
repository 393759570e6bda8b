/* cmdmgr: the CMD manager. Owns the CLI tree (built-in commands plus the tables the processes
 * register) and the configuration datastore (libyang); serves cmsh on RUNDIR/cmd.sock. This
 * file only starts it; cmdmgr.h says how the files share the work. */
#include "cmdmgr.h"
#include "daemon.h"
#include "log.h"

static struct n2_daemon d = {
	.name = "cmdmgr",
	.summary = "n2os CMD manager: the CLI tree and the YANG configuration datastore."};
static struct cmdmgr mgr;

static void on_exit_cb(struct n2_daemon *dd)
{
	(void)dd;
	cmdmgr_fini(&mgr);
}

int main(int argc, char **argv)
{
	int r = n2_daemon_parse(
		&d, argc, argv,
		"\nServes cmsh on RUNDIR/cmd.sock. The startup configuration is\n"
		"CONFDIR/n2os.conf; the running one is kept in RUNDIR/running.json.\n");
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 1) < 0)
		return 1;
	char err[512];
	if (cmdmgr_init(&mgr, d.loop, d.ipc, d.rundir, d.confdir, d.started_us, err, sizeof(err)) <
	    0) {
		n2_log_err("cmdmgr: %s", err);
		return 1;
	}
	d.on_exit = on_exit_cb;
	return n2_daemon_run(&d);
}
