/* Declarations whose layout or value depends on the architecture, as the kernel's uapi has them. */
#ifndef FIXTURE_ARCH_SPECIFIC_H
#define FIXTURE_ARCH_SPECIFIC_H

/* The kernel's linux/eventpoll.h packs epoll_event on x86-64 only (compatibility with the 32-bit ABI): 12 bytes there,
   16 with data at offset 8 elsewhere. */
#ifdef __x86_64__
#define ARCH_PACKED __attribute__((packed))
#else
#define ARCH_PACKED
#endif

struct arch_event {
	unsigned int events;
	unsigned long long data;
} ARCH_PACKED;

/* A record holding a per-architecture record differs too, and names its own architecture's variant. */
struct arch_holder {
	unsigned int count;
	struct arch_event first;
};

/* The same on every architecture: emitted once. */
struct arch_shared {
	unsigned int a;
	unsigned long long b;
};

#ifdef __aarch64__
#define ARCH_WORD 2
#else
#define ARCH_WORD 1
#endif

#define ARCH_SAME 7

#endif
