using System;
using System.IO;
using System.Runtime.InteropServices;

namespace IoUring.Interop.Reliability.Child;

/// <summary>The process-wide things edge values point at: a temp file, a pipe, an eventfd, a directory, a closed fd
/// number, and a zeroed buffer. Made once per child; every call gets fresh rings.</summary>
internal static unsafe class Fixtures
{
    /// <summary>Bytes in <see cref="Buffer"/>.</summary>
    public const int BufferBytes = 1 << 16;

    static Fixtures()
    {
        Folder = Directory.CreateTempSubdirectory("iouring-badinput-").FullName;
        Buffer = (byte*)NativeMemory.AlignedAlloc(BufferBytes, 4096);
        NativeMemory.Clear(Buffer, BufferBytes);
    }

    /// <summary>The child's temp folder (deleted at exit).</summary>
    public static string Folder { get; }

    /// <summary>A zeroed, page-aligned buffer of <see cref="BufferBytes"/> bytes that pointer arguments may name.</summary>
    public static byte* Buffer { get; }

    /// <summary>Opens a fresh, empty temp file for one call (the call may close it); the caller closes it after.</summary>
    public static int OpenFile() =>
        Posix.open(Path.Combine(Folder, "file"), Posix.O_RDWR | Posix.O_CREAT | Posix.O_CLOEXEC, 0x180);

    /// <summary>Removes the temp folder.</summary>
    public static void Cleanup()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a call may have left a file the child cannot remove; the temp folder is the system's.
        }
    }
}
