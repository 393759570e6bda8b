/* Capabilities after start-up (see privs.h), through libcap. */
#include "privs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>

static int last_cap(void)
{
	int last = (int)cap_max_bits() - 1;
	return last > 63 ? 63 : last;
}

uint64_t n2_privs_effective(void)
{
	cap_t c = cap_get_proc();
	uint64_t mask = 0;
	for (int i = 0; c && i <= last_cap(); i++) {
		cap_flag_value_t v = CAP_CLEAR;
		if (cap_get_flag(c, (cap_value_t)i, CAP_EFFECTIVE, &v) == 0 && v == CAP_SET)
			mask |= N2_CAP(i);
	}
	cap_free(c);
	return mask;
}

void n2_privs_names(uint64_t mask, char *out, size_t len)
{
	size_t n = 0;
	out[0] = 0;
	for (int i = 0; i <= last_cap() && n < len; i++) {
		if (!(mask & N2_CAP(i)))
			continue;
		char *name = cap_to_name((cap_value_t)i);
		n += (size_t)snprintf(out + n, len - n, "%s%s", n ? "," : "", name ? name : "?");
		cap_free(name);
	}
	if (!out[0])
		snprintf(out, len, "none");
}

/* Clears the bounding set but for keep; needs CAP_SETPCAP, so it runs before the sets shrink. */
static int drop_bounding_set(uint64_t keep)
{
	if (!CAP_IS_SUPPORTED(CAP_SETPCAP))
		return 0;
	for (int i = 0; i <= last_cap(); i++)
		if (!(keep & N2_CAP(i)) && CAP_IS_SUPPORTED(i) && cap_get_bound(i) == 1 &&
		    cap_drop_bound((cap_value_t)i) < 0)
			return errno == EPERM ? 0 : -1; /* not ours to drop: unprivileged */
	return 0;
}

int n2_privs_keep(uint64_t keep, int drop_bounding)
{
	cap_t now = cap_get_proc();
	if (!now)
		return -1;
	cap_t want = cap_init();
	if (!want) {
		cap_free(now);
		return -1;
	}
	for (int i = 0; i <= last_cap(); i++) {
		cap_flag_value_t v = CAP_CLEAR;
		if (!(keep & N2_CAP(i)) || cap_get_flag(now, (cap_value_t)i, CAP_PERMITTED, &v) ||
		    v != CAP_SET)
			continue;
		cap_value_t c = (cap_value_t)i;
		cap_set_flag(want, CAP_PERMITTED, 1, &c, CAP_SET);
		cap_set_flag(want, CAP_EFFECTIVE, 1, &c, CAP_SET);
	}
	int rc = drop_bounding ? drop_bounding_set(keep) : 0;
	if (rc == 0)
		rc = cap_set_proc(want);
	int e = errno;
	if (rc == 0 && CAP_AMBIENT_SUPPORTED())
		cap_reset_ambient();
	cap_free(want);
	cap_free(now);
	errno = e;
	return rc;
}
