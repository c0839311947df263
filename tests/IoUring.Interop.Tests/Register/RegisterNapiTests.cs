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
    public void RegisterNapiAddIdDelId_NeedStaticTracking_AndManageTheList()
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
        // Ids below MIN_NAPI_ID are not NAPI ids at all. A valid id joins the static list (no queue needs to
        // have it yet), leaves it once, and a second removal finds nothing.
        Assert.Equal("EINVAL", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterNapiAddId(1)).ErrnoName);
        Assert.Equal("EINVAL", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterNapiDelId(1)).ErrnoName);
        ring.Submitter.RegisterNapiAddId(1_000_000);
        Assert.Equal("EEXIST", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterNapiAddId(1_000_000)).ErrnoName);
        ring.Submitter.RegisterNapiDelId(1_000_000);
        Assert.Equal("ENOENT", Assert.Throws<IoUringException>(() => ring.Submitter.RegisterNapiDelId(1_000_000)).ErrnoName);

        var current = new Napi();
        ring.Submitter.UnregisterNapi(ref current);
        // Unregistering reports the timeout and preference only (io_uring/napi.c), not the tracking mode.
        Assert.Equal(10u, current.BusyPollTimeout);
    }
}
