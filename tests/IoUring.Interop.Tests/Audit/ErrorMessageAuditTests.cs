using System;
using FluentAssertions;
using IoUring.Interop.Native;
using Xunit;

namespace IoUring.Interop.Tests.Audit;

/// <summary>Errors name the operation, the errno's name, number and text; argument errors name the argument.</summary>
public class ErrorMessageAuditTests
{
    [Fact]
    public void IoUringException_message_has_operation_errno_name_number_and_text()
    {
        using var ring = new Ring(8);

        var error = Assert.Throws<IoUringException>(() => ring.Submitter.RegisterClock((RingClock)12345));

        error.Should().BeAssignableTo<System.IO.IOException>();
        error.Errno.Should().Be(22);
        error.ErrnoName.Should().Be("EINVAL");
        error.Operation.Should().Be(nameof(io_uring_register_op.IORING_REGISTER_CLOCK));
        error.Message.Should().Be("IORING_REGISTER_CLOCK failed: EINVAL (22): Invalid argument");
    }

    [Theory]
    [InlineData(2, "ENOENT")]
    [InlineData(11, "EAGAIN")]
    [InlineData(16, "EBUSY")]
    [InlineData(62, "ETIME")]
    [InlineData(95, "EOPNOTSUPP")]
    [InlineData(36, "ENAMETOOLONG")]
    [InlineData(39, "ENOTEMPTY")]
    [InlineData(40, "ELOOP")]
    [InlineData(101, "ENETUNREACH")]
    [InlineData(133, "EHWPOISON")]
    public void IoUringException_names_every_errno_the_library_meets(int errno, string name)
    {
        var error = new IoUringException(errno, "op");

        error.ErrnoName.Should().Be(name);
        error.Message.Should().StartWith($"op failed: {name} ({errno}): ").And.NotEndWith(": ");
    }

    [Theory]
    [InlineData(41, "errno 41")]
    [InlineData(134, "errno 134")]
    [InlineData(-5, "EIO")]
    [InlineData(-134, "errno 134")]
    public void An_errno_without_a_name_shows_its_number_and_a_negated_one_is_accepted(int errno, string name)
    {
        // The kernel's negated form (-5) is the errno 5; an unnamed value prints as a number, never as "E?(n)".
        new IoUringException(errno, "op").ErrnoName.Should().Be(name);
    }

    [Fact]
    public void A_zero_entry_ring_is_an_argument_error_naming_entries()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new Ring(0));

        error.ParamName.Should().Be("entries");
    }

    [Fact]
    public void Too_many_iovecs_is_an_argument_error_naming_the_span_and_the_ring_stays_usable()
    {
        using var ring = new Ring(8);
        var iovecs = new IoVector[16385];

        var error = Assert.ThrowsAny<ArgumentException>(() => ring.Submitter.RegisterBuffers(iovecs));
        error.ParamName.Should().Be("buffers");

        ring.SubmissionQueue.TryPush(new IoUring.Interop.Opcodes.Nop().Build().WithUserData(5)).Should().BeTrue();
        ring.SubmitAndWait(1).Should().Be(1);
        ring.CompletionQueue.TryDequeue(out CompletionEntry cqe).Should().BeTrue();
        cqe.UserData.Should().Be(5);
    }
}
