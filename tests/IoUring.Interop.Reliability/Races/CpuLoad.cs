using System;
using System.Threading;

namespace IoUring.Interop.Reliability.Races;

/// <summary>Threads that spin on every core until disposed: they preempt the kernel's io-wq workers between steps,
/// which is what widens a race window of a few instructions into one a test can hit.</summary>
internal sealed class CpuLoad : IDisposable
{
    private readonly Thread[] _threads;
    private volatile bool _stop;

    private CpuLoad(int count)
    {
        _threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Spin) { IsBackground = true, Name = "cpu-load" };
            _threads[i].Start();
        }
    }

    /// <summary>One spinning thread per processor.</summary>
    public static CpuLoad OnEveryCore() => new(Environment.ProcessorCount);

    private void Spin()
    {
        while (!_stop)
        {
            Thread.SpinWait(1000);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop = true;
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
    }
}
