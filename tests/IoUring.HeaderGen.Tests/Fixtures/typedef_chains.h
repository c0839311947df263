/* Typedefs resolve to their canonical C# primitive; pointers stay pointers; named types keep their C name. */
#ifndef FIXTURE_TYPEDEF_CHAINS_H
#define FIXTURE_TYPEDEF_CHAINS_H

typedef unsigned int tc_u32;
typedef tc_u32 tc_id;
typedef tc_id tc_handle;
typedef long long tc_s64;
typedef tc_s64 tc_time;
typedef unsigned long long tc_aligned_u64 __attribute__((aligned(8)));
typedef struct tc_point { int x; int y; } tc_point_t;
typedef void (*tc_callback)(int);

struct tc_everything {
	tc_handle handle;
	tc_time when;
	tc_aligned_u64 aligned;
	tc_point_t origin;
	struct tc_point *next;
	void *opaque;
	tc_callback callback;
	const char *name;
	unsigned char **table;
	_Bool flag;
	long plain_long;
	unsigned long plain_ulong;
	char plain_char;
};

#endif
