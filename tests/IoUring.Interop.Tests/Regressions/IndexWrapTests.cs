using System;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using IoUring.Interop.Tests.Opcodes.Support;
using Xunit;

namespace IoUring.Interop.Tests.Regressions;

/// <summary>
/// Issue 9, defect 1: <c>Close(new Fixed(uint.MaxValue))</c> encoded <c>file_index = Index + 1</c>, which wrapped to 0,
/// so the kernel read the entry as a close of raw fd 0 and closed the process's stdin. A slot whose 1-based index
/// does not fit below IORING_FILE_INDEX_ALLOC is now refused before anything reaches the ring.
/// </summary>
public class IndexWrapTests
{
    [Theory]
    [InlineData(uint.MaxValue)] // + 1 wraps to 0: "close raw fd 0"
    [InlineData(uint.MaxValue - 1)] // + 1 is IORING_FILE_INDEX_ALLOC, not a slot
    public void Closing_a_slot_whose_one_based_index_wraps_is_refused_before_submission(uint slot)
    {
        Action build = () => new Close(new Fixed(slot)).Build();

        build.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == "Fd" && e.Message.Contains(slot.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_highest_encodable_slot_reaches_the_kernel_as_that_slot_and_the_ring_stays_usable()
    {
        using var ring = new Ring(8);
        (int read, int write) = Libc.Pipe();
        try
        {
            ring.Submitter.RegisterFiles([read, write]);

            // 0xFFFFFFFD + 1 = 0xFFFFFFFE: a slot far past the 2-entry table, so the kernel refuses it;
            // what matters is that it is not 0 (a raw fd close) and not 0xFFFFFFFF.
            SubmissionEntry highest = new Close(new Fixed(uint.MaxValue - 2)).Build();
            highest.Native.file_index.Should().Be(uint.MaxValue - 1);
            highest.Native.fd.Should().Be(0);
            ring.Run(highest).Result.Should().BeNegative();

            ring.Run(new Close(new Fixed(1)).Build()).Result.Should().Be(0, "slot 1 is closed through file_index 2");
            ring.Run(Nops.Make(5)).UserData.Should().Be(5UL);
        }
        finally
        {
            Libc.close(read);
            Libc.close(write);
        }
    }
}
