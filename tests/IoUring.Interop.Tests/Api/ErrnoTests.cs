using System;
using System.IO;
using System.Runtime.InteropServices;
using FluentAssertions;
using Xunit;

// Outside IoUring.Interop.Tests on purpose: that namespace has the tests' own int Errno constants, which would hide
// the public enum under test.
namespace IoUring.Interop.ApiTests;

/// <summary>The public <see cref="Errno"/> enum and <see cref="IoUringException"/>'s errno, name and message.</summary>
public class ErrnoTests
{
    [Theory]
    [InlineData(Errno.EPERM, 1)]
    [InlineData(Errno.ENOENT, 2)]
    [InlineData(Errno.EINTR, 4)]
    [InlineData(Errno.EBADF, 9)]
    [InlineData(Errno.EAGAIN, 11)]
    [InlineData(Errno.EINVAL, 22)]
    [InlineData(Errno.ETIME, 62)]
    [InlineData(Errno.EOPNOTSUPP, 95)]
    [InlineData(Errno.ENOBUFS, 105)]
    [InlineData(Errno.ETIMEDOUT, 110)]
    [InlineData(Errno.ECANCELED, 125)]
    [InlineData(Errno.EHWPOISON, 133)]
    public void Values_are_the_kernels_numbers_and_print_their_C_name(Errno errno, int value)
    {
        ((int)errno).Should().Be(value);
        errno.ToString().Should().StartWith("E").And.Be(Enum.GetName(errno));
    }

    [Fact]
    public void Every_value_has_the_C_librarys_message()
    {
        foreach (Errno errno in Enum.GetValues<Errno>())
        {
            if (errno == Errno.None)
                continue;
            errno.GetMessage().Should().Be(Marshal.GetPInvokeErrorMessage((int)errno));
            errno.GetMessage().Should().NotStartWith("Unknown error", "{0} is a value glibc knows", errno);
        }
    }

    [Fact]
    public void Every_value_from_1_to_133_is_named_except_the_two_the_kernel_leaves_unused()
    {
        for (int value = 1; value <= 133; value++)
        {
            // 41 and 58 are holes in asm-generic/errno.h (EWOULDBLOCK and EDEADLOCK are aliases, not numbers).
            Enum.IsDefined((Errno)value).Should().Be(value is not (41 or 58), "errno {0}", value);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-2)]
    public void The_exception_accepts_the_kernels_negated_value(int value)
    {
        var e = new IoUringException(value, "openat");

        e.Error.Should().Be(Errno.ENOENT);
        e.Errno.Should().Be(2);
        e.ErrnoName.Should().Be("ENOENT");
        e.Message.Should().Be("openat failed: ENOENT (2): " + Marshal.GetPInvokeErrorMessage(2));
        e.Message.Should().NotContain("E?");
        e.Should().BeAssignableTo<IOException>();
    }

    [Fact]
    public void An_unnamed_value_is_printed_as_a_number_not_E_question_mark()
    {
        var e = new IoUringException(-600, "io_uring_enter");

        e.ErrnoName.Should().Be("errno 600");
        e.Message.Should().StartWith("io_uring_enter failed: errno 600 (600): ");
    }

    [Fact]
    public void The_standard_constructors_exist_and_carry_no_errno()
    {
        var inner = new InvalidOperationException("cause");

        new IoUringException().Message.Should().NotBeNullOrEmpty();
        new IoUringException("custom").Message.Should().Be("custom");
        var wrapped = new IoUringException("outer", inner);
        wrapped.InnerException.Should().BeSameAs(inner);
        wrapped.Error.Should().Be(Errno.None);
        wrapped.Operation.Should().BeEmpty();
    }

    [Fact]
    public void The_typed_constructor_names_the_operation_and_errno()
    {
        var e = new IoUringException(Errno.ECANCELED, "read of block 3");

        e.Message.Should().Be("read of block 3 failed: ECANCELED (125): " + Errno.ECANCELED.GetMessage());
        e.HResult.Should().Be(125);
    }

    [Fact]
    public void A_failing_register_call_throws_with_the_errno_as_enum()
    {
        using var ring = new Ring(4);

        // Unregistering buffers that were never registered: ENXIO (io_uring/rsrc.c).
        IoUringException e = Assert.Throws<IoUringException>(() => ring.Submitter.UnregisterBuffers());

        e.Error.Should().Be(Errno.ENXIO);
        e.Message.Should().Contain("IORING_UNREGISTER_BUFFERS failed: ENXIO (6)");
    }
}
