using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Reliability.Transport;

/// <summary>Asks a server's /health every 20 ms on one keep-alive connection for as long as a fault runs, and counts
/// what it got: answers, failures (an exception or a status other than 200), the slowest answer.</summary>
/// <remarks>Each request may take 30 s before it counts as failed: a slow machine is not a failure; a server that
/// stops answering is. The slowest answer is reported, never asserted (it depends on the machine's load).</remarks>
public sealed class HealthProbe : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _answers;
    private long _failures;
    private long _worstTicks;
    private string? _firstFailure;

    /// <summary>Starts probing <paramref name="endPoint"/>.</summary>
    public HealthProbe(IPEndPoint endPoint)
    {
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { Timeout = TimeSpan.FromSeconds(30) };
        var uri = new Uri($"http://127.0.0.1:{endPoint.Port}/health");
        _loop = Task.Run(() => Loop(uri));
    }

    /// <summary>Answers so far (also the watchdog's progress while a fault holds every other client still).</summary>
    public long Answers => Interlocked.Read(ref _answers);

    /// <summary>Requests that failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The slowest answer.</summary>
    public TimeSpan Worst => TimeSpan.FromTicks(Interlocked.Read(ref _worstTicks));

    /// <summary>The first failure, described.</summary>
    public string? FirstFailure => _firstFailure;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task Loop(Uri uri)
    {
        while (!_stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using HttpResponseMessage response = await _client.GetAsync(uri, _stop.Token).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync(_stop.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK && body == "ok")
                {
                    Interlocked.Increment(ref _answers);
                }
                else
                {
                    Fail($"status {(int)response.StatusCode}, body '{body}'");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Fail($"{e.GetType().Name}: {e.Message}");
            }

            long ticks = clock.Elapsed.Ticks;
            long worst;
            while (ticks > (worst = Interlocked.Read(ref _worstTicks)) && Interlocked.CompareExchange(ref _worstTicks, ticks, worst) != worst)
            {
            }

            try
            {
                await Task.Delay(20, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Fail(string what)
    {
        Interlocked.CompareExchange(ref _firstFailure, what, null);
        Interlocked.Increment(ref _failures);
    }
}
