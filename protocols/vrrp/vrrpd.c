/* Putting vrrpd together: the context's life cycle. Start-up follows pifmgr's table (bus.c) and
 * registers the command table (commands.c) with config.c as the apply callback; the end frees
 * everything after the groups have resigned (main.c's SIGTERM path), silently. */
#include "vrrpd.h"

#include <string.h>

int vrrpd_init(struct vrrpd *vd, struct n2_loop *loop, struct n2_ipc *ipc)
{
	memset(vd, 0, sizeof(*vd));
	vd->loop = loop;
	vd->ipc = ipc;
	vd->tx_fd = -1;
	vd->rl_rx = (struct n2_ratelimit)N2_RATELIMIT_INIT(1000, 10);
	vd->rl_tx = (struct n2_ratelimit)N2_RATELIMIT_INIT(1000, 5);
	if (!ipc)
		return 0;
	if (vrrp_bus_init(vd) < 0)
		return -1;
	vd->cmdreg =
		n2_cmdreg_new(ipc, vrrp_modules, vrrp_commands, vrrp_ncommands, config_apply, vd);
	return vd->cmdreg ? 0 : -1;
}

void vrrpd_fini(struct vrrpd *vd)
{
	n2_cmdreg_free(vd->cmdreg);
	vd->cmdreg = NULL;
	group_free_all(vd);
	trackdb_free_all(vd);
	config_free(vd);
	net_close_tx(vd);
	vrrp_bus_fini(vd);
}
