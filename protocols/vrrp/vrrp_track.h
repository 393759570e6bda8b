/* Tracking arithmetic: a group's current priority from its configured priority and the
 * decrements of its tracked objects that are down. Pure. */
#ifndef VRRP_TRACK_H
#define VRRP_TRACK_H
#include <stddef.h>
#include <stdint.h>

struct vrrp_track_use {
	int down; /* the tracked object is down */
	uint8_t decrement;
};

/* The address owner always runs at 255. Otherwise the configured priority minus the decrements
 * of every down object, never below 1 (several tracks add up). */
uint8_t vrrp_track_priority(uint8_t configured, int owner, const struct vrrp_track_use *uses,
			    size_t n);
#endif
