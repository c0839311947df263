using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using System.Net;
using System.Net.Sockets;
using IoUring.Interop.Opcodes;
using Microsoft.Win32.SafeHandles;

namespace IoUring.Interop.Async;

/// <summary>One pooled, reusable request: the awaitable the caller holds (<see cref="IValueTaskSource"/> in every
/// result shape the engine returns), the memory pins and handle references the kernel needs, and the scratch memory
/// for the arguments it reads (sockaddr, msghdr, iovecs, timespec, path, statx).</summary>
/// <remarks>tokio-uring's rule: the operation owns everything the kernel may touch until the final CQE, whatever
/// the caller does meanwhile. Pins and references are released on the engine thread when that CQE arrives; the
/// object returns to the pool when the caller takes the result, and the version check of
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/> turns a stale or second await into an exception.</remarks>
internal sealed unsafe partial class RingOperation : EngineOperation,
    IValueTaskSource, IValueTaskSource<int>, IValueTaskSource<long>, IValueTaskSource<CompletionEntry>,
    IValueTaskSource<FileStatus>, IValueTaskSource<PollEvents>, IValueTaskSource<SafeFileHandle>, IValueTaskSource<Socket>,
    IValueTaskSource<SocketReceiveFromResult>
{
    /// <summary>Bytes of fixed scratch: a statx buffer (256) or sockaddr storage (128) at 0, then the rest.</summary>
    internal const int ScratchSize = 512;

    private const int MsgHdrOffset = 256;
    private const int TimespecOffset = 320;
    private const int AddressLengthOffset = 336;
    private const int CounterOffset = 344;
    private const int SingleIoVectorOffset = 352;

    private static readonly Action<object?> CancelCallback = static state => ((RingOperation)state!).OnTokenCancelled();

    private readonly RingEngine _engine;

    // Pinned (POH) so the kernel may keep pointers into it; freed by the GC only after the engine and every
    // ValueTask have let go of the operation, never while the kernel could still write.
    private readonly byte[] _scratch = GC.AllocateArray<byte>(ScratchSize, pinned: true);

    private ManualResetValueTaskSourceCore<CompletionEntry> _core;
    private SubmissionEntry _entry;
    private bool _hasTimeout;
    private CompletionEntry _completion;
    private bool _waitingForNotification;
    private OperationOutcome _outcome;
    private StatxBuffer _statx;
    private bool _wantsStatx;
    private int _resultTaken;
    private int _successErrno;

    private MemoryHandle _pin;
    private MemoryHandle[] _pins = [];
    private int _pinCount;
    private IoVector[] _ioVectors = [];
    private byte[] _path = [];
    private SafeHandle? _handle;

    private CancellationToken _token;
    private CancellationTokenRegistration _registration;
    private ErrorKind _errors;
    private string _name = "";
    private string? _subjectPath;
    private bool _creates;

    internal RingOperation(RingEngine engine)
    {
        _engine = engine;
        _core.RunContinuationsAsynchronously = false;
    }

    /// <summary>How a negative result turns into an exception.</summary>
    internal enum ErrorKind
    {
        /// <summary>No conversion: the CQE is the result (the general <c>SubmitAsync</c>).</summary>
        None,

        /// <summary>What File and RandomAccess throw (FileNotFound, DirectoryNotFound, UnauthorizedAccess, PathTooLong,
        /// IOException), the errno on an <see cref="IoUringException"/> (see <see cref="FileErrors"/>).</summary>
        File,

        /// <summary><see cref="IoUringException"/> (an <see cref="System.IO.IOException"/>) with the errno: requests
        /// with no .NET counterpart to imitate (timeouts, polls, close).</summary>
        Errno,

        /// <summary><see cref="System.Net.Sockets.SocketException"/> with the matching SocketError.</summary>
        Socket,
    }

    private byte* Scratch => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_scratch));

    /// <summary>Room for a sockaddr (up to 128 bytes).</summary>
    internal byte* Address => Scratch;

    /// <summary>A socklen_t next to <see cref="Address"/>.</summary>
    internal uint* AddressLength => (uint*)(Scratch + AddressLengthOffset);

    /// <summary>A msghdr for sendmsg/recvmsg.</summary>
    internal MsgHdr* Message => (MsgHdr*)(Scratch + MsgHdrOffset);

    /// <summary>The timespec of a timeout or linked timeout (the kernel copies it when preparing the request).</summary>
    internal Timespec* Time => (Timespec*)(Scratch + TimespecOffset);

    /// <summary>An 8-byte buffer (eventfd counter, small reads).</summary>
    internal ulong* Counter => (ulong*)(Scratch + CounterOffset);

    /// <summary>The statx result area.</summary>
    internal StatxBuffer* StatxArea => (StatxBuffer*)Scratch;

    /// <summary>The caller's token, for <see cref="OperationCanceledException"/>.</summary>
    internal CancellationToken Token => _token;

    /// <summary>Readies the object for a new use: a fresh sequence, the caller's token and how errors read.</summary>
    internal void Begin(string name, ErrorKind errors, CancellationToken cancellationToken)
    {
        Sequence++;
        if (Sequence == 0)
        {
            Sequence = 1;
        }

        _name = name;
        _errors = errors;
        _subjectPath = null;
        _creates = false;
        _token = cancellationToken;
        _outcome = OperationOutcome.Completed;
        _hasTimeout = false;
        _waitingForNotification = false;
        _wantsStatx = false;
        CancelRequested = false;
        _resultTaken = 0;
        _successErrno = 0;
    }

    /// <summary>Reports <c>-errno</c> as a result of 0 (a timeout's ETIME).</summary>
    internal void TreatAsSuccess(int errno) => _successErrno = errno;

    /// <summary>The request to submit (its user_data is set when it is pushed).</summary>
    internal ref SubmissionEntry Entry => ref _entry;

    /// <summary>Adds a linked timeout: the request is cancelled, and the await ends in <see cref="TimeoutException"/>,
    /// when <paramref name="timeout"/> passes first.</summary>
    internal void SetTimeout(TimeSpan timeout)
    {
        *Time = Timespec.FromTimeSpan(timeout);
        _hasTimeout = true;
    }

    /// <summary>Copies the statx result out of scratch when the request completes.</summary>
    internal void CaptureStatx() => _wantsStatx = true;

    /// <summary>Pins <paramref name="memory"/> until the final completion and returns its address.</summary>
    internal byte* Pin(ReadOnlyMemory<byte> memory)
    {
        _pin = memory.Pin();
        return (byte*)_pin.Pointer;
    }

    /// <summary>Pins one more buffer and writes it as iovec number <paramref name="index"/>.</summary>
    internal void PinVector(int index, ReadOnlyMemory<byte> memory)
    {
        MemoryHandle handle = memory.Pin();
        _pins[_pinCount++] = handle;
        _ioVectors[index] = new IoVector(handle.Pointer, (nuint)memory.Length);
    }

    /// <summary>Makes room for <paramref name="count"/> iovecs and their pins (allocates only to grow).</summary>
    internal void EnsureVectorCapacity(int count)
    {
        if (_ioVectors.Length < count)
        {
            _ioVectors = GC.AllocateArray<IoVector>(Math.Max(count, 8), pinned: true);
        }

        if (_pins.Length < count)
        {
            _pins = new MemoryHandle[Math.Max(count, 8)];
        }
    }

    /// <summary>The request may create its file (O_CREAT): a missing path then blames the directory, as .NET does.</summary>
    internal void MarkCreates() => _creates = true;

    /// <summary>The pinned iovec array.</summary>
    internal IoVector* IoVectors => (IoVector*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_ioVectors));

    /// <summary>Writes <paramref name="path"/> as a NUL-terminated UTF-8 string into pinned memory; returns its address.</summary>
    internal byte* PinPath(string path)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        if (_path.Length < max)
        {
            _path = GC.AllocateArray<byte>(Math.Max(max, 256), pinned: true);
        }

        int written = System.Text.Encoding.UTF8.GetBytes(path, _path);
        if (Array.IndexOf(_path, (byte)0, 0, written) >= 0)
        {
            throw new ArgumentException("The path contains a NUL character.", nameof(path));
        }

        _path[written] = 0;

        // Kept (not copied) for the exception's message, as .NET's file exceptions name the path.
        _subjectPath = path;
        return (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_path));
    }

    /// <summary>Takes a reference on <paramref name="handle"/> until the final completion (so its fd number cannot be
    /// closed and reused meanwhile) and returns the fd.</summary>
    /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
    internal int AddRef(SafeHandle handle)
    {
        // Published before the reference is taken: CloseAsync marks the handle closed, then looks for operations that
        // hold it, so one whose reference succeeded is always seen (the reference count's interlocked update orders both).
        Volatile.Write(ref _handle, handle);
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        finally
        {
            if (!added)
            {
                Volatile.Write(ref _handle, null);
            }
        }

        return (int)handle.DangerousGetHandle();
    }

    /// <summary>Any thread: the handle this operation holds a reference on (set from just before the reference is taken
    /// until it is released), for <see cref="RingEngine.CloseAsync"/>.</summary>
    internal SafeHandle? HeldHandle => Volatile.Read(ref _handle);

    /// <summary>Engine thread, after a fault: forgets the pins without releasing them, since the kernel may still write
    /// to the memory of a request it was never seen to complete. (The handle reference is released as usual: an issued
    /// request holds the kernel's own reference to the file, and one never issued will never be.)</summary>
    internal void AbandonPins()
    {
        _pin = default;
        _pins = [];
        _pinCount = 0;
    }

    /// <summary>Registers the token (the callback only flags the request and asks the engine to cancel it).</summary>
    internal void RegisterCancellation()
    {
        if (_token.CanBeCanceled)
        {
            _registration = _token.UnsafeRegister(CancelCallback, this);
        }
    }

    /// <inheritdoc/>
    internal override bool TryPush(SubmissionQueue queue)
    {
        _entry.UserData = UserData;
        if (!_hasTimeout)
        {
            return queue.TryPush(_entry);
        }

        // IOSQE_IO_LINK ties the LINK_TIMEOUT to this request; both must enter the ring together.
        Span<SubmissionEntry> pair = stackalloc SubmissionEntry[2];
        pair[0] = _entry.WithFlags(SqeFlags.IoLink);
        pair[1] = new LinkTimeout(Time).Build().WithUserData(UserData | RingEngine.LinkTimeoutTag);
        return queue.TryPushMultiple(pair);
    }

    /// <summary>Whether a linked timeout that completed with <paramref name="result"/> while its request is still pending
    /// missed it, so the engine must cancel the request itself.</summary>
    /// <remarks>-ETIME: the timer fired and the kernel cancelled the request (its completion follows). -ECANCELED: the
    /// request finished first. Anything else (-ENOENT, -EALREADY): the timer fired while the request ran in io-wq and its
    /// cancel missed, so the request stays armed (RingEngine.Cancel.cs).</remarks>
    internal static bool LinkTimeoutMissed(int result) => result != -(int)Errno.ETIME && result != -(int)Errno.ECANCELED;

    /// <inheritdoc/>
    internal override bool OnCompletion(in CompletionEntry completion)
    {
        if (completion.IsNotification)
        {
            // Zero-copy send: the buffer is free now; the result came in the first CQE.
            _waitingForNotification = false;
        }
        else
        {
            _completion = completion;
            if (completion.HasMore)
            {
                // Zero-copy send: the kernel still reads the buffer until the notification.
                _waitingForNotification = true;
                return false;
            }
        }

        if (_waitingForNotification)
        {
            return false;
        }

        int result = _completion.Result;
        if (_successErrno != 0 && result == -_successErrno)
        {
            Native.io_uring_cqe cqe = _completion.Cqe;
            cqe.res = 0;
            _completion = new CompletionEntry(cqe);
            result = 0;
        }

        if (result < 0 && (result == -(int)Errno.ECANCELED || result == -(int)Errno.EINTR))
        {
            if (CancelRequested)
            {
                _outcome = OperationOutcome.Canceled;
            }
            else if (_engine.IsShuttingDown)
            {
                _outcome = OperationOutcome.Disposed;
            }
            else if (_hasTimeout)
            {
                // Neither the token nor disposal: the linked timeout (or the engine's cancel after it) ended it. EINTR is
                // how a request cancelled while it blocked in an io-wq worker ends.
                _outcome = OperationOutcome.TimedOut;
            }
        }

        if (_wantsStatx && result >= 0)
        {
            _statx = *StatxArea;
        }

        Finish();
        return true;
    }

    /// <inheritdoc/>
    internal override void Abort(OperationOutcome outcome)
    {
        _outcome = outcome;
        _completion = default;
        Finish();
    }

    // Engine thread: the kernel is done with everything; release, then hand the continuation over.
    private void Finish()
    {
        ReleaseResources();
        _engine.OnOperationFinished(this);
        _engine.Continue(this);
    }

    /// <inheritdoc/>
    internal override void RunContinuation() => _core.SetResult(_completion);

    private void ReleaseResources()
    {
        // Dispose waits for a callback running on another thread, so no late callback sees the next use.
        _registration.Dispose();
        _registration = default;
        _pin.Dispose();
        _pin = default;
        for (int i = 0; i < _pinCount; i++)
        {
            _pins[i].Dispose();
            _pins[i] = default;
        }

        _pinCount = 0;
        if (_handle is not null)
        {
            _handle.DangerousRelease();
            _handle = null;
        }
    }

    /// <summary>Undoes a <c>Begin</c> whose request never started (argument checks failed): releases and pools it.</summary>
    internal void Discard()
    {
        ReleaseResources();
        _token = default;
        _engine.ReturnToPool(this);
    }

    private void OnTokenCancelled()
    {
        CancelRequested = true;
        _engine.RequestCancel(this, Sequence);
    }

    // Every result shape goes through here: validates the token, frees the object for reuse, then reports.
    private CompletionEntry Take(short token, out OperationOutcome outcome)
    {
        CompletionEntry completion = _core.GetResult(token);
        if (Interlocked.Exchange(ref _resultTaken, 1) != 0)
        {
            throw new InvalidOperationException("The result of this operation was already taken: a ValueTask may be awaited only once.");
        }

        outcome = _outcome;
        CancellationToken cancellationToken = _token;
        _token = default;
        _core.Reset();
        _engine.ReturnToPool(this);
        if (outcome != OperationOutcome.Completed)
        {
            ThrowFor(outcome, cancellationToken, _engine);
        }

        return completion;
    }

    private int TakeChecked(short token)
    {
        ErrorKind errors = _errors;
        string name = _name;
        string? path = _subjectPath;
        bool creates = _creates;
        int result = Take(token, out _).Result;
        if (result < 0 && errors == ErrorKind.Errno)
        {
            throw new IoUringException(-result, name);
        }

        if (result < 0 && errors != ErrorKind.None)
        {
            throw AsyncErrors.For(errors, -result, name, path, creates);
        }

        return result;
    }

    private static void ThrowFor(OperationOutcome outcome, CancellationToken cancellationToken, RingEngine engine)
    {
        throw outcome switch
        {
            OperationOutcome.Canceled => new OperationCanceledException("The operation was cancelled; the kernel confirmed it.", cancellationToken),
            OperationOutcome.TimedOut => new TimeoutException("The operation's timeout passed before it completed; the kernel cancelled it."),
            _ => engine.StoppedException("The engine was disposed before the operation completed."),
        };
    }

    /// <summary>The awaitable for this use.</summary>
    internal ValueTask AsValueTask() => new(this, _core.Version);

    /// <summary>The awaitable for this use, with the result as <typeparamref name="T"/>.</summary>
    internal ValueTask<T> AsValueTask<T>() => new((IValueTaskSource<T>)(object)this, _core.Version);

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, _engine.WithoutOwnContext(flags));

    /// <inheritdoc/>
    void IValueTaskSource.GetResult(short token) => TakeChecked(token);

    /// <inheritdoc/>
    int IValueTaskSource<int>.GetResult(short token) => TakeChecked(token);

    /// <inheritdoc/>
    long IValueTaskSource<long>.GetResult(short token) => TakeChecked(token);

    /// <inheritdoc/>
    CompletionEntry IValueTaskSource<CompletionEntry>.GetResult(short token) => Take(token, out _);

    /// <inheritdoc/>
    FileStatus IValueTaskSource<FileStatus>.GetResult(short token)
    {
        StatxBuffer statx = _statx;
        TakeChecked(token);
        return new FileStatus(statx);
    }

    /// <inheritdoc/>
    PollEvents IValueTaskSource<PollEvents>.GetResult(short token) => (PollEvents)TakeChecked(token);

    /// <inheritdoc/>
    SafeFileHandle IValueTaskSource<SafeFileHandle>.GetResult(short token) => new(TakeChecked(token), ownsHandle: true);

    /// <inheritdoc/>
    Socket IValueTaskSource<Socket>.GetResult(short token) => new(new SafeSocketHandle(TakeChecked(token), ownsHandle: true));

    /// <inheritdoc/>
    SocketReceiveFromResult IValueTaskSource<SocketReceiveFromResult>.GetResult(short token)
    {
        // Read the sender before the object goes back to the pool (the version check in TakeChecked rejects a stale token).
        EndPoint? sender = _core.GetStatus(token) == ValueTaskSourceStatus.Succeeded ? SocketAddresses.ToEndPoint(Address, Message->NameLength) : null;
        int received = TakeChecked(token);
        return new SocketReceiveFromResult { ReceivedBytes = received, RemoteEndPoint = sender! };
    }
}
