/* The log-level diff (see levels.h). */
#include "levels.h"

#include <string.h>

static const struct cm_level *find(const struct cm_level *v, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

void levels_diff(const struct cm_level *old, int nold, const struct cm_level *now, int nnow,
		 cm_level_push push, void *arg)
{
	for (int i = 0; i < nnow; i++) {
		const struct cm_level *was = find(old, nold, now[i].name);
		if (!was || strcmp(was->level, now[i].level))
			push(now[i].name, now[i].level, arg);
	}
	for (int i = 0; i < nold; i++)
		if (!find(now, nnow, old[i].name)) /* `no log NAME priority`: back to the default */
			push(old[i].name, "info", arg);
}
