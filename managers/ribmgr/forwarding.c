/* IPv4 and IPv6 forwarding (`ip forwarding`, `ipv6 forwarding`): the kernel's switches in the
 * instance's network namespace. There is no netlink setter for them, so they are written under
 * /proc/sys. A switch the configuration does not name is left as it is; one it stops naming, and
 * every switch at n2os stop, goes back to what ribmgr found (as pifmgr restores interfaces).
 * What was found is kept in $RUNDIR/ribmgr.forwarding while a switch is changed, so a ribmgr
 * restarted after a crash restores the value from before n2os, not its predecessor's. */
#include "ribmgr.h"
#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const fwd_path[2] = {"net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding"};
static const char *const fwd_name[2] = {"ip forwarding", "ipv6 forwarding"};

void fwd_init(struct rib_fwd *f, const char *root)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->root, sizeof(f->root), "%s", root ? root : "/proc/sys");
}

static int fwd_file(const struct rib_fwd *f, int fam, char *path, size_t len)
{
	return snprintf(path, len, "%s/%s", f->root, fwd_path[fam]) < (int)len ? 0 : -1;
}

static int fwd_read(const struct rib_fwd *f, int fam)
{
	char path[300];
	int v = -1;
	FILE *fp = fwd_file(f, fam, path, sizeof(path)) == 0 ? fopen(path, "r") : NULL;
	if (fp && fscanf(fp, "%d", &v) != 1)
		v = -1;
	if (fp)
		fclose(fp);
	return v;
}

static int fwd_write(const struct rib_fwd *f, int fam, int on, char *err, size_t errlen)
{
	char path[300];
	FILE *fp = fwd_file(f, fam, path, sizeof(path)) == 0 ? fopen(path, "w") : NULL;
	int ok = fp && fprintf(fp, "%d\n", on ? 1 : 0) > 0;
	if (fp && fclose(fp) != 0)
		ok = 0;
	if (!ok) {
		snprintf(err, errlen, "%s: cannot write %s: %s", fwd_name[fam], path,
			 strerror(errno));
		return -1;
	}
	n2_log_info("%s%s", on ? "" : "no ", fwd_name[fam]);
	return 0;
}

void fwd_state(struct rib_fwd *f, const char *path)
{
	snprintf(f->state, sizeof(f->state), "%s", path);
	FILE *fp = fopen(path, "r");
	int fam, v;
	while (fp && fscanf(fp, "%d %d", &fam, &v) == 2)
		if ((fam == 0 || fam == 1) && (v == 0 || v == 1)) {
			f->found[fam] = v;
			f->touched[fam] = 1;
		}
	if (fp)
		fclose(fp);
}

static void fwd_save(const struct rib_fwd *f)
{
	if (!f->state[0])
		return;
	if (!f->touched[0] && !f->touched[1]) {
		unlink(f->state);
		return;
	}
	FILE *fp = fopen(f->state, "w");
	for (int fam = 0; fp && fam < 2; fam++)
		if (f->touched[fam])
			fprintf(fp, "%d %d\n", fam, f->found[fam]);
	if (!fp || fclose(fp) != 0)
		n2_log_err("cannot save %s: %s", f->state, strerror(errno));
}

static int fwd_apply_one(struct rib_fwd *f, int fam, int want, char *err, size_t errlen)
{
	if (want < 0) {
		if (f->touched[fam] && fwd_write(f, fam, f->found[fam], err, errlen) < 0)
			return -1;
		f->touched[fam] = 0;
		return 0;
	}
	if (!f->touched[fam]) {
		int v = fwd_read(f, fam);
		if (v < 0) {
			snprintf(err, errlen, "%s: cannot read it (no IPv%d in this kernel?)",
				 fwd_name[fam], fam ? 6 : 4);
			return -1;
		}
		f->found[fam] = v;
		f->touched[fam] = 1;
		fwd_save(f); /* before the write: a crash after it still knows the old value */
	}
	return fwd_write(f, fam, want, err, errlen);
}

int fwd_apply(struct rib_fwd *f, const int want[2], char *err, size_t errlen)
{
	int rc = 0;
	for (int fam = 0; fam < 2 && rc == 0; fam++)
		rc = fwd_apply_one(f, fam, want[fam], err, errlen);
	fwd_save(f);
	return rc;
}

void fwd_restore(struct rib_fwd *f)
{
	char err[400];
	const int none[2] = {-1, -1};
	if (fwd_apply(f, none, err, sizeof(err)) < 0)
		n2_log_err("n2os stop: %s", err);
}
