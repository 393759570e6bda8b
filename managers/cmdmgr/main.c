/* cmdmgr: the CMD manager. Owns the CLI tree (built-in commands plus the tables the processes
 * register) and the configuration datastore (libyang); serves cmsh on RUNDIR/cmd.sock. */
#include "cmdmgr.h"
#include "log.h"
#include "registry.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct cmdmgr cm = {.timeout_ms = 5000};

static void on_exit_cb(struct n2_daemon *d)
{
	(void)d;
	server_stop();
	/* a clean stop ends this run: the next start begins from the startup configuration */
	ds_close(&cm.ds, 1);
	reg_remove_saved(cm.regdir);
}

int main(int argc, char **argv)
{
	struct n2_daemon d = {
		.name = "cmdmgr",
		.summary = "n2os CMD manager: the CLI tree and the YANG configuration datastore."};
	int r = n2_daemon_parse(
		&d, argc, argv,
		"\nServes cmsh on RUNDIR/cmd.sock. The startup configuration is\n"
		"CONFDIR/n2os.conf; the running one is kept in RUNDIR/running.json.\n");
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 1) < 0)
		return 1;
	cm.d = &d;
	snprintf(cm.regdir, sizeof(cm.regdir), "%.*s/cmdreg", (int)sizeof(cm.regdir) - 8, d.rundir);
	snprintf(cm.startup, sizeof(cm.startup), "%.*s/n2os.conf", (int)sizeof(cm.startup) - 12,
		 d.confdir);
	char err[512];
	if (ds_open(&cm.ds, d.rundir, err, sizeof(err)) < 0) {
		n2_log_err("cmdmgr: %s", err);
		return 1;
	}
	builtins_register();
	reg_load_all(cm.regdir);
	if (server_start(d.rundir) < 0) {
		n2_log_err("cmdmgr: cannot listen on %s/cmd.sock: %s", d.rundir, strerror(errno));
		return 1;
	}
	bus_init();
	system_apply(cm.ds.running);
	d.on_exit = on_exit_cb;
	return n2_daemon_run(&d);
}
