using System;
using System.Collections.Generic;
using System.IO;

namespace IoUring.Interop.Reliability.Child;

/// <summary>What one call owns: its ring, fresh fds of each kind (a call may close any of them: Close is an opcode),
/// a closed fd number, and everything the argument values created (released after the call).</summary>
internal sealed class CallContext : IDisposable
{
    private readonly List<IDisposable> _owned = new();
    private Async.RingEngine? _engine;

    public CallContext(Ring ring)
    {
        Ring = ring;
        FileFd = Fixtures.OpenFile();
        (PipeRead, PipeWrite) = Posix.Pipe();
        EventFd = Posix.eventfd(0, Posix.O_CLOEXEC);
        DirectoryFd = Posix.open(Fixtures.Folder, Posix.O_DIRECTORY | Posix.O_CLOEXEC, 0);

        // Opened last and closed at once: the lowest free number, closed while the call runs.
        ClosedFd = Posix.open(Path.Combine(Fixtures.Folder, "closed"), Posix.O_RDWR | Posix.O_CREAT | Posix.O_CLOEXEC, 0x180);
        Posix.close(ClosedFd);
    }

    /// <summary>The ring of this call.</summary>
    public Ring Ring { get; }

    /// <summary>An open, empty temp file: the benign fd.</summary>
    public int FileFd { get; }

    /// <summary>The read end of a pipe nobody writes (a wrong-type fd for file operations).</summary>
    public int PipeRead { get; }

    /// <summary>The write end of that pipe.</summary>
    public int PipeWrite { get; }

    /// <summary>An eventfd (the wrong type for almost everything).</summary>
    public int EventFd { get; }

    /// <summary>A directory fd.</summary>
    public int DirectoryFd { get; }

    /// <summary>An fd number that is closed.</summary>
    public int ClosedFd { get; }

    /// <summary>The call's async engine, made on first use (a thread and a ring: only members that need one pay), so a
    /// buffer pool and the member it is passed to share it.</summary>
    public Async.RingEngine Engine => _engine ??= Own(new Async.RingEngine());

    /// <summary>Keeps <paramref name="value"/> to dispose after the call.</summary>
    public T Own<T>(T value)
        where T : IDisposable
    {
        _owned.Add(value);
        return value;
    }

    /// <summary>Disposes what the values created and closes the fds (some may be closed already by the call).</summary>
    public void Dispose()
    {
        // Last made, first released: a buffer pool goes before the engine it was registered on.
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        foreach (int fd in (ReadOnlySpan<int>)[FileFd, PipeRead, PipeWrite, EventFd, DirectoryFd])
        {
            Posix.close(fd);
        }
    }
}
