using System;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

/// <summary>Where an operation that creates a file (open, accept, socket) installs it in the registered file table.</summary>
/// <remarks>Rust's <c>types::DestinationSlot</c>. Available since Linux 5.15 (<see cref="Auto"/> since 5.19).</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_openat_direct.3.html"/>
public readonly struct DestinationSlot
{
    private DestinationSlot(uint fileIndex) => FileIndex = fileIndex;

    /// <summary>Lets the kernel pick a free slot and report it in the completion's result.</summary>
    /// <remarks>Available since Linux 5.19.</remarks>
    public static DestinationSlot Auto => new(IORING_FILE_INDEX_ALLOC);

    /// <summary>Installs into the given 0-based slot, replacing what is there.</summary>
    /// <remarks>Available since Linux 5.15.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The slot would collide with <c>IORING_FILE_INDEX_ALLOC</c>.</exception>
    public static DestinationSlot At(uint slot) => new(OneBasedFileIndex(slot, nameof(slot)));

    /// <summary>The kernel's 1-based <c>sqe.file_index</c> for 0-based <paramref name="slot"/>, refusing slots whose index would wrap.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> + 1 is 0 or IORING_FILE_INDEX_ALLOC.</exception>
    internal static uint OneBasedFileIndex(uint slot, string argument)
    {
        // file_index is slot + 1 (0 means "not a direct descriptor": a close would then act on raw fd 0) and ~0U
        // means "allocate", so the two highest slots have no encoding.
        if (slot >= IORING_FILE_INDEX_ALLOC - 1)
        {
            throw new ArgumentOutOfRangeException(argument, slot,
                $"Registered slot {slot} has no 1-based file_index: slot + 1 must stay below IORING_FILE_INDEX_ALLOC ({IORING_FILE_INDEX_ALLOC}).");
        }

        return slot + 1;
    }

    /// <summary>The value for <c>sqe.file_index</c>: slot + 1, or <c>IORING_FILE_INDEX_ALLOC</c>.</summary>
    internal uint FileIndex { get; }

    /// <summary>Whether the kernel chooses the slot.</summary>
    /// <remarks>Available since Linux 5.15.</remarks>
    public bool IsAuto => FileIndex == IORING_FILE_INDEX_ALLOC;

    /// <inheritdoc/>
    public override string ToString() => IsAuto ? "Auto" : $"At({FileIndex - 1})";
}
