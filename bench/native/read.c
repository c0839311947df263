/* read: Q random, block-aligned reads of one file kept in flight. The file is opened without
 * O_DIRECT, so a warmed file is served from the page cache and the figure is io_uring's
 * per-read overhead rather than the device's. Each loop enters once with
 * io_uring_submit_and_wait(1), reaps every CQE and re-arms one read per completion in the
 * same slot (buffer), so the queue depth stays at Q. */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

struct read_state {
    struct io_uring ring;
    const struct read_options *o;
    int fd;
    uint64_t blocks;
    uint64_t rng;
    struct iovec *slots;
};

static void arm(struct read_state *s, unsigned slot)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&s->ring);
    if (!sqe)
        bench_fail("io_uring_get_sqe: submission queue full", 0);
    uint64_t offset = (bench_xorshift64(&s->rng) % s->blocks) * s->o->block;
    if (s->o->fixed)
        io_uring_prep_read_fixed(sqe, s->fd, s->slots[slot].iov_base, s->o->block, offset,
                                 (int)slot);
    else
        io_uring_prep_read(sqe, s->fd, s->slots[slot].iov_base, s->o->block, offset);
    io_uring_sqe_set_data64(sqe, slot);
}

void run_read(const struct read_options *o)
{
    struct read_state s = { .o = o, .rng = BENCH_XORSHIFT_SEED };

    s.fd = open(o->path, O_RDONLY | O_CLOEXEC);
    if (s.fd < 0)
        bench_fail(o->path, errno);
    struct stat st;
    if (fstat(s.fd, &st) < 0)
        bench_fail("fstat", errno);
    s.blocks = (uint64_t)st.st_size / o->block;
    if (s.blocks == 0) {
        fprintf(stderr, "iouring_bench: %s is smaller than one block (%u bytes)\n", o->path,
                o->block);
        exit(1);
    }

    int ret = io_uring_queue_init(BENCH_DEFAULT_ENTRIES, &s.ring, 0);
    if (ret < 0)
        bench_fail("io_uring_queue_init", ret);

    s.slots = calloc(o->qd, sizeof *s.slots);
    if (!s.slots)
        bench_fail("calloc", ENOMEM);
    for (unsigned i = 0; i < o->qd; i++) {
        /* Page-aligned buffers, as registered buffers want and as the C# twin allocates them. */
        if (posix_memalign(&s.slots[i].iov_base, 4096, o->block) != 0)
            bench_fail("posix_memalign", ENOMEM);
        s.slots[i].iov_len = o->block;
    }
    if (o->fixed) {
        ret = io_uring_register_buffers(&s.ring, s.slots, o->qd);
        if (ret < 0)
            bench_fail("io_uring_register_buffers", ret);
    }

    struct bench_result r = { 0, 0, 0 };
    unsigned long long iterations = 0;
    double cpu_start = bench_cpu_now();
    double start = bench_now();
    double deadline = start + o->seconds;

    for (unsigned i = 0; i < o->qd; i++)
        arm(&s, i);

    for (;;) {
        ret = io_uring_submit_and_wait(&s.ring, 1);
        if (ret < 0)
            bench_fail("io_uring_submit_and_wait", ret);

        struct io_uring_cqe *cqe;
        unsigned head, seen = 0;
        io_uring_for_each_cqe(&s.ring, head, cqe) {
            if (cqe->res != (int)o->block)
                bench_fail(cqe->res < 0 ? "read completion" : "short read",
                           cqe->res < 0 ? cqe->res : EIO);
            arm(&s, (unsigned)cqe->user_data);
            seen++;
        }
        io_uring_cq_advance(&s.ring, seen);
        r.ops += seen;

        if (++iterations % BENCH_CLOCK_EVERY == 0 && bench_now() >= deadline)
            break;
    }
    r.secs = bench_now() - start;
    r.cpu_secs = bench_cpu_now() - cpu_start;

    /* Drain the Q reads still queued or in flight (not counted) before the buffers go away:
     * the kernel writes into them until each read completes. */
    unsigned drained = 0;
    ret = io_uring_submit(&s.ring);
    if (ret < 0)
        bench_fail("io_uring_submit", ret);
    while (drained < o->qd) {
        struct io_uring_cqe *cqe;
        ret = io_uring_wait_cqe(&s.ring, &cqe);
        if (ret < 0)
            bench_fail("io_uring_wait_cqe", ret);
        io_uring_cqe_seen(&s.ring, cqe);
        drained++;
    }
    io_uring_queue_exit(&s.ring);
    for (unsigned i = 0; i < o->qd; i++)
        free(s.slots[i].iov_base);
    free(s.slots);
    close(s.fd);

    printf("read qd=%u bs=%u", o->qd, o->block);
    bench_print_tail(&r);
}
