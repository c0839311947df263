/* Flexible, zero-length and union-wrapped flexible arrays: no storage, a span accessor at clang's offset. */
#ifndef FIXTURE_FLEXIBLE_ARRAYS_H
#define FIXTURE_FLEXIBLE_ARRAYS_H

#define FIXTURE_FLEX_ARRAY(TYPE, NAME) \
	struct { \
		struct { } __empty_ ## NAME; \
		TYPE NAME[]; \
	}

struct flex_entry {
	unsigned long long addr;
	unsigned int len;
	unsigned short bid;
	unsigned short resv;
};

struct flex_tail {
	unsigned char count;
	unsigned char pad;
	unsigned short resv;
	unsigned int more[3];
	struct flex_entry entries[];
};

struct flex_zero {
	unsigned long long user_data;
	int res;
	unsigned int flags;
	unsigned long long extra[0];
};

struct flex_in_union {
	union {
		struct {
			unsigned long long r1;
			unsigned int r2;
			unsigned short r3;
			unsigned short tail;
		};
		FIXTURE_FLEX_ARRAY(struct flex_entry, bufs);
	};
};

struct flex_alone {
	unsigned short flags;
	unsigned short nr;
	FIXTURE_FLEX_ARRAY(unsigned int, values);
};

#endif
