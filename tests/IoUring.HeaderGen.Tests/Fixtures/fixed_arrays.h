/* Primitive arrays become fixed buffers; struct arrays become [InlineArray] helper types. */
#ifndef FIXTURE_FIXED_ARRAYS_H
#define FIXTURE_FIXED_ARRAYS_H

struct array_item {
	unsigned int id;
	unsigned short len;
};

struct arrays {
	unsigned char bytes[3];
	unsigned int words[5];
	unsigned long long quads[2];
	signed char matrix[2][3];
	struct array_item items[4];
	int *pointers[2];
	unsigned short one[1];
};

#endif
