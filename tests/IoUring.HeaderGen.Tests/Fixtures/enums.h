/* Named enums keep clang's underlying type; anonymous enum members become typed constants. */
#ifndef FIXTURE_ENUMS_H
#define FIXTURE_ENUMS_H

enum plain_enum {
	PLAIN_A,
	PLAIN_B,
	PLAIN_C = 10,
	PLAIN_D,
};

enum negative_enum {
	NEG_MINUS = -1,
	NEG_ZERO,
	NEG_BIG = 0x7fffffff,
};

enum high_bit_enum {
	HIGH_LOW = 1,
	HIGH_TOP = 1U << 31,
};

enum wide_enum {
	WIDE_SMALL = 1,
	WIDE_HUGE = 0x100000000ULL,
};

enum {
	ANON_ONE = 1,
	ANON_SHIFTED = (1U << 4),
	ANON_NEG = -7,
};

enum {
	ANON_TOO_BIG_FOR_INT = 0x80000000U,
};

struct uses_enum {
	enum plain_enum kind;
	enum high_bit_enum high;
};

#endif
