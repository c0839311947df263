/* Packed members keep clang's offsets even where natural alignment would move them. */
#ifndef FIXTURE_PACKED_UNION_H
#define FIXTURE_PACKED_UNION_H

struct packed_holder {
	unsigned char head;
	union {
		unsigned short index;
		unsigned short group;
	} __attribute__((packed));
	unsigned short personality;
	unsigned long long tail;
};

struct packed_struct {
	unsigned char a;
	unsigned int b;
	unsigned short c;
} __attribute__((packed));

union plain_union {
	unsigned int word;
	unsigned char bytes[4];
	unsigned long long wide;
};

#endif
