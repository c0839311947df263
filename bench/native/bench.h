/* Shared pieces of the C twin of bench/IoUring.Benchmarks: the clock, the offset generator and
 * the one-line result format. The C# twin implements the same protocol (docs/benchmarks.md). */
#ifndef IOURING_BENCH_H
#define IOURING_BENCH_H

#include <stdint.h>

/* Every workload uses a ring of this many SQ entries unless --entries says otherwise. */
#define BENCH_DEFAULT_ENTRIES 256u
#define BENCH_DEFAULT_SECONDS 3.0
#define BENCH_DEFAULT_BLOCK 4096u

/* The clock is read once per this many loop iterations: clock_gettime is cheap (vDSO) but not
 * free, and both twins must pay it equally. */
#define BENCH_CLOCK_EVERY 1024u

/* Fixed seed of the offset generator, so both twins read the same blocks in the same order. */
#define BENCH_XORSHIFT_SEED UINT64_C(0x9E3779B97F4A7C15)

struct bench_result {
    uint64_t ops;
    double secs;
    double cpu_secs; /* CPU time of the whole process over the same interval */
};

double bench_now(void);
double bench_cpu_now(void);
uint64_t bench_xorshift64(uint64_t *state);
void bench_print_tail(const struct bench_result *r);
_Noreturn void bench_fail(const char *what, int err);

struct nop_options {
    unsigned batch;
    unsigned entries;
    double seconds;
    const char *flags_name;
    unsigned setup_flags;
};

struct read_options {
    const char *path;
    unsigned qd;
    unsigned block;
    double seconds;
    int fixed;
};

void run_nop(const struct nop_options *o);
void run_read(const struct read_options *o);

#endif
