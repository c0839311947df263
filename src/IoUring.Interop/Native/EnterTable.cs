using IoUring.Interop.SourceGeneration;

namespace IoUring.Interop.Native;

// The io_uring_enter(2) argument forms, from which the generator writes the typed Syscalls.Enter overloads.
[EnterOverload(EnterArgKind.None, "5.1", "Submits SQEs and/or waits for completions")]
[EnterOverload(EnterArgKind.Sigset, "5.1", "Submits and waits with a signal mask installed for the wait")]
[EnterOverload(EnterArgKind.GeteventsArg, "5.11", "Submits and waits with an extended argument: signal mask, timeout and minimum wait")]
[EnterOverload(EnterArgKind.RegisteredWaitOffset, "6.13", "Submits and waits with a wait argument taken from the registered wait region")]
internal static class EnterTable
{
}
