/* libyang helpers (see yang.h). */
#include "yang.h"
#include "util.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int n2_yang_dir(char *out, size_t len)
{
	char self[PATH_MAX];
	if (n2_self_dir(self, sizeof(self)) == 0) {
		int n = snprintf(out, len, "%s/../share/n2os/yang", self);
		if (n > 0 && (size_t)n < len && access(out, R_OK) == 0)
			return 0;
	}
	int n = snprintf(out, len, "%s", N2OS_YANG_DIR);
	return n > 0 && (size_t)n < len && access(out, R_OK) == 0 ? 0 : -1;
}

void n2_yang_error(const struct ly_ctx *ctx, char *err, size_t errlen)
{
	const struct ly_err_item *e = ly_err_last(ctx);
	if (!e || !e->msg)
		snprintf(err, errlen, "invalid configuration");
	else if (e->path)
		snprintf(err, errlen, "%s (%s)", e->msg, e->path);
	else
		snprintf(err, errlen, "%s", e->msg);
}

static int load(struct ly_ctx *ctx, const char *name, char *err, size_t errlen)
{
	if (ly_ctx_load_module(ctx, name, NULL, NULL))
		return 0;
	char why[256];
	n2_yang_error(ctx, why, sizeof(why));
	snprintf(err, errlen, "cannot load YANG module %s: %s", name, why);
	return -1;
}

struct ly_ctx *n2_yang_ctx(const char *const *modules, char *err, size_t errlen)
{
	char dir[PATH_MAX];
	struct ly_ctx *ctx = NULL;
	ly_log_options(LY_LOSTORE_LAST); /* errors are reported by us, not printed by libyang */
	if (n2_yang_dir(dir, sizeof(dir)) < 0) {
		snprintf(err, errlen, "no YANG directory (looked next to the program and in %s)",
			 N2OS_YANG_DIR);
		return NULL;
	}
	if (ly_ctx_new(dir, LY_CTX_DISABLE_SEARCHDIR_CWD, &ctx) != LY_SUCCESS) {
		snprintf(err, errlen, "cannot create a libyang context");
		return NULL;
	}
	if (modules) {
		for (; *modules; modules++)
			if (load(ctx, *modules, err, errlen) < 0)
				goto fail;
		return ctx;
	}
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".yang"))
			continue;
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)(n - 5), de->d_name);
		char *at = strchr(name, '@'); /* name@revision.yang */
		if (at)
			*at = 0;
		if (load(ctx, name, err, errlen) < 0) {
			closedir(d);
			goto fail;
		}
	}
	if (d)
		closedir(d);
	return ctx;
fail:
	ly_ctx_destroy(ctx);
	return NULL;
}

int n2_yang_parse(struct ly_ctx *ctx, const char *json, struct lyd_node **tree, char *err,
		  size_t errlen)
{
	*tree = NULL;
	if (!json || !*json)
		return 0;
	if (lyd_parse_data_mem(ctx, json, LYD_JSON, LYD_PARSE_STRICT | LYD_PARSE_NO_STATE,
			       LYD_VALIDATE_NO_STATE, tree) != LY_SUCCESS) {
		n2_yang_error(ctx, err, errlen);
		*tree = NULL;
		return -1;
	}
	return 0;
}
