/* libyang helpers shared by cmdmgr (the datastore) and the processes that apply configuration:
 * finding n2os's YANG modules, building a context, parsing JSON configuration with validation. */
#ifndef N2_YANG_H
#define N2_YANG_H
#include <stddef.h>
#include <libyang/libyang.h>

/* Directory of n2os's YANG modules: ../share/n2os/yang next to the running program (the build
 * tree), else the installed N2OS_YANG_DIR. */
int n2_yang_dir(char *out, size_t len);
/* A context with the given modules (NULL-terminated; NULL = every *.yang in the directory). */
struct ly_ctx *n2_yang_ctx(const char *const *modules, char *err, size_t errlen);
/* The last libyang error of ctx as "message (path)". */
void n2_yang_error(const struct ly_ctx *ctx, char *err, size_t errlen);
/* Parses and validates JSON configuration; *tree is NULL for empty input. 0 or -1 with err. */
int n2_yang_parse(struct ly_ctx *ctx, const char *json, struct lyd_node **tree, char *err,
		  size_t errlen);
#endif
