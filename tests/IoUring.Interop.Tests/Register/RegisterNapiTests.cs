using Xunit;

namespace IoUring.Interop.Tests.Register;

// Mirrors io-uring-test/src/tests/register_napi.rs: the kernel hands back the previous settings each time.
public sealed class RegisterNapiTests
{
    [Fact]
    public void RegisterNapi_ReturnsThePreviousSettings()
    {
        using var ring = new Ring(8);
        var first = new Napi { BusyPollTimeout = 60, PreferBusyPoll = true };
        try
        {
            ring.Submitter.RegisterNapi(ref first);
        }
        catch (IoUringException ex)
        {
            KernelFeature.SkipIfUnsupported(ex, "IORING_REGISTER_NAPI");
            throw;
        }
        Assert.Equal(0u, first.BusyPollTimeout);
        Assert.False(first.PreferBusyPoll);

        var second = new Napi { BusyPollTimeout = 120 };
        ring.Submitter.RegisterNapi(ref second);
        Assert.Equal(60u, second.BusyPollTimeout);
        Assert.True(second.PreferBusyPoll);

        var current = new Napi();
        ring.Submitter.UnregisterNapi(ref current);
        Assert.Equal(120u, current.BusyPollTimeout);
    }

    [Fact]
    public void RegisterNapiAddId_NeedsStaticTracking_AndAKnownId()
    {
        using var ring = new Ring(8);
        // Dynamic tracking (the default) refuses explicit ids.
        Assert.Equal("EINVAL", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterNapiAddId(1)).ErrnoName);

        var staticTracking = new Napi { BusyPollTimeout = 10, Tracking = NapiTracking.Static };
        try
        {
            ring.Submitter.RegisterNapi(ref staticTracking);
        }
        catch (IoUringException ex)
        {
            KernelFeature.SkipIfUnsupported(ex, "NAPI static tracking");
            throw;
        }
        // No NIC queue has NAPI id 1 here, and an id never added cannot be removed.
        Assert.Throws<IoUringException>(() => ring.Submitter.RegisterNapiAddId(1));
        Assert.Equal("ENOENT", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterNapiDelId(1)).ErrnoName);

        var current = new Napi();
        ring.Submitter.UnregisterNapi(ref current);
        Assert.Equal(NapiTracking.Static, current.Tracking);
    }
}
