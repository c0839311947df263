using System;
using System.Runtime.InteropServices;
using IoUring.Interop;
using IoUring.Interop.Opcodes;

namespace IoUring.Samples.Echo;

/// <summary>What the server did.</summary>
public readonly record struct ServerStats(int Accepted, long EchoedBytes, long RecvRearms);

/// <summary>
/// The echo server: one multishot ACCEPT on the listener, one multishot RECV per connection taking buffers
/// from a provided buffer ring, a SEND of each received buffer straight back (the buffer returns to the ring
/// when the send completes), and a CLOSE at end of stream. A TIMEOUT entry bounds the whole run.
/// </summary>
public sealed unsafe class EchoServer : IDisposable
{
    private const ushort BufferGroup = 7;
    private const ushort BufferCount = 256;
    private const int ENOBUFS = 105;
    private const uint MSG_NOSIGNAL = 0x4000;

    private readonly int _listenerFd;
    private readonly EchoOptions _options;
    private readonly Ring _ring;
    private readonly ProvidedBufferRing _buffers;
    private readonly Timespec* _timeout;
    // Per buffer: the connection it came from and how much of it is still to be sent.
    private readonly int[] _sendFd = new int[BufferCount];
    private readonly int[] _sendOffset = new int[BufferCount];
    private readonly int[] _sendLength = new int[BufferCount];

    public EchoServer(int listenerFd, EchoOptions options)
    {
        _listenerFd = listenerFd;
        _options = options;
        _ring = new Ring(256);
        _buffers = new ProvidedBufferRing(_ring, BufferGroup, BufferCount);
        _timeout = (Timespec*)NativeMemory.AllocZeroed((nuint)sizeof(Timespec));
    }

    /// <summary>Serves until <paramref name="expectedConnections"/> connections were accepted and closed, or the time limit.</summary>
    public ServerStats Run(int expectedConnections)
    {
        int accepted = 0, closed = 0;
        long echoed = 0, rearms = 0;
        bool timedOut = false;
        // A little past the client's own limit, so the clients stop first when they can.
        double limit = _options.Seconds + 2;
        *_timeout = Timespec.FromTimeSpan(TimeSpan.FromSeconds(limit));
        Push(Entries.Timeout(_timeout, UserData.Make(Kind.Deadline, 0)));
        Push(Entries.AcceptMultishot(_listenerFd, UserData.Make(Kind.Accept, 0)));

        CompletionQueue cq = _ring.CompletionQueue;
        while (closed < expectedConnections && !timedOut)
        {
            _ring.SubmitAndWait(1);
            while (cq.TryDequeue(out CompletionEntry cqe))
            {
                int fd = UserData.Fd(cqe.UserData);
                switch (UserData.KindOf(cqe.UserData))
                {
                    case Kind.Accept:
                        if (cqe.Result >= 0)
                        {
                            accepted++;
                            Push(Entries.RecvMultishot(cqe.Result, BufferGroup, UserData.Make(Kind.Recv, cqe.Result)));
                        }

                        if (!cqe.HasMore && accepted < expectedConnections)
                        {
                            Push(Entries.AcceptMultishot(_listenerFd, UserData.Make(Kind.Accept, 0)));
                        }

                        break;
                    case Kind.Recv:
                        if (cqe.Result > 0)
                        {
                            ushort id = cqe.BufferId ?? throw new InvalidOperationException("a buffer-select receive came back without a buffer id");
                            _sendFd[id] = fd;
                            _sendOffset[id] = 0;
                            _sendLength[id] = cqe.Result;
                            Push(Entries.Send(fd, _buffers.Buffer(id), (uint)cqe.Result, MSG_NOSIGNAL, UserData.Make(Kind.Send, fd, id)));
                        }

                        if (cqe.Result == 0 || (cqe.Result < 0 && cqe.Result != -ENOBUFS))
                        {
                            // End of stream (or a reset): the multishot receive has ended; close the connection.
                            Push(new Close(new Fd(fd)).Build().WithUserData(UserData.Make(Kind.Close, fd)));
                        }
                        else if (!cqe.HasMore)
                        {
                            // The kernel ends a multishot receive when it runs out of buffers (ENOBUFS) or its CQ
                            // overflows: arm a new one.
                            rearms++;
                            Push(Entries.RecvMultishot(fd, BufferGroup, UserData.Make(Kind.Recv, fd)));
                        }

                        break;
                    case Kind.Send:
                        {
                            ushort id = UserData.Buffer(cqe.UserData);
                            if (cqe.Result < 0)
                            {
                                // The peer went away; its receive will see the end and close it.
                                _buffers.Recycle(id);
                                break;
                            }

                            echoed += cqe.Result;
                            _sendOffset[id] += cqe.Result;
                            if (_sendOffset[id] < _sendLength[id])
                            {
                                Push(Entries.Send(fd, _buffers.Buffer(id) + _sendOffset[id], (uint)(_sendLength[id] - _sendOffset[id]), MSG_NOSIGNAL, cqe.UserData));
                            }
                            else
                            {
                                _buffers.Recycle(id);
                            }

                            break;
                        }

                    case Kind.Close:
                        closed++;
                        break;
                    case Kind.Deadline:
                        timedOut = true;
                        break;
                }
            }
        }

        return new ServerStats(accepted, echoed, rearms);
    }

    public void Dispose()
    {
        // The ring first: closing it ends the multishot requests before their buffers and timespec are freed.
        _ring.Dispose();
        _buffers.Dispose();
        NativeMemory.Free(_timeout);
    }

    private void Push(in SubmissionEntry entry)
    {
        if (!_ring.SubmissionQueue.TryPush(entry))
        {
            // Full: hand what is queued to the kernel and try again.
            _ring.Submit();
            if (!_ring.SubmissionQueue.TryPush(entry))
            {
                throw new InvalidOperationException("submission queue full");
            }
        }
    }

    private enum Kind : byte
    {
        Accept = 1,
        Recv,
        Send,
        Close,
        Deadline,
    }

    /// <summary>user_data layout: kind in bits 56..63, buffer id in 32..47, fd in 0..31.</summary>
    private static class UserData
    {
        public static ulong Make(Kind kind, int fd, ushort buffer = 0) => ((ulong)kind << 56) | ((ulong)buffer << 32) | (uint)fd;

        public static Kind KindOf(ulong data) => (Kind)(data >> 56);

        public static int Fd(ulong data) => (int)(uint)data;

        public static ushort Buffer(ulong data) => (ushort)(data >> 32);
    }

    /// <summary>The entries this server submits, from the package's opcode builders.</summary>
    private static class Entries
    {
        public static SubmissionEntry AcceptMultishot(int listenerFd, ulong userData) =>
            new AcceptMulti(new Fd(listenerFd)).Build().WithUserData(userData);

        // Length 0: each completion takes one whole buffer from the group.
        public static SubmissionEntry RecvMultishot(int fd, ushort group, ulong userData) =>
            new RecvMulti(new Fd(fd), group).Build().WithUserData(userData);

        public static SubmissionEntry Send(int fd, byte* buffer, uint length, uint flags, ulong userData) =>
            new Send(new Fd(fd), buffer, length) { Flags = (int)flags }.Build().WithUserData(userData);

        // A pure timeout: no completion count, fires once after the given time.
        public static SubmissionEntry Timeout(Timespec* timespec, ulong userData) =>
            new TimeoutAdd(timespec).Build().WithUserData(userData);
    }
}
