using System.Collections.Generic;

namespace IoUring.Interop.AspNetCore.Internal;

/// <summary>The per-connection item bag (created on first use: most connections never touch it).</summary>
internal sealed class ConnectionItems : Dictionary<object, object?>
{
}
