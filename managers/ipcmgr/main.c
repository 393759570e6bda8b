/* ipcmgr: the IPC manager, n2os's message bus. It also joins its own bus as client "ipcmgr" so
 * that the sys.* services (heartbeat, log, memory) and "ipc.stats" work like everyone else's. */
#include "bus.h"
#include "daemon.h"
#include "log.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct bus *bus;

static void teardown(struct n2_daemon *d)
{
	n2_ipc_free(d->ipc); /* our own client first, then the bus under it */
	d->ipc = NULL;
	bus_free(bus);
	bus = NULL;
}

/* "ipc.stats" and "ipc.members": arg is the encoder */
static void on_query(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	uint8_t *(*encode)(const struct bus *, size_t *) = arg;
	size_t len;
	uint8_t *buf = encode(bus, &len);
	if (!buf) {
		n2_ipc_reply_error(ipc, req, "out of memory");
		return;
	}
	n2_ipc_reply(ipc, req, buf, len);
	free(buf);
}

int main(int argc, char **argv)
{
	struct n2_daemon d = {.name = "ipcmgr",
			      .summary = "n2os IPC manager: the message bus on RUNDIR/ipc.sock."};
	int r = n2_daemon_parse(&d, argc, argv, NULL);
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 0) < 0)
		return 1;
	char path[128];
	if (n2_ipc_sock_path(d.rundir, path, sizeof(path)) < 0 ||
	    !(bus = bus_new(d.loop, path, 1))) {
		n2_log_err("cannot listen on %s/ipc.sock: %s", d.rundir, strerror(errno));
		return 1;
	}
	d.ipc = n2_ipc_new(d.loop, path, "ipcmgr");
	n2_sys_services(d.ipc, d.started_us);
	n2_ipc_handle(d.ipc, "ipc.stats", on_query, (void *)bus_stats_encode);
	n2_ipc_handle(d.ipc, "ipc.members", on_query, (void *)bus_members_encode);
	n2_ipc_start(d.ipc);
	n2_log_info("ipcmgr: listening on %s", path);
	d.on_exit = teardown;
	return n2_daemon_run(&d);
}
