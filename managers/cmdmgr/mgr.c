/* Putting cmdmgr together: the datastore, the command tables saved by an earlier run, the cmsh
 * socket and the bus; and the clean stop. */
#include "cmdmgr.h"
#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define ANSWER_TIMEOUT_MS 5000u

int cmdmgr_init(struct cmdmgr *cm, struct n2_loop *loop, struct n2_ipc *ipc, const char *rundir,
		const char *confdir, uint64_t started_us, char *err, size_t errlen)
{
	memset(cm, 0, sizeof(*cm));
	cm->loop = loop;
	cm->ipc = ipc;
	cm->started_us = started_us;
	cm->timeout_ms = ANSWER_TIMEOUT_MS;
	snprintf(cm->rundir, sizeof(cm->rundir), "%s", rundir);
	snprintf(cm->regdir, sizeof(cm->regdir), "%.*s/cmdreg", (int)sizeof(cm->regdir) - 8,
		 rundir);
	snprintf(cm->startup, sizeof(cm->startup), "%.*s/n2os.conf", (int)sizeof(cm->startup) - 12,
		 confdir);
	if (ds_open(&cm->ds, rundir, err, errlen) < 0)
		return -1;
	builtins_register(&cm->reg);
	reg_load_all(&cm->reg, cm->regdir);
	if (!(cm->srv = server_start(cm, rundir))) {
		snprintf(err, errlen, "cannot listen on %s/cmd.sock: %s", rundir, strerror(errno));
		return -1;
	}
	bus_init(cm);
	system_apply(cm, cm->ds.running);
	return 0;
}

void cmdmgr_fini(struct cmdmgr *cm)
{
	server_stop(cm->srv);
	cm->srv = NULL;
	/* a clean stop ends this run: the next start begins from the startup configuration */
	ds_close(&cm->ds, 1);
	reg_remove_saved(cm->regdir);
	reg_fini(&cm->reg);
}
