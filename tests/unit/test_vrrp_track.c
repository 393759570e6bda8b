/* Unit tests for the tracking arithmetic (protocols/vrrp/vrrp_track.c): the current priority of
 * a group is its configured priority minus the decrements of its tracked objects that are down,
 * never below 1 (0 would mean "resigning" on the wire) nor above 254 (255 is the address
 * owner's alone); the owner stays at 255 whatever is down. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vrrp_track.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_no_tracks(void **state)
{
	(void)state;
	assert_int_equal(vrrp_track_priority(100, 0, NULL, 0), 100);
	assert_int_equal(vrrp_track_priority(1, 0, NULL, 0), 1);
	assert_int_equal(vrrp_track_priority(254, 0, NULL, 0), 254);
	assert_int_equal(vrrp_track_priority(100, 1, NULL, 0), 255);
}

static void test_one_down(void **state)
{
	(void)state;
	const struct vrrp_track_use u[] = {{.down = 1, .decrement = 30}};
	/* 100 - 30 = 70 */
	assert_int_equal(vrrp_track_priority(100, 0, u, N(u)), 70);
	/* 200 - 30 = 170 */
	assert_int_equal(vrrp_track_priority(200, 0, u, N(u)), 170);
}

static void test_up_tracks_do_not_count(void **state)
{
	(void)state;
	const struct vrrp_track_use u[] = {{.down = 0, .decrement = 30},
					   {.down = 0, .decrement = 254}};
	assert_int_equal(vrrp_track_priority(100, 0, u, N(u)), 100);
	/* mixed: only the down one (20) is taken off: 100 - 20 = 80 */
	const struct vrrp_track_use m[] = {{.down = 0, .decrement = 30},
					   {.down = 1, .decrement = 20},
					   {.down = 0, .decrement = 50}};
	assert_int_equal(vrrp_track_priority(100, 0, m, N(m)), 80);
}

static void test_several_add_up(void **state)
{
	(void)state;
	/* 200 - 10 - 20 - 30 = 140 */
	const struct vrrp_track_use u[] = {{.down = 1, .decrement = 10},
					   {.down = 1, .decrement = 20},
					   {.down = 1, .decrement = 30}};
	assert_int_equal(vrrp_track_priority(200, 0, u, N(u)), 140);
	/* the count given is honoured: only the first two: 200 - 10 - 20 = 170 */
	assert_int_equal(vrrp_track_priority(200, 0, u, 2), 170);
	/* any non-zero `down` is down */
	const struct vrrp_track_use v[] = {{.down = 7, .decrement = 50}};
	assert_int_equal(vrrp_track_priority(200, 0, v, N(v)), 150);
}

static void test_clamp_low(void **state)
{
	(void)state;
	/* exactly to 1: 100 - 99 = 1 */
	const struct vrrp_track_use one[] = {{.down = 1, .decrement = 99}};
	assert_int_equal(vrrp_track_priority(100, 0, one, N(one)), 1);
	/* exactly to 0: 100 - 100 = 0 -> 1, never 0 (that would be a resignation) */
	const struct vrrp_track_use zero[] = {{.down = 1, .decrement = 100}};
	assert_int_equal(vrrp_track_priority(100, 0, zero, N(zero)), 1);
	/* far below: 100 - 254 - 254 - 254 = -662 -> 1 (no uint8 wrap-around to 106) */
	const struct vrrp_track_use far[] = {{.down = 1, .decrement = 254},
					     {.down = 1, .decrement = 254},
					     {.down = 1, .decrement = 254}};
	assert_int_equal(vrrp_track_priority(100, 0, far, N(far)), 1);
	/* 1 with a track down stays 1 */
	assert_int_equal(vrrp_track_priority(1, 0, one, N(one)), 1);
	/* several adding up past zero: 50 - 30 - 30 = -10 -> 1 */
	const struct vrrp_track_use two[] = {{.down = 1, .decrement = 30},
					     {.down = 1, .decrement = 30}};
	assert_int_equal(vrrp_track_priority(50, 0, two, N(two)), 1);
}

static void test_clamp_high(void **state)
{
	(void)state;
	/* a non-owner never reaches 255: a configured 255 without ownership is 254 */
	assert_int_equal(vrrp_track_priority(255, 0, NULL, 0), 254);
	const struct vrrp_track_use up[] = {{.down = 0, .decrement = 10}};
	assert_int_equal(vrrp_track_priority(255, 0, up, N(up)), 254);
	/* with a track down it is counted from 255: 255 - 10 = 245 */
	const struct vrrp_track_use down[] = {{.down = 1, .decrement = 10}};
	assert_int_equal(vrrp_track_priority(255, 0, down, N(down)), 245);
	/* and 255 - 1 = 254 */
	const struct vrrp_track_use d1[] = {{.down = 1, .decrement = 1}};
	assert_int_equal(vrrp_track_priority(255, 0, d1, N(d1)), 254);
}

static void test_owner_stays_255(void **state)
{
	(void)state;
	const struct vrrp_track_use u[] = {{.down = 1, .decrement = 254},
					   {.down = 1, .decrement = 100},
					   {.down = 0, .decrement = 10}};
	assert_int_equal(vrrp_track_priority(255, 1, u, N(u)), 255);
	/* whatever was configured */
	assert_int_equal(vrrp_track_priority(100, 1, u, N(u)), 255);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_tracks),
		cmocka_unit_test(test_one_down),
		cmocka_unit_test(test_up_tracks_do_not_count),
		cmocka_unit_test(test_several_add_up),
		cmocka_unit_test(test_clamp_low),
		cmocka_unit_test(test_clamp_high),
		cmocka_unit_test(test_owner_stays_255),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
