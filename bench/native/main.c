/* iouring_bench: the C (liburing) twin of bench/IoUring.Benchmarks. Same command line, same
 * output line, same work; bench/compare.sh runs both and divides. See docs/benchmarks.md. */
#include "bench.h"

#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void usage(const char *why)
{
    if (why)
        fprintf(stderr, "iouring_bench: %s\n", why);
    fprintf(stderr,
            "usage:\n"
            "  iouring_bench nop --batch N [--entries E] [--seconds S] [--flags none|single|coop|defer]\n"
            "  iouring_bench read --file PATH --qd Q [--block B] [--seconds S] [--fixed]\n");
    exit(2);
}

static unsigned parse_unsigned(const char *name, const char *text)
{
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (*text == '\0' || *end != '\0' || v == 0 || v > 1u << 20) {
        fprintf(stderr, "iouring_bench: %s wants a positive integer, got '%s'\n", name, text);
        exit(2);
    }
    return (unsigned)v;
}

static double parse_seconds(const char *text)
{
    char *end;
    double v = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || !(v > 0)) {
        fprintf(stderr, "iouring_bench: --seconds wants a positive number, got '%s'\n", text);
        exit(2);
    }
    return v;
}

/* The flag sets are part of the protocol: the C# twin maps the same names to the same bits. */
static unsigned parse_flags(const char *name)
{
    if (strcmp(name, "none") == 0)
        return 0;
    if (strcmp(name, "single") == 0)
        return IORING_SETUP_SINGLE_ISSUER;
    if (strcmp(name, "coop") == 0)
        return IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
    if (strcmp(name, "defer") == 0)
        return IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
    usage("--flags wants none, single, coop or defer");
}

static const char *value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "iouring_bench: %s wants a value\n", argv[*i]);
        exit(2);
    }
    return argv[++*i];
}

static void main_nop(int argc, char **argv)
{
    struct nop_options o = {
        .entries = BENCH_DEFAULT_ENTRIES, .seconds = BENCH_DEFAULT_SECONDS, .flags_name = "none",
    };
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--batch") == 0)
            o.batch = parse_unsigned("--batch", value(argc, argv, &i));
        else if (strcmp(argv[i], "--entries") == 0)
            o.entries = parse_unsigned("--entries", value(argc, argv, &i));
        else if (strcmp(argv[i], "--seconds") == 0)
            o.seconds = parse_seconds(value(argc, argv, &i));
        else if (strcmp(argv[i], "--flags") == 0)
            o.flags_name = value(argc, argv, &i);
        else
            usage("unknown nop option");
    }
    if (o.batch == 0)
        usage("nop wants --batch N");
    if (o.batch > o.entries)
        usage("--batch must not exceed --entries (one batch must fit in the submission queue)");
    o.setup_flags = parse_flags(o.flags_name);
    run_nop(&o);
}

static void main_read(int argc, char **argv)
{
    struct read_options o = { .block = BENCH_DEFAULT_BLOCK, .seconds = BENCH_DEFAULT_SECONDS };
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--file") == 0)
            o.path = value(argc, argv, &i);
        else if (strcmp(argv[i], "--qd") == 0)
            o.qd = parse_unsigned("--qd", value(argc, argv, &i));
        else if (strcmp(argv[i], "--block") == 0)
            o.block = parse_unsigned("--block", value(argc, argv, &i));
        else if (strcmp(argv[i], "--seconds") == 0)
            o.seconds = parse_seconds(value(argc, argv, &i));
        else if (strcmp(argv[i], "--fixed") == 0)
            o.fixed = 1;
        else if (strcmp(argv[i], "--engine") == 0)
            usage("--engine is a C#-only option (RandomAccess baselines)");
        else
            usage("unknown read option");
    }
    if (!o.path || o.qd == 0)
        usage("read wants --file PATH and --qd Q");
    if (o.qd > BENCH_DEFAULT_ENTRIES)
        usage("--qd must not exceed the ring size (256)");
    run_read(&o);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage(NULL);
    if (strcmp(argv[1], "nop") == 0)
        main_nop(argc, argv);
    else if (strcmp(argv[1], "read") == 0)
        main_read(argc, argv);
    else
        usage("the workload is nop or read");
    return 0;
}
