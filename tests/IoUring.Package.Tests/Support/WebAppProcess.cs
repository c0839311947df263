using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace IoUring.Package.Tests.Support;

/// <summary>
/// A web app started as a child process on a port the kernel picks (<c>ASPNETCORE_URLS=http://127.0.0.1:0</c>); its
/// address is read from Kestrel's "Now listening on:" line. Disposing kills it.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly Regex Listening = new(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)", RegexOptions.CultureInvariant);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebAppProcess(Process process) => _process = process;

    /// <summary>What the app printed so far (both streams), for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="assembly"/> <paramref name="arguments"/></c> and waits (bounded) until it listens.</summary>
    public static async Task<WebAppProcess> StartAsync(
        string assembly, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>().ToArray())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        foreach ((string name, string? value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var app = new WebAppProcess(new Process { StartInfo = start });
        app._process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        Task exited = app._process.WaitForExitAsync();
        Task listening = app._address.Task.WaitAsync(timeout);
        await Task.WhenAny(listening, exited);
        if (!app._address.Task.IsCompletedSuccessfully)
        {
            string why = app._process.HasExited ? $"exited with code {app._process.ExitCode}" : $"did not listen within {timeout.TotalSeconds:F0} s";
            await app.DisposeAsync();
            throw new InvalidOperationException($"dotnet {assembly} {string.Join(' ', arguments)} {why}:\n{app.Output}");
        }

        return app;
    }

    /// <summary>The address Kestrel listens on.</summary>
    public Uri Address => _address.Task.Result;

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        Match match = Listening.Match(line);
        if (match.Success)
        {
            _address.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
