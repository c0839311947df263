// complete: errors-completion; prints: CompletionEntry { Result = -104 (ECONNRESET), UserData = 0x7, Flags = None }
using IoUring.Interop;
using IoUring.Interop.Opcodes;

// docs/errors.md, "An operation fails": a NOP that asks the kernel to complete it with -ECONNRESET (Linux 6.10).
using var ring = new Ring(8);
ring.SubmissionQueue.TryPush(new Nop { InjectResult = -(int)Errno.ECONNRESET }.Build().WithUserData(7));
ring.SubmitAndWait(1);
ring.CompletionQueue.TryDequeue(out var cqe);
if (cqe.IsError)                                  // Result < 0
    Console.WriteLine(cqe.Error);                 // Errno.ECONNRESET
try
{
    int bytes = cqe.ThrowIfError("recv from client"); // or: the result, or an IoUringException naming the errno
}
catch (IoUringException e)
{
    Console.WriteLine(e.Message);
}
Console.WriteLine(cqe);                           // CompletionEntry { Result = -104 (ECONNRESET), UserData = 0x7, Flags = None }
