/* For fuzz_startup: what pifmgr and ribmgr do first with the configuration cmdmgr sends them
 * (cmd.config), their parsers of their module's JSON. A file of its own: pifmgr.h and cmdmgr.h
 * (and ribmgr.h) each name their bus adapter bus_init. */
#include <stdlib.h>

#include "owners_parse.h"
#include "pifmgr.h"
#include "ribmgr.h"

void fuzz_owners_parse(const char *interfaces_json, const char *routing_json)
{
	char err[512];
	struct pif_cfg cfg;
	if (*interfaces_json && pif_cfg_parse(interfaces_json, &cfg, err, sizeof(err)) == 0)
		pif_cfg_free(&cfg);
	struct rib_static *routes;
	size_t n;
	if (*routing_json && rib_cfg_parse(routing_json, &routes, &n, NULL, err, sizeof(err)) == 0)
		free(routes);
}
