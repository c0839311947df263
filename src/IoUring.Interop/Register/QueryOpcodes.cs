using IoUring.Interop.Native;

namespace IoUring.Interop;

/// <summary>What the kernel's io_uring supports, as answered by <see cref="Submitter.Query"/> (io_uring_query_opcode).</summary>
/// <remarks>Available since Linux 6.18.</remarks>
public readonly struct QueryOpcodes
{
    private readonly io_uring_query_opcode _native;

    internal QueryOpcodes(in io_uring_query_opcode native) => _native = native;

    /// <summary>How many IORING_OP_* opcodes the kernel knows (its IORING_OP_LAST).</summary>
    public uint RequestOpcodeCount => _native.nr_request_opcodes;

    /// <summary>How many io_uring_register(2) opcodes the kernel knows (its IORING_REGISTER_LAST).</summary>
    public uint RegisterOpcodeCount => _native.nr_register_opcodes;

    /// <summary>Every IORING_FEAT_* the kernel reports.</summary>
    public Features Features => (Features)_native.feature_flags;

    /// <summary>Every IORING_SETUP_* flag the kernel accepts.</summary>
    public SetupFlags SetupFlags => (SetupFlags)_native.ring_setup_flags;

    /// <summary>Every IORING_ENTER_* flag the kernel accepts.</summary>
    public EnterFlags EnterFlags => (EnterFlags)_native.enter_flags;

    /// <summary>Every IOSQE_* flag the kernel accepts.</summary>
    public SqeFlags SqeFlags => (SqeFlags)_native.sqe_flags;

    /// <summary>How many query kinds the kernel answers (0 on kernels that predate the field).</summary>
    public uint QueryOpcodeCount => _native.nr_query_opcodes;

    /// <summary>The answer as text.</summary>
    public override string ToString()
        => $"QueryOpcodes {{ RequestOpcodeCount = {RequestOpcodeCount}, RegisterOpcodeCount = {RegisterOpcodeCount}, Features = {Features}, SetupFlags = {SetupFlags}, EnterFlags = {EnterFlags}, SqeFlags = {SqeFlags}, QueryOpcodeCount = {QueryOpcodeCount} }}";
}
