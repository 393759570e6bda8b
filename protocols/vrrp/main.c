/* vrrpd: the n2os VRRP protocol process (RFC 3768 / RFC 5798).
 * For now it joins the bus, answers heartbeats and the sys.* services, and stops cleanly; the
 * protocol comes with its issue. */
#include "daemon.h"

int main(int argc, char **argv)
{
	struct n2_daemon d = {.name = "vrrpd", .summary = "n2os VRRP protocol process (RFC 3768 / RFC 5798)."};
	int r = n2_daemon_parse(&d, argc, argv, NULL);
	if (r)
		return r > 0 ? 0 : 2;
	if (n2_daemon_start(&d, 1) < 0)
		return 1;
	return n2_daemon_run(&d);
}
