using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace IoUring.Benchmarks.Harness;

/// <summary><c>await ThreadPoolHop.Instance</c> always continues on a thread-pool thread (never inline, whatever the
/// synchronization context): how <c>async-read --callers pool</c> puts each read's caller outside the reactor.</summary>
internal readonly struct ThreadPoolHop : ICriticalNotifyCompletion
{
    public static readonly ThreadPoolHop Instance;

    public bool IsCompleted => false;

    public ThreadPoolHop GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
}
