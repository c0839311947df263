/* A header clang cannot parse: the tool must fail with clang's message and file:line. */
#define BROKEN_FIXTURE 1

struct broken {
	int fine;
	no_such_type broken_field;
};
