/* cmdmgr: the n2os CMD manager: the CLI tree and the YANG configuration datastore.
 * For now it joins the bus, answers heartbeats and the sys.* services, and stops cleanly; its
 * own work comes with its issue. */
#include "daemon.h"

int main(int argc, char **argv)
{
	struct n2_daemon d = {.name = "cmdmgr", .summary = "n2os CMD manager: the CLI tree and the YANG configuration datastore."};
	int r = n2_daemon_parse(&d, argc, argv, NULL);
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 1) < 0)
		return 1;
	return n2_daemon_run(&d);
}
