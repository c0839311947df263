// complete: async-linked-timeout; prints: nop completed with 0
using IoUring.Interop;
using IoUring.Interop.Async;
using IoUring.Interop.Opcodes;

// docs/async.md, "Cancellation and timeouts": any opcode builder's entry, bounded by a linked timeout in the kernel.
RingEngine engine = RingEngine.Default;
SubmissionEntry entry = new Nop().Build();
CompletionEntry done = await engine.SubmitAsync(entry, TimeSpan.FromSeconds(5));   // linked timeout
Console.WriteLine($"nop completed with {done.Result}");
