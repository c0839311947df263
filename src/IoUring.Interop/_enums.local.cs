// LOCAL ONLY - never committed: stands in for the source generator's flag enums until they land on main.
#pragma warning disable CS1591
using System;
namespace IoUring.Interop
{
    [Flags] public enum SetupFlags : uint { None = 0 }
    [Flags] public enum Features : uint { None = 0 }
    [Flags] public enum EnterFlags : uint { None = 0 }
    [Flags] public enum SqeFlags : uint { None = 0 }
    [Flags] public enum CqeFlags : uint { None = 0 }
    [Flags] public enum SqRingFlags : uint { None = 0 }
    [Flags] public enum CqRingFlags : uint { None = 0 }
    [Flags] public enum AsyncCancelFlags : uint { None = 0 }
}
