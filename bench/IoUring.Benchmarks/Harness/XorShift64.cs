namespace IoUring.Benchmarks.Harness;

/// <summary>
/// Marsaglia's xorshift64 (shifts 13, 7, 17), the offset generator shared with the C twin in bench/native:
/// the same seed gives the same block sequence in both, so the two read the same offsets.
/// </summary>
internal struct XorShift64
{
    /// <summary>The seed both harnesses start from.</summary>
    public const ulong Seed = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    public XorShift64(ulong seed) => _state = seed == 0 ? Seed : seed;

    public ulong Next()
    {
        ulong x = _state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        _state = x;
        return x;
    }

    /// <summary>The byte offset of the next block: a uniformly drawn block index times the block size.</summary>
    public long NextOffset(long blocks, int blockSize) => (long)(Next() % (ulong)blocks) * blockSize;
}
