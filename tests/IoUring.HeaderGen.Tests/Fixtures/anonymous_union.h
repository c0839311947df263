/* Anonymous unions and structs are flattened into the parent at their real offsets, recursively;
 * a named field of an anonymous type gets a helper type named parent_field. */
#ifndef FIXTURE_ANONYMOUS_UNION_H
#define FIXTURE_ANONYMOUS_UNION_H

struct anon_outer {
	unsigned char kind;
	union {
		unsigned long long as_u64;
		struct {
			unsigned int lo;
			unsigned int hi;
		};
		union {
			unsigned short inner_a;
			struct {
				unsigned char inner_b;
				unsigned char inner_c;
			};
		};
	};
	struct {
		int x;
		int y;
	} point;
	union {
		struct {
			unsigned int tag;
			union {
				unsigned int deep_u32;
				unsigned char deep_bytes[4];
			};
		} tagged;
	};
};

#endif
