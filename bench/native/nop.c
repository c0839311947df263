/* nop: the cost of the ring itself. Each iteration fills N NOP SQEs, enters the kernel once with
 * io_uring_submit_and_wait(N) and reaps every CQE, so ns_per_op is the per-operation share of
 * one submit + wait + reap round trip. */
#include "bench.h"

#include <liburing.h>
#include <stdio.h>

void run_nop(const struct nop_options *o)
{
    struct io_uring ring;
    struct io_uring_params params = { .flags = o->setup_flags };
    int ret = io_uring_queue_init_params(o->entries, &ring, &params);
    if (ret < 0)
        bench_fail("io_uring_queue_init_params", ret);

    struct bench_result r = { 0, 0, 0 };
    unsigned long long iterations = 0;
    double cpu_start = bench_cpu_now();
    double start = bench_now();
    double deadline = start + o->seconds;

    for (;;) {
        for (unsigned i = 0; i < o->batch; i++) {
            struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
            if (!sqe)
                bench_fail("io_uring_get_sqe: submission queue full", 0);
            io_uring_prep_nop(sqe);
        }

        ret = io_uring_submit_and_wait(&ring, o->batch);
        if (ret < 0)
            bench_fail("io_uring_submit_and_wait", ret);

        /* submit_and_wait returns once at least N completions are posted; the CQ was empty
         * before, so this batch's N CQEs are all there (wait again if a kernel ever posts
         * fewer, so every batch is fully reaped before the next one is filled). */
        unsigned reaped = 0;
        while (reaped < o->batch) {
            struct io_uring_cqe *cqe;
            unsigned head, seen = 0;
            io_uring_for_each_cqe(&ring, head, cqe) {
                if (cqe->res < 0)
                    bench_fail("nop completion", cqe->res);
                seen++;
            }
            io_uring_cq_advance(&ring, seen);
            reaped += seen;
            if (reaped < o->batch) {
                ret = io_uring_wait_cqe_nr(&ring, &cqe, o->batch - reaped);
                if (ret < 0)
                    bench_fail("io_uring_wait_cqe_nr", ret);
            }
        }
        r.ops += reaped;

        if (++iterations % BENCH_CLOCK_EVERY == 0 && bench_now() >= deadline)
            break;
    }
    r.secs = bench_now() - start;
    r.cpu_secs = bench_cpu_now() - cpu_start;
    io_uring_queue_exit(&ring);

    printf("nop N=%u entries=%u flags=%s", o->batch, o->entries, o->flags_name);
    bench_print_tail(&r);
}
