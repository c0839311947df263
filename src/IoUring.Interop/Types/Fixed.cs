namespace IoUring.Interop;

/// <summary>An index into the ring's registered file table (a direct descriptor), as an operation's target.</summary>
/// <remarks>Builders set <c>IOSQE_FIXED_FILE</c> for it. Available since Linux 5.1.</remarks>
/// <param name="Index">The slot in the table registered with <c>Submitter.RegisterFiles</c>.</param>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_register.2.html"/>
public readonly record struct Fixed(uint Index);
