using System;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IoUring.Interop.AspNetCore;

/// <summary>Switches Kestrel to the io_uring transport.</summary>
/// <remarks>Available since Linux 5.6.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man7/io_uring.7.html"/>
public static class WebHostBuilderIoUringExtensions
{
    /// <summary>Makes Kestrel take its connections from io_uring (falling back to Sockets where io_uring is unavailable).</summary>
    /// <remarks>The options are bound from the configuration section <see cref="IoUringTransportOptions.ConfigurationSectionName"/>
    /// ("Kestrel:IoUring"), then <paramref name="configure"/> runs, so code has the last word; they are validated when
    /// the host starts, which fails with an <see cref="OptionsValidationException"/> naming each bad key.</remarks>
    /// <param name="builder">The web host builder (<c>WebApplicationBuilder.WebHost</c>).</param>
    /// <param name="configure">Changes the options after configuration, or null.</param>
    /// <returns>The same builder.</returns>
    public static IWebHostBuilder UseIoUring(this IWebHostBuilder builder, Action<IoUringTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices((context, services) =>
        {
            // Kestrel tries the factories registered last first, so this one is asked before the Sockets default.
            services.AddSingleton<IoUringTransportFactory>();
            services.AddSingleton<IConnectionListenerFactory>(provider => provider.GetRequiredService<IoUringTransportFactory>());

            // As Kestrel binds its own options from "Kestrel": configuration first, code after, checked at start.
            OptionsBuilder<IoUringTransportOptions> options = services.AddOptions<IoUringTransportOptions>();
            options.Bind(context.Configuration.GetSection(IoUringTransportOptions.ConfigurationSectionName));
            if (configure is not null)
            {
                options.Configure(configure);
            }

            options.ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IoUringTransportOptions>, IoUringTransportOptionsValidator>());
        });
    }
}
