/* cmdmgr without a daemon, for the fuzz targets (see cmdmgr_fixture.h). */
#include "cmdmgr_fixture.h"
#include "cmdreg.h"
#include "fuzz.h"
#include "loop.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The real tables (managers/pifmgr/config.c, managers/ribmgr/config.c,
 * protocols/vrrp/commands.c); the processes' headers cannot be included together. */
extern const struct n2_cmd_def pif_commands[], rib_commands[], vrrp_commands[];
extern const size_t pif_ncommands, rib_ncommands, vrrp_ncommands;
extern const char *const pif_modules[], *const rib_modules[], *const vrrp_modules[];

static struct cmdmgr cm;

static void register_table(const char *owner, const char *const *modules,
			   const struct n2_cmd_def *defs, size_t n)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char err[300] = "";
	FUZZ_CHECK(n2_cmdreg_pack(modules, defs, n, &buf, &len) == 0);
	if (reg_owner_table(&cm.reg, owner, buf, len, err, sizeof(err)) < 0) {
		fprintf(stderr, "the table of %s is refused: %s\n", owner, err);
		abort();
	}
	n2_cmdreg_pack_free(buf);
}

static void cleanup(void)
{
	if (cm.ds.ctx)
		ds_close(&cm.ds, 1);
	reg_fini(&cm.reg);
	unlink(cm.startup);
	rmdir(cm.rundir);
}

struct cmdmgr *fuzz_cmdmgr_setup(const char *ident, int with_datastore)
{
	fuzz_log_init(ident);
	snprintf(cm.rundir, sizeof(cm.rundir), "%s/%s.XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", ident);
	FUZZ_CHECK(mkdtemp(cm.rundir));
	FUZZ_CHECK((cm.loop = n2_loop_new()));
	char sock[PATH_MAX + 16];
	snprintf(sock, sizeof(sock), "%s/ipc.sock", cm.rundir); /* nobody listens there */
	FUZZ_CHECK((cm.ipc = n2_ipc_new(cm.loop, sock, "cmdmgr")));
	cm.started_us = n2_now_us();
	cm.timeout_ms = 1000;
	snprintf(cm.regdir, sizeof(cm.regdir), "%.*s/cmdreg", (int)sizeof(cm.regdir) - 8,
		 cm.rundir);
	snprintf(cm.startup, sizeof(cm.startup), "%.*s/n2os.conf", (int)sizeof(cm.startup) - 12,
		 cm.rundir);
	if (with_datastore) {
		char err[512] = "";
		if (ds_open(&cm.ds, cm.rundir, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s: ds_open: %s\n", ident, err);
			abort();
		}
	}
	atexit(cleanup);
	builtins_register(&cm.reg);
	register_table("pifmgr", pif_modules, pif_commands, pif_ncommands);
	register_table("ribmgr", rib_modules, rib_commands, rib_ncommands);
	register_table("vrrpd", vrrp_modules, vrrp_commands, vrrp_ncommands);
	return &cm;
}

size_t fuzz_node_commands(struct cmdmgr *c, enum node n, const struct cli_cmd ***out)
{
	struct session s = {.cm = c, .node = n};
	return session_commands(&s, out);
}
