/* cmdmgr without a daemon, for the fuzz targets of its CLI: one struct cmdmgr with the real
 * command tables (cmdmgr's built-ins, pifmgr's, ribmgr's and vrrpd's, packed by lib/cmdreg.c as
 * the processes send them) in its registry, a loop, a bus client that is never connected (a
 * request to another process fails at once, as when the bus is down), no cmsh server and, when
 * asked, the libyang datastore in a temporary run directory (on /dev/shm when there is one:
 * every commit saves running.json). */
#ifndef FUZZ_CMDMGR_FIXTURE_H
#define FUZZ_CMDMGR_FIXTURE_H
#include "cmdmgr.h"

/* Once per process; the run directory is removed at exit. */
struct cmdmgr *fuzz_cmdmgr_setup(const char *ident, int with_datastore);
/* The commands offered in node n (with the config node's after an interface node's, as
 * session_commands gives them); free() the array. */
size_t fuzz_node_commands(struct cmdmgr *cm, enum node n, const struct cli_cmd ***out);
#endif
