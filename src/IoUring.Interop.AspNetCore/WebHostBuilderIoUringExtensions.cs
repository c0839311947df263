using System;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IoUring.Interop.AspNetCore;

/// <summary>Switches Kestrel to the io_uring transport.</summary>
/// <remarks>Available since Linux 5.6.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public static class WebHostBuilderIoUringExtensions
{
    /// <summary>Makes Kestrel take its connections from io_uring (falling back to Sockets where io_uring is unavailable).</summary>
    /// <param name="builder">The web host builder (<c>WebApplicationBuilder.WebHost</c>).</param>
    /// <param name="configure">Changes the default options, or null.</param>
    /// <returns>The same builder.</returns>
    public static IWebHostBuilder UseIoUring(this IWebHostBuilder builder, Action<IoUringTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services =>
        {
            // Kestrel tries the factories registered last first, so this one is asked before the Sockets default.
            services.AddSingleton<IoUringTransportFactory>();
            services.AddSingleton<IConnectionListenerFactory>(provider => provider.GetRequiredService<IoUringTransportFactory>());
            if (configure is not null)
            {
                services.Configure(configure);
            }
        });
    }
}
