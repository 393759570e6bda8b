/* show running-config: renders the datastore as CLI text by reading the registered commands'
 * edit templates backwards: a configured node is printed by the command whose first edit
 * produces it, under the node (config, or an `interface X` block) the command belongs to. */
#ifndef CMDMGR_RENDER_H
#define CMDMGR_RENDER_H
#include <libyang/libyang.h>
#include "buf.h"
#include "registry.h"

/* Appends the configuration text (starting with "!" and ending with "end"). Nodes no command
 * can print are counted in *unrendered (may be NULL). */
void render_config(const struct registry *reg, const struct lyd_node *tree, struct n2_buf *out,
		   int *unrendered);
#endif
