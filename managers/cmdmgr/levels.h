/* Which log levels cmdmgr gives the processes when the configuration changes (`log NAME
 * priority LEVEL`). Pure: the caller sends them (loglevel.c). */
#ifndef CMDMGR_LEVELS_H
#define CMDMGR_LEVELS_H

#define CMDMGR_MAX_LEVELS 64

/* One `log NAME priority LEVEL` entry of the configuration. */
struct cm_level {
	char name[32], level[16];
};

typedef void (*cm_level_push)(const char *name, const char *level, void *arg);

/* The configuration's entries went from old[0..nold) to now[0..nnow): calls push for each entry
 * that is new or has another level, and push(name, "info", arg) (the default) for each one that
 * is gone. An entry that did not change is not pushed again: its process has it already, or gets
 * it when it joins the bus (loglevel.c); pushing every entry at every commit made a file of N
 * `log` lines cost N * N / 2 requests, and as many log lines for processes that do not run. */
void levels_diff(const struct cm_level *old, int nold, const struct cm_level *now, int nnow,
		 cm_level_push push, void *arg);

#endif
