using System;
using FluentAssertions;
using IoUring.Interop.Opcodes;
using Xunit;

namespace IoUring.Interop.ApiTests;

/// <summary><see cref="CompletionEntry.IsError"/>, <see cref="CompletionEntry.Error"/>, <see cref="CompletionEntry.ThrowIfError"/>
/// and <see cref="CompletionEntry.ToString"/> on completions the kernel really posted.</summary>
public unsafe class CompletionEntryErrorTests
{
    [Fact]
    public void A_failed_completion_names_its_errno()
    {
        using var ring = new Ring(4);
        byte buffer = 0;
        // fd -1 is never open: the read completes with -EBADF.
        ring.SubmissionQueue.TryPush(new Read(new Fd(-1), &buffer, 1).Build().WithUserData(0x2a)).Should().BeTrue();
        ring.SubmitAndWait(1);

        ring.CompletionQueue.TryDequeue(out var cqe).Should().BeTrue();

        cqe.IsError.Should().BeTrue();
        cqe.Error.Should().Be(Errno.EBADF);
        cqe.ToString().Should().Be("CompletionEntry { Result = -9 (EBADF), UserData = 0x2a, Flags = None }");
        IoUringException e = Assert.Throws<IoUringException>(() => cqe.ThrowIfError("read of fd -1"));
        e.Error.Should().Be(Errno.EBADF);
        e.Message.Should().StartWith("read of fd -1 failed: EBADF (9): ");
    }

    [Fact]
    public void A_successful_completion_is_not_an_error_and_ThrowIfError_returns_the_result()
    {
        using var ring = new Ring(4);
        ring.SubmissionQueue.TryPush(new Nop().Build().WithUserData(7)).Should().BeTrue();
        ring.SubmitAndWait(1);

        ring.CompletionQueue.TryDequeue(out var cqe).Should().BeTrue();

        cqe.IsError.Should().BeFalse();
        cqe.Error.Should().Be(Errno.None);
        cqe.ThrowIfError("nop").Should().Be(0);
        cqe.ToString().Should().Be("CompletionEntry { Result = 0, UserData = 0x7, Flags = None }");
    }

    [Fact]
    public void A_canceled_request_reports_ECANCELED_and_the_cancel_reports_its_count()
    {
        using var ring = new Ring(8);
        Timespec forever = Timespec.From(60, 0);
        ring.SubmissionQueue.TryPush(new TimeoutAdd(&forever).Build().WithUserData(1)).Should().BeTrue();
        ring.Submit();
        ring.SubmissionQueue.TryPush(new AsyncCancel(1).Build().WithUserData(2)).Should().BeTrue();
        ring.SubmitAndWait(2);

        CompletionEntry timeout = default, cancel = default;
        for (int i = 0; i < 2; i++)
        {
            ring.CompletionQueue.TryDequeue(out var cqe).Should().BeTrue();
            if (cqe.UserData == 1) timeout = cqe; else cancel = cqe;
        }

        timeout.Error.Should().Be(Errno.ECANCELED);
        cancel.IsError.Should().BeFalse();
    }

    [Fact]
    public void TryDequeue_compiles_with_a_discard_and_with_var()
    {
        using var ring = new Ring(4);
        ring.SubmissionQueue.TryPush(new Nop().Build()).Should().BeTrue();
        ring.SubmissionQueue.TryPush(new Nop().Build()).Should().BeTrue();
        ring.SubmitAndWait(2);

        ring.CompletionQueue.TryDequeue(out _).Should().BeTrue();
        ring.CompletionQueue.TryDequeue(out var second).Should().BeTrue();
        second.Should().BeOfType<CompletionEntry>();
        ring.CompletionQueue.TryDequeue(out _).Should().BeFalse();
    }

    [Fact]
    public void The_32_byte_form_has_its_own_name_and_the_same_helpers()
    {
        using Ring ring = Ring.Builder().SetupCqe32().Build(4);
        ring.SubmissionQueue.TryPush(new Nop { InjectResult = -(int)Errno.EAGAIN }.Build().WithUserData(3)).Should().BeTrue();
        ring.SubmitAndWait(1);

        ring.CompletionQueue.TryDequeue32(out var big).Should().BeTrue();

        if (big.Result == -(int)Errno.EINVAL)
            Assert.Skip("IORING_NOP_INJECT_RESULT needs Linux 6.10.");
        big.Error.Should().Be(Errno.EAGAIN);
        big.ToString().Should().Contain("Result = -11 (EAGAIN)");
        Assert.Throws<IoUringException>(() => big.ThrowIfError("nop")).Error.Should().Be(Errno.EAGAIN);
    }
}
