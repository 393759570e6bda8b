/* Tracking arithmetic (see vrrp_track.h). */
#include "vrrp_track.h"

uint8_t vrrp_track_priority(uint8_t configured, int owner, const struct vrrp_track_use *uses,
			    size_t n)
{
	if (owner)
		return 255;
	int p = configured;
	for (size_t i = 0; i < n; i++)
		if (uses[i].down)
			p -= uses[i].decrement;
	return (uint8_t)(p < 1 ? 1 : p > 254 ? 254 : p);
}
