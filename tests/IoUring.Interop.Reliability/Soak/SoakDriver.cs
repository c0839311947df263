using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Reliability.Child;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Reliability.Soak;

/// <summary>Drives one ring with a seeded random mix of requests and accounts every completion in a <see cref="Ledger"/>.</summary>
/// <remarks>Requests come in groups (a write linked to a read, a chain, a poll and its trigger...). Each group owns a
/// slot: timespecs, data buffers, a file region and a pipe, untouched until all of the group's completions arrived, so
/// the kernel never sees memory reused under it (the builders' Safety rule). Only the group's submission order is
/// fixed; when completions arrive is up to the kernel, and every expectation holds whatever the order.</remarks>
public sealed unsafe class SoakDriver : IDisposable
{
    private const int SlotBytes = 2048;
    private const int TimespecA = 0;
    private const int TimespecB = 16;
    private const int WriteBuffer = 64;
    private const int ReadBuffer = 1024;
    private const int MaxData = 512;

    private readonly Ring _ring;
    private readonly Shape _shape;
    private readonly Random _random;
    private readonly Ledger _ledger = new();
    private readonly byte* _memory;
    private readonly Stack<int> _free = new();
    private readonly Group[] _groups;
    private readonly (int Read, int Write)[] _pipes;
    private readonly (int Read, int Write) _silentPipe;
    private readonly SafeFileHandle _file;
    private readonly int _fileFd;
    private readonly bool _mayOverflow;

    // Completions the pending groups may still post. The kernel ends a multishot request whose CQE finds the CQ full
    // (io_req_post_cqe fails; the request completes without F_MORE), so on shapes that must not overflow this stays
    // within the CQ's capacity and every multishot request must post all its shots.
    private int _completionBudget;
    private readonly SubmissionEntry[] _batch = new SubmissionEntry[8];
    private readonly SubmitArgs _waitArgs = new SubmitArgs().WithTimeout(TimeSpan.FromMilliseconds(200));

    /// <summary>Prepares the driver's resources on <paramref name="ring"/>, which it does not own.</summary>
    public SoakDriver(Ring ring, Shape shape, int seed, string directory)
    {
        _ring = ring;
        _shape = shape;
        _random = new Random(seed);
        int slots = shape.InFlight;
        _memory = (byte*)NativeMemory.AlignedAlloc((nuint)(slots * SlotBytes), 4096);
        new Span<byte>(_memory, slots * SlotBytes).Clear();
        _groups = new Group[slots];
        _pipes = new (int, int)[slots];
        for (int i = slots - 1; i >= 0; i--)
        {
            _free.Push(i);
            _pipes[i] = Posix.Pipe(Posix.O_CLOEXEC | Posix.O_NONBLOCK);
        }

        // Never written: a read on it waits until its linked timeout cancels it. Blocking, so the read waits (armed on
        // poll) instead of failing with EAGAIN.
        _silentPipe = Posix.Pipe();
        _file = File.OpenHandle(Path.Combine(directory, $"soak-{shape.Name}.bin"), FileMode.Create, FileAccess.ReadWrite);
        _fileFd = (int)_file.DangerousGetHandle();
        _mayOverflow = shape.InFlight > ring.CompletionQueue.Capacity;
    }

    private enum Kind
    {
        Nop,
        WriteRead,
        TimeoutExpires,
        TimeoutMultishot,
        LinkTimeoutSpared,
        LinkTimeoutFires,
        CancelTimeout,
        LinkChain,
        HardLinkChain,
        PollPipe,
        PollMultishotCancel,
    }

    private struct Group
    {
        public Kind Kind;
        public int Remaining;
        public int Length;
    }

    // The most completions a group of each kind can post: its requests, plus the F_MORE completions of its multishot
    // request (a multishot timeout of up to 4 shots; a multishot poll woken by one write, with room to spare).
    private static int MaxCompletions(Kind kind) => kind switch
    {
        Kind.Nop or Kind.TimeoutExpires => 1,
        Kind.TimeoutMultishot => 4,
        Kind.LinkChain or Kind.HardLinkChain => 5,
        Kind.PollMultishotCancel => 6,
        _ => 2,
    };

    /// <summary>The ledger, for tests that look closer.</summary>
    public Ledger Ledger => _ledger;

    /// <summary>Runs <paramref name="requestBudget"/> requests, or for <paramref name="duration"/> when given, then drains.</summary>
    public SoakResult Run(long requestBudget, TimeSpan? duration, int seed)
    {
        var clock = Stopwatch.StartNew();
        long issued = 0;
        long crashes = 0;
        try
        {
            while (duration is { } d ? clock.Elapsed < d : issued < requestBudget)
            {
                while (_ledger.Pending < _shape.InFlight && _free.Count > 0)
                {
                    int queued = QueueGroup();
                    if (queued == 0)
                    {
                        break;
                    }

                    issued += queued;
                }

                Pump();
            }

            // Bounded drain: what has not completed by then is lost.
            TimeSpan drainUntil = clock.Elapsed + TimeSpan.FromSeconds(10);
            while (_ledger.Pending > 0 && clock.Elapsed < drainUntil)
            {
                Pump();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            crashes++;
            _ledger.Fail($"the driver threw: {e}");
        }

        var failures = new List<string>(_ledger.Failures);
        failures.AddRange(_ledger.DescribePending());
        return new SoakResult(_shape.Name, seed, issued, _ledger.Completions, clock.Elapsed, _ledger.Pending,
            _ledger.Duplicated, _ledger.Wrong - crashes, crashes, failures);
    }

    /// <summary>Submits, waits for one completion when none is ready (at most 200 ms), and accounts what arrived.</summary>
    private void Pump()
    {
        int want = _ledger.Pending > 0 && _ring.CompletionQueue.IsEmpty ? 1 : 0;

        // EBUSY/EAGAIN (the CQ overflowed and the kernel holds completions back), EINTR and ETIME all mean "reap and
        // come back"; anything else throws and counts as a crash.
        _ = _ring.Submitter.TrySubmitWithArgs(want, _waitArgs, out _);
        while (_ring.CompletionQueue.TryDequeue(out CompletionEntry cqe))
        {
            int group = _ledger.Complete(cqe);
            if (group >= 0 && --_groups[group].Remaining == 0)
            {
                Finish(group);
            }
        }
    }

    private int QueueGroup()
    {
        var kind = (Kind)_random.Next(Enum.GetValues<Kind>().Length);
        if (!_mayOverflow && _completionBudget + MaxCompletions(kind) > _ring.CompletionQueue.Capacity)
        {
            return 0;
        }

        int slot = _free.Pop();
        int count = Build(kind, slot);
        _groups[slot] = new Group { Kind = kind, Remaining = count, Length = _groups[slot].Length };
        if (_ring.SubmissionQueue.TryPushMultiple(_batch.AsSpan(0, count)))
        {
            _completionBudget += MaxCompletions(kind);
            return count;
        }

        // The SQ is full: take the group back and let the caller submit first.
        for (int i = 0; i < count; i++)
        {
            _ledger.Withdraw(_batch[i].UserData);
        }

        _free.Push(slot);
        return 0;
    }

    // Writes the group's entries into _batch with their user_data and expectations; returns how many.
    private int Build(Kind kind, int slot)
    {
        byte* mem = _memory + (slot * SlotBytes);
        var tsA = (Timespec*)(mem + TimespecA);
        var tsB = (Timespec*)(mem + TimespecB);
        switch (kind)
        {
            case Kind.Nop:
            {
                int value = _random.Next(4) == 0 ? 0 : _random.Next(1 << 20);
                Add(0, new Nop { InjectResult = value == 0 ? null : value }.Build(), new(slot, "nop", value));
                return 1;
            }

            case Kind.WriteRead:
            {
                int length = _random.Next(1, MaxData + 1);
                _random.NextBytes(new Span<byte>(mem + WriteBuffer, length));
                new Span<byte>(mem + ReadBuffer, MaxData).Clear();
                _groups[slot].Length = length;
                long offset = (long)slot * MaxData;
                Add(0, new Write(new Fd(_fileFd), mem + WriteBuffer, (uint)length) { Offset = offset }.Build().WithFlags(SqeFlags.IoLink),
                    new(slot, "write (linked to a read)", length));
                Add(1, new Read(new Fd(_fileFd), mem + ReadBuffer, (uint)length) { Offset = offset }.Build(),
                    new(slot, "read (after its write)", length));
                return 2;
            }

            case Kind.TimeoutExpires:
                *tsA = Timespec.From(0, _random.Next(50, 1000) * 1000L);
                Add(0, new TimeoutAdd(tsA).Build(), new(slot, "timeout", -Posix.ETIME));
                return 1;

            case Kind.TimeoutMultishot:
            {
                int shots = _random.Next(2, 5);
                *tsA = Timespec.From(0, _random.Next(50, 300) * 1000L);
                Add(0, new TimeoutAdd(tsA) { Count = (uint)shots, Flags = TimeoutFlags.MultiShot }.Build(),
                    new(slot, $"multishot timeout x{shots}", -Posix.ETIME, Kind: Shots.Counted, Count: shots,
                        MoreResult: -Posix.ETIME, MayEndEarly: _mayOverflow));
                return 1;
            }

            case Kind.LinkTimeoutSpared:
                *tsA = Timespec.From(5, 0);
                Add(0, new Nop().Build().WithFlags(SqeFlags.IoLink), new(slot, "nop before a link timeout", 0));
                Add(1, new LinkTimeout(tsA).Build(), new(slot, "link timeout of a nop", -Posix.ECANCELED));
                return 2;

            case Kind.LinkTimeoutFires:
                *tsA = Timespec.From(0, _random.Next(100, 800) * 1000L);

                // A read from an idle pipe waits; its linked timeout cancels it (io_uring_prep_link_timeout(3)). EINTR
                // is the documented result when the read was already running in a worker when cancelled.
                Add(0, new Read(new Fd(_silentPipe.Read), mem + ReadBuffer, 16).Build().WithFlags(SqeFlags.IoLink),
                    new(slot, "read of an idle pipe, linked to a timeout", -Posix.ECANCELED, Alternative: -Posix.EINTR));
                Add(1, new LinkTimeout(tsA).Build(), new(slot, "link timeout that fires", -Posix.ETIME));
                return 2;

            case Kind.CancelTimeout:
            {
                *tsA = Timespec.From(10, 0);
                ulong target = Add(0, new TimeoutAdd(tsA).Build(), new(slot, "timeout cancelled by user_data", -Posix.ECANCELED));
                Add(1, new AsyncCancel(target).Build(), new(slot, "async cancel of a timeout", 0));
                return 2;
            }

            case Kind.LinkChain:
            case Kind.HardLinkChain:
            {
                bool hard = kind == Kind.HardLinkChain;
                int length = _random.Next(2, 6);
                int failing = _random.Next(length + 1); // == length: none fails
                bool broken = false;
                for (int i = 0; i < length; i++)
                {
                    int value = i == failing ? -Posix.EINVAL : _random.Next(1 << 16);
                    SqeFlags link = i == length - 1 ? SqeFlags.None : hard ? SqeFlags.IoHardLink : SqeFlags.IoLink;
                    // A failed link member cancels the rest of an IO_LINK chain; IO_HARDLINK ignores failures.
                    int expected = broken ? -Posix.ECANCELED : value;
                    Add(i, new Nop { InjectResult = value }.Build().WithFlags(link),
                        new(slot, $"{(hard ? "hardlink" : "link")} chain {i + 1}/{length}{(i == failing ? " (fails)" : "")}", expected));
                    broken |= !hard && i == failing;
                }

                return length;
            }

            case Kind.PollPipe:
            {
                var pipe = _pipes[slot];
                mem[WriteBuffer] = 0x5a;
                Add(0, new PollAdd(new Fd(pipe.Read), Posix.POLLIN).Build(), new(slot, "poll on a pipe", int.MinValue, PollIn: true));
                Add(1, new Write(new Fd(pipe.Write), mem + WriteBuffer, 1).Build(), new(slot, "write that wakes the poll", 1));
                return 2;
            }

            case Kind.PollMultishotCancel:
            {
                var pipe = _pipes[slot];
                mem[WriteBuffer] = 0xa5;

                // The final completion is the cancellation; on a ring that overflows the kernel may end the multishot
                // poll itself (its last mask without F_MORE), and then the cancel finds nothing.
                ulong poll = Add(0, new PollAdd(new Fd(pipe.Read), Posix.POLLIN) { Multishot = true }.Build(),
                    new(slot, "multishot poll on a pipe", -Posix.ECANCELED, PollIn: _mayOverflow, Kind: Shots.Open, MorePollIn: true));
                Add(1, new Write(new Fd(pipe.Write), mem + WriteBuffer, 1).Build(), new(slot, "write that wakes the multishot poll", 1));
                Add(2, new AsyncCancel(poll).Build(),
                    new(slot, "async cancel of a multishot poll", 0, Alternative: _mayOverflow ? -Posix.ENOENT : int.MinValue));
                return 3;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown request kind.");
        }
    }

    private ulong Add(int index, SubmissionEntry entry, Expectation expect)
    {
        ulong userData = _ledger.Issue(expect);
        _batch[index] = entry.WithUserData(userData);
        return userData;
    }

    // Every completion of the group arrived: check what only the group as a whole can show, then free the slot.
    private void Finish(int slot)
    {
        byte* mem = _memory + (slot * SlotBytes);
        Group group = _groups[slot];
        switch (group.Kind)
        {
            case Kind.WriteRead:
                if (!new Span<byte>(mem + WriteBuffer, group.Length).SequenceEqual(new Span<byte>(mem + ReadBuffer, group.Length)))
                {
                    _ledger.Fail($"slot {slot}: the {group.Length} bytes read back differ from those written");
                }

                break;

            case Kind.PollPipe:
            case Kind.PollMultishotCancel:
                DrainPipe(_pipes[slot].Read, mem + ReadBuffer);
                break;
        }

        _completionBudget -= MaxCompletions(group.Kind);
        _free.Push(slot);
    }

    private void DrainPipe(int fd, byte* buffer)
    {
        long total = 0;
        nint got;
        while ((got = Posix.read(fd, buffer, 64)) > 0)
        {
            total += got;
        }

        if (total != 1)
        {
            _ledger.Fail($"pipe {fd} held {total} bytes after its poll group, expected the 1 byte written");
        }
    }

    /// <summary>Frees the buffers and closes the pipes and the file (the ring is the caller's).</summary>
    public void Dispose()
    {
        foreach (var (read, write) in _pipes)
        {
            Posix.close(read);
            Posix.close(write);
        }

        Posix.close(_silentPipe.Read);
        Posix.close(_silentPipe.Write);
        _file.Dispose();
        NativeMemory.AlignedFree(_memory);
    }
}
