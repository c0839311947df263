using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Multishot read: keeps reading into provided buffers from <see cref="BufferGroup"/>, one completion per chunk, until an error or EOF.</summary>
/// <remarks>
/// Available since Linux 6.7. Completions carry CqeFlags.More while the request stays armed; the file must be pollable (a pipe, a socket, an eventfd...).
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_read_multishot.3.html"/>
public struct ReadMulti
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.ReadMultiShot;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Pollable file to read.</param>
    /// <param name="length">Bytes per read, at most the provided buffer's size; 0 means the whole buffer.</param>
    /// <param name="bufferGroup">Provided-buffer group the kernel picks buffers from.</param>
    public ReadMulti(FileTarget fd, uint length, ushort bufferGroup)
    {
        Fd = fd;
        Length = length;
        BufferGroup = bufferGroup;
    }

    /// <summary>Pollable file to read.</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Bytes per read; 0 means the whole provided buffer.</summary>
    public uint Length { get; set; }

    /// <summary>Provided-buffer group.</summary>
    public ushort BufferGroup { get; set; }

    /// <summary>File offset (0 or -1 for streams).</summary>
    public long Offset { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        entry.Sqe.len = Length;
        entry.Sqe.off = (ulong)Offset;
        EntryStart.SelectBuffer(ref entry, BufferGroup);
        return entry;
    }
}
