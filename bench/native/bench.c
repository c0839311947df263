#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Process CPU time (all threads, user + system): divides ops into a per-core figure that load on a
 * shared machine disturbs less than wall time. The C# twin reads the same clock. */
double bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Marsaglia's xorshift64 (13, 7, 17): tiny, deterministic, and trivial to port exactly. */
uint64_t bench_xorshift64(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

/* The fields every workload line ends with; the C twin allocates nothing per operation. */
void bench_print_tail(const struct bench_result *r)
{
    double ops = (double)r->ops;
    printf(" ops=%llu secs=%.3f ops_per_s=%.0f ns_per_op=%.1f alloc_bytes_per_op=0"
           " cpu_secs=%.3f ops_per_cpu_s=%.0f\n",
           (unsigned long long)r->ops, r->secs,
           r->secs > 0 ? ops / r->secs : 0.0,
           r->ops > 0 ? r->secs * 1e9 / ops : 0.0,
           r->cpu_secs, r->cpu_secs > 0 ? ops / r->cpu_secs : 0.0);
    fflush(stdout);
}

/* liburing returns -errno; the harness has no recovery path, so any failure ends the run. */
void bench_fail(const char *what, int err)
{
    if (err < 0)
        err = -err;
    fprintf(stderr, "iouring_bench: %s: %s\n", what, strerror(err));
    exit(1);
}
