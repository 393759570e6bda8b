/* cmdmgr without a daemon, for the fuzz targets (see cmdmgr_fixture.h). */
#include "cmdmgr_fixture.h"
#include "cmdreg.h"
#include "fuzz.h"
#include "loop.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct cmdmgr cm = {.timeout_ms = 1000}; /* cmdmgr's files refer to it (main.c defines it) */

/* The real tables (managers/pifmgr/config.c, managers/ribmgr/config.c); pifmgr.h and ribmgr.h
 * cannot both be included. */
extern const struct n2_cmd_def pif_commands[], rib_commands[];
extern const size_t pif_ncommands, rib_ncommands;
extern const char *const pif_modules[], *const rib_modules[];

static struct n2_daemon daemon_;
static char rundir[64];

static void register_table(const char *owner, const char *const *modules,
			   const struct n2_cmd_def *defs, size_t n)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char err[300] = "";
	FUZZ_CHECK(n2_cmdreg_pack(modules, defs, n, &buf, &len) == 0);
	if (reg_owner_table(owner, buf, len, err, sizeof(err)) < 0) {
		fprintf(stderr, "the table of %s is refused: %s\n", owner, err);
		abort();
	}
	n2_cmdreg_pack_free(buf);
}

static void cleanup(void)
{
	if (cm.ds.ctx)
		ds_close(&cm.ds, 1);
	unlink(cm.startup);
	rmdir(rundir);
}

void fuzz_cmdmgr_setup(const char *ident, int with_datastore)
{
	fuzz_log_init(ident);
	snprintf(rundir, sizeof(rundir), "%s/%s.XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp", ident);
	FUZZ_CHECK(mkdtemp(rundir));
	daemon_.name = "cmdmgr";
	snprintf(daemon_.rundir, sizeof(daemon_.rundir), "%s", rundir);
	snprintf(daemon_.confdir, sizeof(daemon_.confdir), "%s", rundir);
	FUZZ_CHECK((daemon_.loop = n2_loop_new()));
	char sock[PATH_MAX];
	snprintf(sock, sizeof(sock), "%s/ipc.sock", rundir); /* nobody listens there */
	FUZZ_CHECK((daemon_.ipc = n2_ipc_new(daemon_.loop, sock, "cmdmgr")));
	daemon_.started_us = n2_now_us();
	cm.d = &daemon_;
	snprintf(cm.regdir, sizeof(cm.regdir), "%s/cmdreg", rundir);
	snprintf(cm.startup, sizeof(cm.startup), "%s/n2os.conf", rundir);
	if (with_datastore) {
		char err[512] = "";
		if (ds_open(&cm.ds, rundir, err, sizeof(err)) < 0) {
			fprintf(stderr, "%s: ds_open: %s\n", ident, err);
			abort();
		}
	}
	atexit(cleanup);
	builtins_register();
	register_table("pifmgr", pif_modules, pif_commands, pif_ncommands);
	register_table("ribmgr", rib_modules, rib_commands, rib_ncommands);
}

size_t fuzz_node_commands(enum node n, const struct cli_cmd ***out)
{
	struct session s = {.node = n};
	return session_commands(&s, out);
}
